// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Checked and unchecked uint16 arithmetic at the edges of the type (generated family: one per width).
contract ArithUint16 {
    uint16 public last;

    function add(uint16 a, uint16 b) external pure returns (uint16) { return a + b; }
    function sub(uint16 a, uint16 b) external pure returns (uint16) { return a - b; }
    function mul(uint16 a, uint16 b) external pure returns (uint16) { return a * b; }
    function div(uint16 a, uint16 b) external pure returns (uint16) { return a / b; }
    function mod(uint16 a, uint16 b) external pure returns (uint16) { return a % b; }
    function pow(uint16 a, uint16 b) external pure returns (uint16) { return a ** b; }
    function shl(uint16 a, uint256 b) external pure returns (uint16) { return a << b; }
    function shr(uint16 a, uint256 b) external pure returns (uint16) { return a >> b; }
    function uadd(uint16 a, uint16 b) external pure returns (uint16) { unchecked { return a + b; } }
    function usub(uint16 a, uint16 b) external pure returns (uint16) { unchecked { return a - b; } }
    function umul(uint16 a, uint16 b) external pure returns (uint16) { unchecked { return a * b; } }
    function udiv(uint16 a, uint16 b) external pure returns (uint16) { unchecked { return a / b; } }
    function upow(uint16 a, uint16 b) external pure returns (uint16) { unchecked { return a ** b; } }
    function bits(uint16 a, uint16 b) external pure returns (uint16, uint16, uint16, uint16) { return (a & b, a | b, a ^ b, ~a); }
    function cmp(uint16 a, uint16 b) external pure returns (bool, bool, bool, bool) { return (a < b, a <= b, a == b, a > b); }
    function widen(uint16 a) external pure returns (uint256) { return a; }
    function reinterpret(uint16 a) external pure returns (int16) { return int16(a); }
    function narrow(uint16 a) external pure returns (uint8) { return uint8(a); }
    function accumulate(uint16 a) external { last += a; }
    function decrement(uint16 a) external { last -= a; }
}
