// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Checked and unchecked uint32 arithmetic at the edges of the type (generated family: one per width).
contract ArithUint32 {
    uint32 public last;

    function add(uint32 a, uint32 b) external pure returns (uint32) { return a + b; }
    function sub(uint32 a, uint32 b) external pure returns (uint32) { return a - b; }
    function mul(uint32 a, uint32 b) external pure returns (uint32) { return a * b; }
    function div(uint32 a, uint32 b) external pure returns (uint32) { return a / b; }
    function mod(uint32 a, uint32 b) external pure returns (uint32) { return a % b; }
    function pow(uint32 a, uint16 b) external pure returns (uint32) { return a ** b; }
    function shl(uint32 a, uint256 b) external pure returns (uint32) { return a << b; }
    function shr(uint32 a, uint256 b) external pure returns (uint32) { return a >> b; }
    function uadd(uint32 a, uint32 b) external pure returns (uint32) { unchecked { return a + b; } }
    function usub(uint32 a, uint32 b) external pure returns (uint32) { unchecked { return a - b; } }
    function umul(uint32 a, uint32 b) external pure returns (uint32) { unchecked { return a * b; } }
    function udiv(uint32 a, uint32 b) external pure returns (uint32) { unchecked { return a / b; } }
    function upow(uint32 a, uint16 b) external pure returns (uint32) { unchecked { return a ** b; } }
    function bits(uint32 a, uint32 b) external pure returns (uint32, uint32, uint32, uint32) { return (a & b, a | b, a ^ b, ~a); }
    function cmp(uint32 a, uint32 b) external pure returns (bool, bool, bool, bool) { return (a < b, a <= b, a == b, a > b); }
    function widen(uint32 a) external pure returns (uint256) { return a; }
    function reinterpret(uint32 a) external pure returns (int32) { return int32(a); }
    function narrow(uint32 a) external pure returns (uint8) { return uint8(a); }
    function accumulate(uint32 a) external { last += a; }
    function decrement(uint32 a) external { last -= a; }
}
