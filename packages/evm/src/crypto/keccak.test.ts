import { keccak_256 } from '@noble/hashes/sha3.js';
import { toHex, utf8ToBytes } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { keccak256, keccak256Word } from './keccak.js';

describe('keccak256', () => {
  it('matches the known digests of "" and "abc"', () => {
    expect(toHex(keccak256(new Uint8Array(0)))).toBe(
      '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470',
    );
    expect(toHex(keccak256(utf8ToBytes('abc')))).toBe(
      '0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45',
    );
  });
  it('agrees with @noble/hashes on every length around the 136-byte block boundary', () => {
    let seed = 1;
    for (let length = 0; length <= 300; length++) {
      const data = Uint8Array.from({ length }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
      expect(toHex(keccak256(data))).toBe(toHex(keccak_256(data)));
    }
  });
  it('hashes a window of a larger buffer into a word', () => {
    const buffer = Uint8Array.from({ length: 100 }, (_, i) => i);
    const word = keccak256Word(buffer, 10, 64);
    expect(`0x${word.toString(16).padStart(64, '0')}`).toBe(toHex(keccak_256(buffer.subarray(10, 74))));
  });
});
