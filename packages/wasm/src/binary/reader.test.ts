import { DecodeError } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { ByteReader } from './reader.js';
import { ByteWriter } from './writer.js';

const read = (bytes: number[]) => new ByteReader(Uint8Array.from(bytes));

describe('LEB128 (binary format 5.2.2)', () => {
  it('reads unsigned 32-bit values, including the maximum in 5 bytes', () => {
    expect(read([0x00]).u32()).toBe(0);
    expect(read([0xe5, 0x8e, 0x26]).u32()).toBe(624485);
    expect(read([0xff, 0xff, 0xff, 0xff, 0x0f]).u32()).toBe(0xffffffff);
    // Redundant zero padding is allowed as long as it fits in ceil(32/7) bytes.
    expect(read([0x80, 0x80, 0x80, 0x80, 0x00]).u32()).toBe(0);
  });

  it('rejects unused bits and overlong encodings', () => {
    expect(() => read([0xff, 0xff, 0xff, 0xff, 0x1f]).u32()).toThrow(/integer too large/);
    expect(() => read([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).u32()).toThrow(/representation too long/);
    expect(() => read([0x80]).u32()).toThrow(DecodeError);
  });

  it('reads signed 32-bit values with sign extension checks', () => {
    expect(read([0x7f]).s32()).toBe(-1);
    expect(read([0xc0, 0xbb, 0x78]).s32()).toBe(-123456);
    expect(read([0x80, 0x80, 0x80, 0x80, 0x78]).s32()).toBe(-2147483648);
    expect(read([0xff, 0xff, 0xff, 0xff, 0x07]).s32()).toBe(2147483647);
    expect(() => read([0xff, 0xff, 0xff, 0xff, 0x4f]).s32()).toThrow(/integer too large/);
    expect(() => read([0x80, 0x80, 0x80, 0x80, 0x70]).s32()).toThrow(/integer too large/);
  });

  it('reads signed 64-bit and 33-bit values', () => {
    expect(read([0x7f]).s64()).toBe(-1n);
    expect(read([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f]).s64()).toBe(-(2n ** 63n));
    expect(() => read([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]).s64()).toThrow(
      /too large/,
    );
    expect(read([0x40]).s33()).toBe(-64);
    expect(read([0x05]).s33()).toBe(5);
  });

  it('round-trips through the writer', () => {
    const w = new ByteWriter(4);
    const u32s = [0, 1, 127, 128, 65535, 0xffffffff];
    const s32s = [0, -1, 63, -64, 64, -65, 2147483647, -2147483648];
    const s64s = [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 6364136223846793005n];
    for (const v of u32s) w.u32(v);
    for (const v of s32s) w.s32(v);
    for (const v of s64s) w.s64(v);
    w.s64Number(822_756 * 1_000_000);
    const r = new ByteReader(w.finish());
    for (const v of u32s) expect(r.u32()).toBe(v);
    for (const v of s32s) expect(r.s32()).toBe(v);
    for (const v of s64s) expect(r.s64()).toBe(v);
    expect(r.s64()).toBe(822_756_000_000n);
    expect(r.atEnd).toBe(true);
  });

  it('decodes names as strict UTF-8, keeping a leading BOM', () => {
    expect(read([3, 0xef, 0xbb, 0xbf]).name()).toBe('\ufeff');
    expect(() => read([1, 0xff]).name()).toThrow(/malformed UTF-8/);
  });
});
