// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Checked and unchecked int256 arithmetic at the edges of the type (generated family: one per width).
contract ArithInt256 {
    int256 public last;

    function add(int256 a, int256 b) external pure returns (int256) { return a + b; }
    function sub(int256 a, int256 b) external pure returns (int256) { return a - b; }
    function mul(int256 a, int256 b) external pure returns (int256) { return a * b; }
    function div(int256 a, int256 b) external pure returns (int256) { return a / b; }
    function mod(int256 a, int256 b) external pure returns (int256) { return a % b; }
    function pow(int256 a, uint16 b) external pure returns (int256) { return a ** b; }
    function shl(int256 a, uint256 b) external pure returns (int256) { return a << b; }
    function shr(int256 a, uint256 b) external pure returns (int256) { return a >> b; }
    function uadd(int256 a, int256 b) external pure returns (int256) { unchecked { return a + b; } }
    function usub(int256 a, int256 b) external pure returns (int256) { unchecked { return a - b; } }
    function umul(int256 a, int256 b) external pure returns (int256) { unchecked { return a * b; } }
    function udiv(int256 a, int256 b) external pure returns (int256) { unchecked { return a / b; } }
    function upow(int256 a, uint16 b) external pure returns (int256) { unchecked { return a ** b; } }
    function bits(int256 a, int256 b) external pure returns (int256, int256, int256, int256) { return (a & b, a | b, a ^ b, ~a); }
    function cmp(int256 a, int256 b) external pure returns (bool, bool, bool, bool) { return (a < b, a <= b, a == b, a > b); }
    function widen(int256 a) external pure returns (int256) { return a; }
    function reinterpret(int256 a) external pure returns (uint256) { return uint256(a); }
    function narrow(int256 a) external pure returns (int8) { return int8(a); }
    function neg(int256 a) external pure returns (int256) { return -a; }
    function uneg(int256 a) external pure returns (int256) { unchecked { return -a; } }
    function accumulate(int256 a) external { last += a; }
    function decrement(int256 a) external { last -= a; }
}
