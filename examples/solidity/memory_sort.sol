// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Workload `memory-sort`: 128 values a_i = lcg^(i+1)(42) >> 32 in memory, insertion sort,
/// returns Σ(i+1)·a[i] mod 2^64, min and max.
contract MemorySort {
    function run() external pure returns (uint64 checksum, uint64 min, uint64 max) {
        uint64[] memory a = new uint64[](128);
        uint64 x = 42;
        unchecked {
            for (uint256 i = 0; i < 128; i++) {
                x = x * 6364136223846793005 + 1442695040888963407;
                a[i] = x >> 32;
            }
        }
        for (uint256 i = 1; i < 128; i++) {
            uint64 key = a[i];
            uint256 j = i;
            while (j > 0 && a[j - 1] > key) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = key;
        }
        unchecked {
            for (uint256 i = 0; i < 128; i++) checksum += uint64(i + 1) * a[i];
        }
        return (checksum, a[0], a[127]);
    }
}
