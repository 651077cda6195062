// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Checked and unchecked int128 arithmetic at the edges of the type (generated family: one per width).
contract ArithInt128 {
    int128 public last;

    function add(int128 a, int128 b) external pure returns (int128) { return a + b; }
    function sub(int128 a, int128 b) external pure returns (int128) { return a - b; }
    function mul(int128 a, int128 b) external pure returns (int128) { return a * b; }
    function div(int128 a, int128 b) external pure returns (int128) { return a / b; }
    function mod(int128 a, int128 b) external pure returns (int128) { return a % b; }
    function pow(int128 a, uint16 b) external pure returns (int128) { return a ** b; }
    function shl(int128 a, uint256 b) external pure returns (int128) { return a << b; }
    function shr(int128 a, uint256 b) external pure returns (int128) { return a >> b; }
    function uadd(int128 a, int128 b) external pure returns (int128) { unchecked { return a + b; } }
    function usub(int128 a, int128 b) external pure returns (int128) { unchecked { return a - b; } }
    function umul(int128 a, int128 b) external pure returns (int128) { unchecked { return a * b; } }
    function udiv(int128 a, int128 b) external pure returns (int128) { unchecked { return a / b; } }
    function upow(int128 a, uint16 b) external pure returns (int128) { unchecked { return a ** b; } }
    function bits(int128 a, int128 b) external pure returns (int128, int128, int128, int128) { return (a & b, a | b, a ^ b, ~a); }
    function cmp(int128 a, int128 b) external pure returns (bool, bool, bool, bool) { return (a < b, a <= b, a == b, a > b); }
    function widen(int128 a) external pure returns (int256) { return a; }
    function reinterpret(int128 a) external pure returns (uint128) { return uint128(a); }
    function narrow(int128 a) external pure returns (int8) { return int8(a); }
    function neg(int128 a) external pure returns (int128) { return -a; }
    function uneg(int128 a) external pure returns (int128) { unchecked { return -a; } }
    function accumulate(int128 a) external { last += a; }
    function decrement(int128 a) external { last -= a; }
}
