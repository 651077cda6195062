// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Checked and unchecked uint128 arithmetic at the edges of the type (generated family: one per width).
contract ArithUint128 {
    uint128 public last;

    function add(uint128 a, uint128 b) external pure returns (uint128) { return a + b; }
    function sub(uint128 a, uint128 b) external pure returns (uint128) { return a - b; }
    function mul(uint128 a, uint128 b) external pure returns (uint128) { return a * b; }
    function div(uint128 a, uint128 b) external pure returns (uint128) { return a / b; }
    function mod(uint128 a, uint128 b) external pure returns (uint128) { return a % b; }
    function pow(uint128 a, uint16 b) external pure returns (uint128) { return a ** b; }
    function shl(uint128 a, uint256 b) external pure returns (uint128) { return a << b; }
    function shr(uint128 a, uint256 b) external pure returns (uint128) { return a >> b; }
    function uadd(uint128 a, uint128 b) external pure returns (uint128) { unchecked { return a + b; } }
    function usub(uint128 a, uint128 b) external pure returns (uint128) { unchecked { return a - b; } }
    function umul(uint128 a, uint128 b) external pure returns (uint128) { unchecked { return a * b; } }
    function udiv(uint128 a, uint128 b) external pure returns (uint128) { unchecked { return a / b; } }
    function upow(uint128 a, uint16 b) external pure returns (uint128) { unchecked { return a ** b; } }
    function bits(uint128 a, uint128 b) external pure returns (uint128, uint128, uint128, uint128) { return (a & b, a | b, a ^ b, ~a); }
    function cmp(uint128 a, uint128 b) external pure returns (bool, bool, bool, bool) { return (a < b, a <= b, a == b, a > b); }
    function widen(uint128 a) external pure returns (uint256) { return a; }
    function reinterpret(uint128 a) external pure returns (int128) { return int128(a); }
    function narrow(uint128 a) external pure returns (uint8) { return uint8(a); }
    function accumulate(uint128 a) external { last += a; }
    function decrement(uint128 a) external { last -= a; }
}
