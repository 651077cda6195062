import { describe, it } from 'vitest';
import { agreeWithIr, type Call } from './ir-agreement.js';

const SHIFTS = `
pragma solidity ^0.8.20;
contract Shifts {
    function s4(bytes4 a, uint256 n) external pure returns (bytes4, bytes4) { return (a << n, a >> n); }
    function s1(bytes1 a, uint8 n) external pure returns (bytes1, bytes1) { return (a << n, a >> n); }
    function s20(bytes20 a, uint16 n) external pure returns (bytes20, bytes20) { return (a << n, a >> n); }
    function s32(bytes32 a, uint256 n) external pure returns (bytes32, bytes32) { return (a << n, a >> n); }
}`;

describe('shifts of bytesN (the value cut to N bytes, as the EVM shifts the left-aligned word)', () => {
  it('agree with the IR for in-range, boundary and huge shift amounts', () => {
    const b4 = '0x81020304';
    const b20 = `0x${'f1'.repeat(10)}${'0e'.repeat(10)}`;
    const b32 = `0x${'a5'.repeat(32)}`;
    const calls: Call[] = [
      ...[0n, 1n, 7n, 8n, 31n, 32n, 33n, 255n, 256n, 2n ** 200n].map((n): Call => ['s4', [b4, n]]),
      ...[0n, 1n, 7n, 8n, 9n, 255n].map((n): Call => ['s1', ['0x80', n]]),
      ...[0n, 4n, 159n, 160n, 161n, 1000n].map((n): Call => ['s20', [b20, n]]),
      ...[0n, 1n, 255n, 256n].map((n): Call => ['s32', [b32, n]]),
    ];
    agreeWithIr(SHIFTS, 'Shifts', calls);
  });
});
