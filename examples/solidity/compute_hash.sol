// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Workload `compute-hash`: h = 32 zero bytes; 64 times h = sha256(h).
contract ComputeHash {
    function run() external pure returns (bytes32 h) {
        for (uint256 i = 0; i < 64; i++) h = sha256(abi.encodePacked(h));
    }
}
