// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Checked and unchecked int32 arithmetic at the edges of the type (generated family: one per width).
contract ArithInt32 {
    int32 public last;

    function add(int32 a, int32 b) external pure returns (int32) { return a + b; }
    function sub(int32 a, int32 b) external pure returns (int32) { return a - b; }
    function mul(int32 a, int32 b) external pure returns (int32) { return a * b; }
    function div(int32 a, int32 b) external pure returns (int32) { return a / b; }
    function mod(int32 a, int32 b) external pure returns (int32) { return a % b; }
    function pow(int32 a, uint16 b) external pure returns (int32) { return a ** b; }
    function shl(int32 a, uint256 b) external pure returns (int32) { return a << b; }
    function shr(int32 a, uint256 b) external pure returns (int32) { return a >> b; }
    function uadd(int32 a, int32 b) external pure returns (int32) { unchecked { return a + b; } }
    function usub(int32 a, int32 b) external pure returns (int32) { unchecked { return a - b; } }
    function umul(int32 a, int32 b) external pure returns (int32) { unchecked { return a * b; } }
    function udiv(int32 a, int32 b) external pure returns (int32) { unchecked { return a / b; } }
    function upow(int32 a, uint16 b) external pure returns (int32) { unchecked { return a ** b; } }
    function bits(int32 a, int32 b) external pure returns (int32, int32, int32, int32) { return (a & b, a | b, a ^ b, ~a); }
    function cmp(int32 a, int32 b) external pure returns (bool, bool, bool, bool) { return (a < b, a <= b, a == b, a > b); }
    function widen(int32 a) external pure returns (int256) { return a; }
    function reinterpret(int32 a) external pure returns (uint32) { return uint32(a); }
    function narrow(int32 a) external pure returns (int8) { return int8(a); }
    function neg(int32 a) external pure returns (int32) { return -a; }
    function uneg(int32 a) external pure returns (int32) { unchecked { return -a; } }
    function accumulate(int32 a) external { last += a; }
    function decrement(int32 a) external { last -= a; }
}
