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

  it('reads from and digests into DataViews (what sol_sha256 hands it) as from arrays', () => {
    const data = Uint8Array.from({ length: 700 }, (_, i) => (i * 7) & 0xff);
    const view = new DataView(data.buffer);
    const out = new DataView(new ArrayBuffer(40));
    const hasher = new Sha256();
    for (const [at, length] of [
      [0, 0],
      [3, 32],
      [5, 64],
      [1, 65],
      [9, 600],
    ] as const) {
      hasher.reset().updateView(view, at, length).updateView(view, 0, 17).digestIntoView(out, 5);
      const expected = sha256(Uint8Array.from([...data.subarray(at, at + length), ...data.subarray(0, 17)]));
      expect(new Uint8Array(out.buffer, 5, 32)).toEqual(expected);
    }
    // Every short length, from an odd offset, after an odd number of bytes already buffered
    // (the word-at-a-time copy and its tail).
    for (let length = 0; length <= 70; length++) {
      hasher.reset().updateView(view, 1, 3).updateView(view, 7, length).digestIntoView(out, 3);
      const expected = sha256(Uint8Array.from([...data.subarray(1, 4), ...data.subarray(7, 7 + length)]));
      expect(new Uint8Array(out.buffer, 3, 32)).toEqual(expected);
    }
  });

  it('gives the FIPS 180-2 example digest of "abc"', () => {
    const out = new Uint8Array(32);
    new Sha256().update(new TextEncoder().encode('abc')).digestInto(out);
    expect(Buffer.from(out).toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
