// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Checked and unchecked uint256 arithmetic at the edges of the type (generated family: one per width).
contract ArithUint256 {
    uint256 public last;

    function add(uint256 a, uint256 b) external pure returns (uint256) { return a + b; }
    function sub(uint256 a, uint256 b) external pure returns (uint256) { return a - b; }
    function mul(uint256 a, uint256 b) external pure returns (uint256) { return a * b; }
    function div(uint256 a, uint256 b) external pure returns (uint256) { return a / b; }
    function mod(uint256 a, uint256 b) external pure returns (uint256) { return a % b; }
    function pow(uint256 a, uint16 b) external pure returns (uint256) { return a ** b; }
    function shl(uint256 a, uint256 b) external pure returns (uint256) { return a << b; }
    function shr(uint256 a, uint256 b) external pure returns (uint256) { return a >> b; }
    function uadd(uint256 a, uint256 b) external pure returns (uint256) { unchecked { return a + b; } }
    function usub(uint256 a, uint256 b) external pure returns (uint256) { unchecked { return a - b; } }
    function umul(uint256 a, uint256 b) external pure returns (uint256) { unchecked { return a * b; } }
    function udiv(uint256 a, uint256 b) external pure returns (uint256) { unchecked { return a / b; } }
    function upow(uint256 a, uint16 b) external pure returns (uint256) { unchecked { return a ** b; } }
    function bits(uint256 a, uint256 b) external pure returns (uint256, uint256, uint256, uint256) { return (a & b, a | b, a ^ b, ~a); }
    function cmp(uint256 a, uint256 b) external pure returns (bool, bool, bool, bool) { return (a < b, a <= b, a == b, a > b); }
    function widen(uint256 a) external pure returns (uint256) { return a; }
    function reinterpret(uint256 a) external pure returns (int256) { return int256(a); }
    function narrow(uint256 a) external pure returns (uint8) { return uint8(a); }
    function accumulate(uint256 a) external { last += a; }
    function decrement(uint256 a) external { last -= a; }
}
