// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Checked and unchecked uint64 arithmetic at the edges of the type (generated family: one per width).
contract ArithUint64 {
    uint64 public last;

    function add(uint64 a, uint64 b) external pure returns (uint64) { return a + b; }
    function sub(uint64 a, uint64 b) external pure returns (uint64) { return a - b; }
    function mul(uint64 a, uint64 b) external pure returns (uint64) { return a * b; }
    function div(uint64 a, uint64 b) external pure returns (uint64) { return a / b; }
    function mod(uint64 a, uint64 b) external pure returns (uint64) { return a % b; }
    function pow(uint64 a, uint16 b) external pure returns (uint64) { return a ** b; }
    function shl(uint64 a, uint256 b) external pure returns (uint64) { return a << b; }
    function shr(uint64 a, uint256 b) external pure returns (uint64) { return a >> b; }
    function uadd(uint64 a, uint64 b) external pure returns (uint64) { unchecked { return a + b; } }
    function usub(uint64 a, uint64 b) external pure returns (uint64) { unchecked { return a - b; } }
    function umul(uint64 a, uint64 b) external pure returns (uint64) { unchecked { return a * b; } }
    function udiv(uint64 a, uint64 b) external pure returns (uint64) { unchecked { return a / b; } }
    function upow(uint64 a, uint16 b) external pure returns (uint64) { unchecked { return a ** b; } }
    function bits(uint64 a, uint64 b) external pure returns (uint64, uint64, uint64, uint64) { return (a & b, a | b, a ^ b, ~a); }
    function cmp(uint64 a, uint64 b) external pure returns (bool, bool, bool, bool) { return (a < b, a <= b, a == b, a > b); }
    function widen(uint64 a) external pure returns (uint256) { return a; }
    function reinterpret(uint64 a) external pure returns (int64) { return int64(a); }
    function narrow(uint64 a) external pure returns (uint8) { return uint8(a); }
    function accumulate(uint64 a) external { last += a; }
    function decrement(uint64 a) external { last -= a; }
}
