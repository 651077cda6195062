import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { JournaledState } from './journaled-state.js';

describe('stateRoot', () => {
  it('is 32 zero bytes for the empty state', () => {
    expect(new JournaledState().stateRoot()).toEqual(new Uint8Array(32));
  });

  it('follows the documented byte layout (README: state root format)', () => {
    const u32 = (n: number) => Uint8Array.of(n >>> 24, n >>> 16, n >>> 8, n);
    const path = (ns: string, key: Uint8Array) =>
      sha256(concatBytes(Uint8Array.of(2), u32(ns.length), utf8ToBytes(ns), u32(key.length), key));
    const leaf = (p: Uint8Array, value: Uint8Array) =>
      sha256(concatBytes(Uint8Array.of(0), p, u32(value.length), value));
    const a = { path: path('ns', Uint8Array.of(1)), value: Uint8Array.of(9, 9) };
    const b = { path: path('ns', Uint8Array.of(2)), value: Uint8Array.of() };
    const one = new JournaledState();
    one.set('ns', Uint8Array.of(1), a.value);
    expect(one.stateRoot()).toEqual(leaf(a.path, a.value));
    // Two keys: one branch on the first bit where their paths differ, the 0 side on the left.
    const bits = (p: Uint8Array) => [...p].map((byte) => byte.toString(2).padStart(8, '0')).join('');
    let bit = 0;
    while (bits(a.path)[bit] === bits(b.path)[bit]) bit++;
    const [left, right] = bits(a.path)[bit] === '0' ? [a, b] : [b, a];
    one.set('ns', Uint8Array.of(2), b.value);
    expect(one.stateRoot()).toEqual(
      sha256(concatBytes(Uint8Array.of(1, bit), leaf(left.path, left.value), leaf(right.path, right.value))),
    );
  });

  it('depends on content only, not on insertion order or history', () => {
    const a = new JournaledState();
    const b = new JournaledState();
    for (let i = 0; i < 50; i++) a.set('ns', Uint8Array.of(i), Uint8Array.of(i, i));
    for (let i = 49; i >= 0; i--) b.set('ns', Uint8Array.of(i), Uint8Array.of(i, i));
    b.set('ns', Uint8Array.of(200), Uint8Array.of(1));
    b.delete('ns', Uint8Array.of(200));
    expect(bytesToHex(a.stateRoot())).toBe(bytesToHex(b.stateRoot()));
  });

  it('changes when any value, key or namespace changes', () => {
    const contents: Array<[string, number[], number[]]> = [
      ['ns', [1], [1]],
      ['ns', [1], [2]],
      ['ns', [2], [1]],
      ['other', [1], [1]],
      ['ns', [1], [1, 0]],
    ];
    const roots = contents.map(([ns, key, value]) => {
      const s = new JournaledState();
      s.set(ns, Uint8Array.from(key), Uint8Array.from(value));
      return bytesToHex(s.stateRoot());
    });
    expect(new Set(roots).size).toBe(contents.length);
  });

  it('does not confuse key/value boundaries (length-prefixed leaves)', () => {
    const a = new JournaledState();
    a.set('ns', Uint8Array.of(1, 2), Uint8Array.of(3));
    const b = new JournaledState();
    b.set('ns', Uint8Array.of(1), Uint8Array.of(2, 3));
    expect(bytesToHex(a.stateRoot())).not.toBe(bytesToHex(b.stateRoot()));
  });
});
