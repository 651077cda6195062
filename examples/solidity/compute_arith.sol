// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Workload `compute-arith`: 10,000 steps of Knuth's MMIX LCG mod 2^64.
contract ComputeArith {
    function run() external pure returns (uint64 x) {
        x = 1;
        unchecked {
            for (uint256 i = 0; i < 10_000; ++i) x = x * 6364136223846793005 + 1442695040888963407;
        }
    }
}
