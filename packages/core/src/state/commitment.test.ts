import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { JournaledState } from './journaled-state.js';

describe('stateRoot', () => {
  it('is 32 zero bytes for the empty state', () => {
    expect(new JournaledState().stateRoot()).toEqual(new Uint8Array(32));
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
