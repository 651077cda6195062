// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Checked and unchecked int64 arithmetic at the edges of the type (generated family: one per width).
contract ArithInt64 {
    int64 public last;

    function add(int64 a, int64 b) external pure returns (int64) { return a + b; }
    function sub(int64 a, int64 b) external pure returns (int64) { return a - b; }
    function mul(int64 a, int64 b) external pure returns (int64) { return a * b; }
    function div(int64 a, int64 b) external pure returns (int64) { return a / b; }
    function mod(int64 a, int64 b) external pure returns (int64) { return a % b; }
    function pow(int64 a, uint16 b) external pure returns (int64) { return a ** b; }
    function shl(int64 a, uint256 b) external pure returns (int64) { return a << b; }
    function shr(int64 a, uint256 b) external pure returns (int64) { return a >> b; }
    function uadd(int64 a, int64 b) external pure returns (int64) { unchecked { return a + b; } }
    function usub(int64 a, int64 b) external pure returns (int64) { unchecked { return a - b; } }
    function umul(int64 a, int64 b) external pure returns (int64) { unchecked { return a * b; } }
    function udiv(int64 a, int64 b) external pure returns (int64) { unchecked { return a / b; } }
    function upow(int64 a, uint16 b) external pure returns (int64) { unchecked { return a ** b; } }
    function bits(int64 a, int64 b) external pure returns (int64, int64, int64, int64) { return (a & b, a | b, a ^ b, ~a); }
    function cmp(int64 a, int64 b) external pure returns (bool, bool, bool, bool) { return (a < b, a <= b, a == b, a > b); }
    function widen(int64 a) external pure returns (int256) { return a; }
    function reinterpret(int64 a) external pure returns (uint64) { return uint64(a); }
    function narrow(int64 a) external pure returns (int8) { return int8(a); }
    function neg(int64 a) external pure returns (int64) { return -a; }
    function uneg(int64 a) external pure returns (int64) { unchecked { return -a; } }
    function accumulate(int64 a) external { last += a; }
    function decrement(int64 a) external { last -= a; }
}
