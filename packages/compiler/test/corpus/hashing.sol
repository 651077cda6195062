// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Hashing {
    bytes32 public chain;

    function packed(uint8 a, address b, bytes32 c, string calldata d, bool e, int16 f, uint256 g)
        external pure returns (bytes32)
    {
        return keccak256(abi.encodePacked(a, b, c, d, e, f, g));
    }

    function standard(uint8 a, address b, int16 f) external pure returns (bytes32) {
        return keccak256(abi.encode(a, b, f));
    }

    function sha(bytes calldata data) external pure returns (bytes32, bytes32) {
        return (sha256(data), keccak256(data));
    }

    function shaPacked(uint64 a, bytes4 b) external pure returns (bytes32) {
        return sha256(abi.encodePacked(a, b));
    }

    function extend(uint256 n) external returns (bytes32) {
        for (uint256 i = 0; i < n; i++) chain = keccak256(abi.encodePacked(chain, i));
        return chain;
    }

    function arrayPacked(uint16[] memory values) external pure returns (bytes32) {
        return keccak256(abi.encodePacked(values));
    }

    function literalHash() external pure returns (bytes32, bytes32) {
        return (keccak256("Transfer(address,address,uint256)"), sha256(""));
    }
}
