// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Workload `counter`: a u64 counter in storage; the transaction adds 1 and returns it.
contract Counter {
    uint64 public counter;

    function increment() external returns (uint64) {
        counter += 1;
        return counter;
    }
}
