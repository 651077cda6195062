import { DecodeError, ValidationError } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../binary/writer.js';
import '../engine/webassembly.js';
import { decodeModule } from '../module/decode.js';
import { V8_LIMITS } from '../module/v8-limits.js';
import { validateModule } from './module.js';

/** A module of one `[] -> []` function with `body` (locals vector included), exporting `exports` names. */
function module(body: Uint8Array, exports = 0): Uint8Array {
  const w = new ByteWriter();
  w.bytes(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0));
  w.section(1, new ByteWriter().u32(1).u8(0x60).u32(0).u32(0));
  w.section(3, new ByteWriter().u32(1).u32(0));
  if (exports > 0) {
    const e = new ByteWriter().u32(exports);
    for (let i = 0; i < exports; i++) e.name(i.toString(36)).u8(0).u32(0);
    w.section(7, e);
  }
  w.section(10, new ByteWriter().u32(1).u32(body.length).bytes(body));
  return w.finish();
}

function brTable(targets: number): Uint8Array {
  const b = new ByteWriter().u8(0).u8(0x02).u8(0x40).u8(0x41).u8(0).u8(0x0e).u32(targets);
  for (let i = 0; i <= targets; i++) b.u8(0);
  return b.u8(0x0b).u8(0x0b).finish();
}

/** Our verdict: accepted, or the typed error's class. */
function ours(bytes: Uint8Array): string {
  try {
    validateModule(decodeModule(bytes));
    return 'valid';
  } catch (err) {
    if (err instanceof DecodeError || err instanceof ValidationError) return 'invalid';
    throw err;
  }
}
const v8 = (bytes: Uint8Array) => (WebAssembly.validate(bytes) ? 'valid' : 'invalid');

describe('V8 limits, checked up front and agreeing with V8', () => {
  it(`br_table with ${V8_LIMITS.maxBrTableTargets} targets is valid, one more is not`, () => {
    for (const n of [V8_LIMITS.maxBrTableTargets, V8_LIMITS.maxBrTableTargets + 1]) {
      const bytes = module(brTable(n));
      expect(ours(bytes), `${n} targets`).toBe(v8(bytes));
    }
    expect(ours(module(brTable(V8_LIMITS.maxBrTableTargets + 1)))).toBe('invalid');
  });

  it(`${V8_LIMITS.maxExports} exports are valid, one more is not`, () => {
    const empty = Uint8Array.of(0, 0x0b);
    for (const n of [V8_LIMITS.maxExports, V8_LIMITS.maxExports + 1]) {
      const bytes = module(empty, n);
      expect(ours(bytes), `${n} exports`).toBe(v8(bytes));
    }
    expect(ours(module(empty, V8_LIMITS.maxExports + 1))).toBe('invalid');
  });

  it('an overlong block type (ff 7f for i32) is malformed, as V8 says; the one-byte form is valid', () => {
    const block = (type: number[]) => Uint8Array.of(0, 0x02, ...type, 0x41, 0, 0x0b, 0x1a, 0x0b);
    expect(ours(module(block([0x7f])))).toBe('valid');
    expect(v8(module(block([0x7f])))).toBe('valid');
    expect(v8(module(block([0xff, 0x7f])))).toBe('invalid');
    expect(ours(module(block([0xff, 0x7f])))).toBe('invalid');
    expect(() => validateModule(decodeModule(module(block([0xff, 0x7f]))))).toThrow(/overlong/);
  });
});
