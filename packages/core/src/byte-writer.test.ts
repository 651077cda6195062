import { describe, expect, it } from 'vitest';
import { ByteWriter } from './byte-writer.js';
import { InvalidArgumentError } from './errors.js';

describe('ByteWriter', () => {
  it('grows past its initial capacity and keeps every byte', () => {
    const w = new ByteWriter(1);
    for (let i = 0; i < 300; i++) w.u8(i);
    const out = w.finish();
    expect(out.length).toBe(300);
    expect(out[299]).toBe(299 & 0xff);
  });

  it('encodes ULEB128 as the wasm spec (5.2.2) and BCS do', () => {
    const hex = (w: ByteWriter) => Buffer.from(w.finish()).toString('hex');
    expect(hex(new ByteWriter().uleb128(0))).toBe('00');
    expect(hex(new ByteWriter().uleb128(127))).toBe('7f');
    expect(hex(new ByteWriter().uleb128(128))).toBe('8001');
    expect(hex(new ByteWriter().uleb128(624485))).toBe('e58e26');
    expect(hex(new ByteWriter().uleb128(2 ** 32 - 1))).toBe('ffffffff0f');
    expect(hex(new ByteWriter().uleb128(Number.MAX_SAFE_INTEGER))).toBe('ffffffffffffff0f');
  });

  it('writes little-endian u32, ranges and other writers', () => {
    const inner = new ByteWriter().u8(9).u8(8);
    const w = new ByteWriter()
      .u32le(0x01020304)
      .range(Uint8Array.of(1, 2, 3, 4), 1, 3)
      .append(inner);
    expect([...w.finish()]).toEqual([4, 3, 2, 1, 2, 3, 9, 8]);
  });

  it('rejects values its encodings cannot hold', () => {
    expect(() => new ByteWriter().uleb128(-1)).toThrow(InvalidArgumentError);
    expect(() => new ByteWriter().uleb128(2 ** 53)).toThrow(/non-negative safe integer/);
    expect(() => new ByteWriter().u32le(2 ** 32)).toThrow(/\[0, 2\^32\)/);
    expect(() => new ByteWriter(0)).toThrow(/capacity/);
  });
});
