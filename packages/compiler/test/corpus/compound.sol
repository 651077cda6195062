// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Compound {
    uint256 public x = 100;
    int32 public y = -7;
    mapping(uint256 => uint16) public m;
    uint8[] public arr;

    function ops(uint256 v) external returns (uint256) {
        x += v;
        x -= 1;
        x *= 3;
        x /= 2;
        x %= 1000;
        x |= 0x100;
        x &= 0xfff;
        x ^= 0x0f;
        x <<= 2;
        x >>= 1;
        return x;
    }

    function signedOps(int32 v) external returns (int32) {
        y += v;
        y *= 2;
        y /= -3;
        y >>= 1;
        return y;
    }

    function mappingOps(uint256 k, uint16 v) external returns (uint16) {
        m[k] += v;
        m[k]++;
        ++m[k];
        m[k]--;
        return m[k];
    }

    function arrayOps(uint8 v) external returns (uint8) {
        arr.push(v);
        arr[arr.length - 1] += 10;
        arr[0]--;
        return arr[arr.length - 1];
    }

    function localOps(uint256 a) external pure returns (uint256) {
        uint256[] memory mem = new uint256[](2);
        mem[1] = a;
        mem[1] *= 5;
        mem[0] += mem[1];
        a -= 1;
        return mem[0] + a;
    }
}
