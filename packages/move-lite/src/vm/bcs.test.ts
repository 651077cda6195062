import { describe, expect, it } from 'vitest';
import { bcsDecode, bcsEncode } from './bcs.js';
import type { RType } from './value.js';

const U64: RType = { k: 'u64' };

describe('BCS', () => {
  it('encodes integers little-endian and vectors with a ULEB128 length', () => {
    expect(Buffer.from(bcsEncode(1n, U64)).toString('hex')).toBe('0100000000000000');
    const bytes: RType = { k: 'vector', e: { k: 'u8' } };
    const long = Array.from({ length: 200 }, () => 7);
    const enc = bcsEncode(long, bytes);
    expect([...enc.subarray(0, 2)]).toEqual([0xc8, 0x01]);
    expect(bcsDecode(enc, bytes, 32)).toEqual(long);
  });
  it('round-trips nested vectors, bools and u256', () => {
    const t: RType = { k: 'vector', e: { k: 'vector', e: { k: 'bool' } } };
    const v = [[true, false], [], [true]];
    expect(bcsDecode(bcsEncode(v, t), t, 16)).toEqual(v);
    const big = (1n << 255n) + 12345n;
    expect(bcsDecode(bcsEncode(big, { k: 'u256' }), { k: 'u256' }, 16)).toBe(big);
  });
  it('rejects malformed input', () => {
    expect(() => bcsDecode(Uint8Array.of(2), { k: 'bool' }, 16)).toThrow(/bool/);
    expect(() => bcsDecode(Uint8Array.of(1, 2), { k: 'u8' }, 16)).toThrow(/trailing/);
    expect(() => bcsDecode(Uint8Array.of(5, 1), { k: 'vector', e: { k: 'u8' } }, 16)).toThrow();
  });
});

describe('BCS lengths are bounded by the input', () => {
  const empty: RType = { k: 'struct', s: undefined as never, args: [], fields: [] };
  const pair: RType = { k: 'struct', s: undefined as never, args: [], fields: [{ k: 'u64' }, { k: 'bool' }] };
  it('a 5-byte vector<E> of 2^31-1 zero-size elements is refused before allocating (issue 11)', () => {
    const t0 = performance.now();
    expect(() =>
      bcsDecode(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x07), { k: 'vector', e: empty }, 32),
    ).toThrow(/longer than the input/);
    expect(performance.now() - t0).toBeLessThan(2_000); // allocating 2^31 elements would take the heap
  });
  it('struct and nested-vector elements count their minimum size', () => {
    expect(() => bcsDecode(Uint8Array.of(2, ...new Array(9).fill(0)), { k: 'vector', e: pair }, 32)).toThrow(
      /longer than the input/,
    );
    expect(bcsDecode(Uint8Array.of(1, 5, 0, 0, 0, 0, 0, 0, 0, 1), { k: 'vector', e: pair }, 32)).toEqual([
      [5, true],
    ]);
    expect(() =>
      bcsDecode(
        Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x07),
        { k: 'vector', e: { k: 'vector', e: { k: 'u8' } } },
        32,
      ),
    ).toThrow(/longer than the input/);
  });
});
