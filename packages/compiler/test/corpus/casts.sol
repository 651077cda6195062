// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Casts {
    function addressRoundTrip(address a) external pure returns (uint160, bytes20, address) {
        return (uint160(a), bytes20(a), address(bytes20(uint160(a) + 1)));
    }

    function wordCasts(bytes32 w) external pure returns (uint256, bytes4, bytes1, bytes32) {
        return (uint256(w), bytes4(w), bytes1(w), bytes32(bytes4(w)));
    }

    function narrowing(uint256 x) external pure returns (uint8, uint16, uint64, uint128) {
        return (uint8(x), uint16(x), uint64(x), uint128(x));
    }

    function signedness(int256 x) external pure returns (uint256, int8, int64, uint64) {
        return (uint256(x), int8(x), int64(x), uint64(int64(x)));
    }

    function widening(int8 a, uint8 b) external pure returns (int256, uint256, int16) {
        int256 wide = a;
        uint256 uwide = b;
        int16 mid = a;
        return (wide, uwide, mid);
    }

    function bytesToUint(bytes2 b) external pure returns (uint16, bytes8) {
        return (uint16(b), bytes8(b));
    }

    function fromBytes(bytes memory data) external pure returns (bytes4, bytes32) {
        return (bytes4(data), bytes32(data));
    }
}
