// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Checked and unchecked int16 arithmetic at the edges of the type (generated family: one per width).
contract ArithInt16 {
    int16 public last;

    function add(int16 a, int16 b) external pure returns (int16) { return a + b; }
    function sub(int16 a, int16 b) external pure returns (int16) { return a - b; }
    function mul(int16 a, int16 b) external pure returns (int16) { return a * b; }
    function div(int16 a, int16 b) external pure returns (int16) { return a / b; }
    function mod(int16 a, int16 b) external pure returns (int16) { return a % b; }
    function pow(int16 a, uint16 b) external pure returns (int16) { return a ** b; }
    function shl(int16 a, uint256 b) external pure returns (int16) { return a << b; }
    function shr(int16 a, uint256 b) external pure returns (int16) { return a >> b; }
    function uadd(int16 a, int16 b) external pure returns (int16) { unchecked { return a + b; } }
    function usub(int16 a, int16 b) external pure returns (int16) { unchecked { return a - b; } }
    function umul(int16 a, int16 b) external pure returns (int16) { unchecked { return a * b; } }
    function udiv(int16 a, int16 b) external pure returns (int16) { unchecked { return a / b; } }
    function upow(int16 a, uint16 b) external pure returns (int16) { unchecked { return a ** b; } }
    function bits(int16 a, int16 b) external pure returns (int16, int16, int16, int16) { return (a & b, a | b, a ^ b, ~a); }
    function cmp(int16 a, int16 b) external pure returns (bool, bool, bool, bool) { return (a < b, a <= b, a == b, a > b); }
    function widen(int16 a) external pure returns (int256) { return a; }
    function reinterpret(int16 a) external pure returns (uint16) { return uint16(a); }
    function narrow(int16 a) external pure returns (int8) { return int8(a); }
    function neg(int16 a) external pure returns (int16) { return -a; }
    function uneg(int16 a) external pure returns (int16) { unchecked { return -a; } }
    function accumulate(int16 a) external { last += a; }
    function decrement(int16 a) external { last -= a; }
}
