// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Checked and unchecked int8 arithmetic at the edges of the type (generated family: one per width).
contract ArithInt8 {
    int8 public last;

    function add(int8 a, int8 b) external pure returns (int8) { return a + b; }
    function sub(int8 a, int8 b) external pure returns (int8) { return a - b; }
    function mul(int8 a, int8 b) external pure returns (int8) { return a * b; }
    function div(int8 a, int8 b) external pure returns (int8) { return a / b; }
    function mod(int8 a, int8 b) external pure returns (int8) { return a % b; }
    function pow(int8 a, uint16 b) external pure returns (int8) { return a ** b; }
    function shl(int8 a, uint256 b) external pure returns (int8) { return a << b; }
    function shr(int8 a, uint256 b) external pure returns (int8) { return a >> b; }
    function uadd(int8 a, int8 b) external pure returns (int8) { unchecked { return a + b; } }
    function usub(int8 a, int8 b) external pure returns (int8) { unchecked { return a - b; } }
    function umul(int8 a, int8 b) external pure returns (int8) { unchecked { return a * b; } }
    function udiv(int8 a, int8 b) external pure returns (int8) { unchecked { return a / b; } }
    function upow(int8 a, uint16 b) external pure returns (int8) { unchecked { return a ** b; } }
    function bits(int8 a, int8 b) external pure returns (int8, int8, int8, int8) { return (a & b, a | b, a ^ b, ~a); }
    function cmp(int8 a, int8 b) external pure returns (bool, bool, bool, bool) { return (a < b, a <= b, a == b, a > b); }
    function widen(int8 a) external pure returns (int256) { return a; }
    function reinterpret(int8 a) external pure returns (uint8) { return uint8(a); }
    function narrow(int8 a) external pure returns (int8) { return int8(a); }
    function neg(int8 a) external pure returns (int8) { return -a; }
    function uneg(int8 a) external pure returns (int8) { unchecked { return -a; } }
    function accumulate(int8 a) external { last += a; }
    function decrement(int8 a) external { last -= a; }
}
