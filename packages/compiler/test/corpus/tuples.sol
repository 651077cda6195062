// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Tuples {
    uint256 public a;
    uint256 public b;

    function divmod(uint256 x, uint256 y) public pure returns (uint256 q, uint256 r) {
        q = x / y;
        r = x % y;
    }

    function forward(uint256 x, uint256 y) external pure returns (uint256, uint256) {
        return divmod(x, y);
    }

    function partialTuple(uint256 x) external pure returns (uint256) {
        (, uint256 r) = divmod(x, 7);
        (uint256 q, ) = divmod(x, 3);
        return q * 10 + r;
    }

    function swapStorage(uint256 x, uint256 y) external returns (uint256, uint256) {
        a = x;
        b = y;
        (a, b) = (b, a);
        return (a, b);
    }

    function swapLocals(uint256 x, uint256 y, uint256 z) external pure returns (uint256, uint256, uint256) {
        (x, y, z) = (z, x, y);
        return (x, y, z);
    }

    function mixed(int8 s, bool f) external pure returns (bool, int8, address, bytes32) {
        return (!f, -s, address(uint160(uint8(s))), bytes32(uint256(uint8(s))));
    }

    function assignFromCall(uint256 x) external returns (uint256) {
        (a, b) = divmod(x, 10);
        return a + b;
    }
}
