// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Packing {
    uint8 public a;
    bool public b;
    address public c;
    uint64 public d;
    int16 public e;
    uint128 public f;
    uint128 public g;
    bytes3 public h;
    struct Slot { uint32 x; bool y; int8 z; bytes2 w; }
    Slot public s;
    uint8 public tail;

    function setAll(uint8 a_, bool b_, address c_, uint64 d_, int16 e_, uint128 f_, bytes3 h_) external {
        a = a_;
        b = b_;
        c = c_;
        d = d_;
        e = e_;
        f = f_;
        g = f_ / 3;
        h = h_;
        tail = a_ ^ 0xff;
    }

    function setSlot(uint32 x, bool y, int8 z, bytes2 w) external {
        s = Slot(x, y, z, w);
        s.z -= 1;
    }

    function bumpE() external {
        e += 1;
    }
}
