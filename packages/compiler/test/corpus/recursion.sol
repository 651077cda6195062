// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Recursion {
    function fib(uint64 n) public pure returns (uint64) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    function factorial(uint256 n) public pure returns (uint256) {
        if (n == 0) return 1;
        return n * factorial(n - 1);
    }

    function isEven(uint256 n) public pure returns (bool) {
        return n == 0 ? true : isOdd(n - 1);
    }

    function isOdd(uint256 n) public pure returns (bool) {
        return n == 0 ? false : isEven(n - 1);
    }

    function ackermann(uint256 m, uint256 n) public pure returns (uint256) {
        if (m == 0) return n + 1;
        if (n == 0) return ackermann(m - 1, 1);
        return ackermann(m - 1, ackermann(m, n - 1));
    }

    function gcd(uint256 a, uint256 b) external pure returns (uint256) {
        return b == 0 ? a : _gcd(b, a % b);
    }

    function _gcd(uint256 a, uint256 b) private pure returns (uint256) {
        if (b == 0) return a;
        return _gcd(b, a % b);
    }
}
