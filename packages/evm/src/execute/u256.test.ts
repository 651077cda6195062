import { describe, expect, it } from 'vitest';
import {
  byteAt,
  bytesToWord,
  exp,
  MAX_U256,
  readWord,
  sar,
  sdiv,
  signExtend,
  smod,
  wordToBytes,
  writeWord,
} from './u256.js';

const NEG = (x: bigint) => (1n << 256n) - x;

describe('256-bit word arithmetic (Yellow Paper Appendix H)', () => {
  it('EXP agrees with plain square-and-multiply mod 2^256', () => {
    const reference = (b: bigint, e: bigint) => {
      let r = 1n;
      let x = b;
      for (let k = e; k > 0n; k >>= 1n) {
        if (k & 1n) r = (r * x) & MAX_U256;
        x = (x * x) & MAX_U256;
      }
      return r;
    };
    const samples = [
      0n,
      1n,
      2n,
      3n,
      10n,
      255n,
      256n,
      0x10000n,
      MAX_U256,
      MAX_U256 - 1n,
      1n << 255n,
      0x1234567890abcdefn,
    ];
    for (const b of samples) for (const e of samples) expect(exp(b, e)).toBe(reference(b, e));
    expect(exp(2n, 255n)).toBe(1n << 255n);
    expect(exp(2n, 256n)).toBe(0n);
  });
  it('signed division and modulo', () => {
    expect(sdiv(NEG(7n), 2n)).toBe(NEG(3n));
    expect(sdiv(1n << 255n, MAX_U256)).toBe(1n << 255n);
    expect(smod(NEG(7n), 3n)).toBe(NEG(1n));
    expect(smod(7n, NEG(3n))).toBe(1n);
    expect(sdiv(5n, 0n)).toBe(0n);
  });
  it('SIGNEXTEND, BYTE and SAR', () => {
    expect(signExtend(0n, 0xffn)).toBe(MAX_U256);
    expect(signExtend(0n, 0x7fn)).toBe(0x7fn);
    expect(signExtend(31n, 0x80n)).toBe(0x80n);
    expect(byteAt(31n, 0x1234n)).toBe(0x34n);
    expect(byteAt(32n, 0x1234n)).toBe(0n);
    expect(sar(4n, NEG(16n))).toBe(NEG(1n));
    expect(sar(300n, NEG(1n))).toBe(MAX_U256);
  });
  it('word <-> bytes', () => {
    expect(wordToBytes(0x0102n, 4)).toEqual(Uint8Array.of(0, 0, 1, 2));
    expect(wordToBytes(0xabcn, 2)).toEqual(Uint8Array.of(0x0a, 0xbc));
    const memory = new Uint8Array(40).fill(9);
    writeWord(memory, 4, 0xffn);
    expect(memory[3]).toBe(9);
    expect(memory[35]).toBe(0xff);
    expect(memory.subarray(4, 35).every((b) => b === 0)).toBe(true);
    expect(readWord(memory, 4)).toBe(0xffn);
    expect(readWord(memory, 30, 32)).toBe(0xff09090909n << (22n * 8n)); // zero-padded past the end
  });
  it('word <-> bytes agrees with a per-byte reference on every width and size class', () => {
    // Small (< 2^53), 64-bit, full-width and wider-than-a-word values take different paths.
    const reference = (x: bigint, width: number) => {
      const out = new Uint8Array(width);
      for (let i = width - 1; i >= 0; i--, x >>= 8n) out[i] = Number(x & 0xffn);
      return out;
    };
    let x = 0x9e3779b97f4a7c15n;
    for (let i = 0; i < 400; i++) {
      x = (x * 0x5851f42d4c957f2dn + 0x14057b7ef767814fn) & ((1n << 320n) - 1n);
      const value = x >> BigInt((i * 7) % 320);
      for (const width of [1, 5, 8, 20, 31, 32, 40]) {
        const bytes = wordToBytes(value, width);
        expect(bytes, `${value} in ${width}`).toEqual(reference(value, width));
        expect(bytesToWord(bytes)).toBe(value & ((1n << BigInt(8 * width)) - 1n));
      }
      const memory = new Uint8Array(48).fill(7);
      writeWord(memory, 9, value & MAX_U256);
      expect(readWord(memory, 9)).toBe(value & MAX_U256);
      expect(memory[8]).toBe(7);
      expect(memory[41]).toBe(7);
    }
  });
});
