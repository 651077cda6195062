import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { Sha256 } from './sha256.js';

describe('WebAssembly SHA-256 against @noble/hashes', () => {
  it('agrees on every length 0..300 and on split, buffer-crossing updates', () => {
    const hasher = new Sha256();
    const out = new Uint8Array(32);
    const data = Uint8Array.from({ length: 40_000 }, (_, i) => (i * 131 + (i >> 7)) & 0xff);
    for (let length = 0; length <= 300; length++) {
      hasher.reset().update(data.subarray(0, length)).digestInto(out);
      expect(out).toEqual(sha256(data.subarray(0, length)));
    }
    // Pieces of odd sizes across the 16 KiB buffer boundary, and a reused hasher.
    hasher.reset();
    for (let at = 0; at < data.length; at += 997)
      hasher.update(data.subarray(at, Math.min(at + 997, data.length)));
    hasher.digestInto(out);
    expect(out).toEqual(sha256(data));
  });

  it('gives the FIPS 180-2 example digest of "abc"', () => {
    const out = new Uint8Array(32);
    new Sha256().update(new TextEncoder().encode('abc')).digestInto(out);
    expect(Buffer.from(out).toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
