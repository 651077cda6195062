// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Checked and unchecked uint8 arithmetic at the edges of the type (generated family: one per width).
contract ArithUint8 {
    uint8 public last;

    function add(uint8 a, uint8 b) external pure returns (uint8) { return a + b; }
    function sub(uint8 a, uint8 b) external pure returns (uint8) { return a - b; }
    function mul(uint8 a, uint8 b) external pure returns (uint8) { return a * b; }
    function div(uint8 a, uint8 b) external pure returns (uint8) { return a / b; }
    function mod(uint8 a, uint8 b) external pure returns (uint8) { return a % b; }
    function pow(uint8 a, uint16 b) external pure returns (uint8) { return a ** b; }
    function shl(uint8 a, uint256 b) external pure returns (uint8) { return a << b; }
    function shr(uint8 a, uint256 b) external pure returns (uint8) { return a >> b; }
    function uadd(uint8 a, uint8 b) external pure returns (uint8) { unchecked { return a + b; } }
    function usub(uint8 a, uint8 b) external pure returns (uint8) { unchecked { return a - b; } }
    function umul(uint8 a, uint8 b) external pure returns (uint8) { unchecked { return a * b; } }
    function udiv(uint8 a, uint8 b) external pure returns (uint8) { unchecked { return a / b; } }
    function upow(uint8 a, uint16 b) external pure returns (uint8) { unchecked { return a ** b; } }
    function bits(uint8 a, uint8 b) external pure returns (uint8, uint8, uint8, uint8) { return (a & b, a | b, a ^ b, ~a); }
    function cmp(uint8 a, uint8 b) external pure returns (bool, bool, bool, bool) { return (a < b, a <= b, a == b, a > b); }
    function widen(uint8 a) external pure returns (uint256) { return a; }
    function reinterpret(uint8 a) external pure returns (int8) { return int8(a); }
    function narrow(uint8 a) external pure returns (uint8) { return uint8(a); }
    function accumulate(uint8 a) external { last += a; }
    function decrement(uint8 a) external { last -= a; }
}
