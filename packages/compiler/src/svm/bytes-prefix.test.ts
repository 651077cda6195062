import { describe, it } from 'vitest';
import { agreeWithIr } from './ir-agreement.js';

const PREFIX = `
pragma solidity ^0.8.20;
contract Prefix {
    function cut(bytes memory b) external pure returns (bytes1, bytes4, bytes20, bytes32) {
        return (bytes1(b), bytes4(b), bytes20(b), bytes32(b));
    }
}`;

describe('bytesN(bytes): the first N bytes, zero-padded on the right', () => {
  it('agrees with the IR for empty, short, exact and long inputs', () => {
    agreeWithIr(
      PREFIX,
      'Prefix',
      [
        '0x',
        '0xab',
        '0x01020304',
        `0x${'c3'.repeat(20)}`,
        `0x${'9f'.repeat(31)}`,
        `0x${'5a'.repeat(40)}`,
      ].map((hex) => ['cut', [hex]] as const),
    );
  });
});
