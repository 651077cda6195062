import { describe, expect, it, vi } from 'vitest';
import { JournaledState } from './journaled-state.js';

const counted = vi.hoisted(() => ({ branches: 0 }));
vi.mock('./commitment-hash.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./commitment-hash.js')>();
  return {
    ...actual,
    branchHash: (...args: Parameters<typeof actual.branchHash>) => {
      counted.branches++;
      return actual.branchHash(...args);
    },
  };
});

/** Branch hashes spent by the root after `change`, on a state already rooted once. */
function branchesRehashed(state: JournaledState, change: () => void): number {
  state.stateRoot();
  change();
  counted.branches = 0;
  state.stateRoot();
  return counted.branches;
}

describe('stateRoot cost after one change (issue 18: O(depth), not O(n))', () => {
  const size = 1 << 13;
  const state = new JournaledState();
  for (let i = 0; i < size; i++) state.set('ns', Uint8Array.of(i >> 8, i & 0xff), Uint8Array.of(1));
  // A hashed-path trie of 2^13 keys is ~13 levels deep, rarely past 2·13; the positional tree rehashed
  // about n − position nodes for an insertion.
  const bound = 2 * Math.log2(size) + 8;

  it('rehashes only the branches on the path of an inserted, removed or updated key', () => {
    const fresh = Uint8Array.of(0xff, 0xff, 0xff);
    expect(branchesRehashed(state, () => state.set('ns', fresh, Uint8Array.of(2)))).toBeLessThan(bound);
    expect(branchesRehashed(state, () => state.delete('ns', fresh))).toBeLessThan(bound);
    expect(
      branchesRehashed(state, () => state.set('ns', Uint8Array.of(0, 7), Uint8Array.of(3))),
    ).toBeLessThan(bound);
    expect(branchesRehashed(state, () => undefined)).toBe(0);
  });

  it('rehashes the branches joining many changed keys, far fewer than a rebuild', () => {
    const rehashed = branchesRehashed(state, () => {
      for (let i = 0; i < 64; i++) state.set('ns', Uint8Array.of(1, i), Uint8Array.of(4));
    });
    expect(rehashed).toBeLessThan(size / 4);
    expect(rehashed).toBeGreaterThanOrEqual(63);
  });
});
