// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract BytesOps {
    function bitwise(bytes32 a, bytes32 b) external pure returns (bytes32, bytes32, bytes32, bytes32) {
        return (a & b, a | b, a ^ b, ~a);
    }

    function shifts(bytes4 a, uint256 n) external pure returns (bytes4, bytes4) {
        return (a << n, a >> n);
    }

    function compare(bytes8 a, bytes8 b) external pure returns (bool, bool, bool) {
        return (a < b, a == b, a >= b);
    }

    function mask(bytes32 word, uint8 byteCount) external pure returns (bytes32) {
        bytes32 m = bytes32(type(uint256).max << (8 * (32 - uint256(byteCount))));
        return word & m;
    }
}
