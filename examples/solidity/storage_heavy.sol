// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Workload `storage-heavy`: writes slot i = i·i + 7 for i < 64, reads all back, returns the sum.
contract StorageHeavy {
    uint64[64] internal slots;

    function run() external returns (uint64 sum) {
        for (uint64 i = 0; i < 64; i++) slots[i] = i * i + 7;
        for (uint256 i = 0; i < 64; i++) sum += slots[i];
    }
}
