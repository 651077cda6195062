import { describe, expect, it } from 'vitest';
import {
  bigIntToBytes,
  bytesToBigInt,
  bytesToUtf8,
  compareBytes,
  concatBytes,
  equalBytes,
  fromHex,
  toHex,
  utf8ToBytes,
} from './bytes.js';
import { InvalidArgumentError } from './errors.js';

describe('bytes', () => {
  it('round-trips hex with and without prefix', () => {
    expect(toHex(Uint8Array.of(0, 1, 0xab))).toBe('0x0001ab');
    expect(fromHex('0x0001AB')).toEqual(Uint8Array.of(0, 1, 0xab));
    expect(fromHex('0001ab')).toEqual(Uint8Array.of(0, 1, 0xab));
    expect(fromHex('0x')).toEqual(new Uint8Array(0));
  });

  it('rejects malformed hex with precise messages', () => {
    expect(() => fromHex('0x123')).toThrow(/odd number of digits/);
    expect(() => fromHex('0xzz')).toThrow(/non-hex character/);
    expect(() => fromHex(12 as never)).toThrow(InvalidArgumentError);
    expect(() => toHex('00' as never)).toThrow(/must be a Uint8Array/);
  });

  it('compares and concatenates', () => {
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1))).toBe(false);
    expect(compareBytes(Uint8Array.of(1), Uint8Array.of(1, 0))).toBeLessThan(0);
    expect(compareBytes(Uint8Array.of(2), Uint8Array.of(1, 9))).toBeGreaterThan(0);
    expect(concatBytes(Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3))).toEqual(
      Uint8Array.of(1, 2, 3),
    );
  });

  it('converts big-endian integers with width checks', () => {
    expect(bigIntToBytes(0x0102n, 4)).toEqual(Uint8Array.of(0, 0, 1, 2));
    expect(bytesToBigInt(Uint8Array.of(0, 0, 1, 2))).toBe(0x0102n);
    expect(bytesToBigInt(new Uint8Array(0))).toBe(0n);
    expect(() => bigIntToBytes(256n, 1)).toThrow(/does not fit in 1 bytes/);
    expect(() => bigIntToBytes(-1n, 1)).toThrow(/non-negative/);
  });

  it('decodes UTF-8 strictly', () => {
    expect(bytesToUtf8(utf8ToBytes('héllo'))).toBe('héllo');
    expect(() => bytesToUtf8(Uint8Array.of(0xff))).toThrow(/not valid UTF-8/);
  });
});

describe('bytes input checks', () => {
  it('names the bad argument', () => {
    expect(() => equalBytes([1] as never, Uint8Array.of(1))).toThrow(
      /a must be a Uint8Array, got array\(1\)/,
    );
    expect(() => compareBytes(Uint8Array.of(1), 'x' as never)).toThrow(/b must be a Uint8Array/);
    expect(() => concatBytes(Uint8Array.of(1), null as never)).toThrow(
      /parts\[1\] must be a Uint8Array, got null/,
    );
  });
});
