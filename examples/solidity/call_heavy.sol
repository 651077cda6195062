// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Workload `call-heavy`: fib(15) by naive recursion (1,973 internal calls).
contract CallHeavy {
    function run() external pure returns (uint64) {
        return fib(15);
    }

    function fib(uint64 n) internal pure returns (uint64) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }
}
