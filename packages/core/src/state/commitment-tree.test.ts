import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random.js';
import { commitEntries } from './commitment.js';
import { JournaledState } from './journaled-state.js';

const NAMESPACES = ['a', 'a/b', 'b', 'a.c'];

describe('stateRoot kept up to date incrementally', () => {
  it('gives the root pinned before it became incremental', () => {
    const state = new JournaledState();
    const contents = (s: JournaledState) => {
      for (let i = 0; i < 37; i++) {
        const key = sha256(Uint8Array.of(i)).subarray(0, i % 5);
        s.set(i % 3 === 0 ? 'alpha' : 'alpha/beta', key, Uint8Array.of(i, i * 7));
      }
    };
    contents(state);
    const pinned = 'dec6084dc0cadb71689e909d91b4e67ddffc7172b579e3612829a5dd05f88cfb';
    expect(bytesToHex(state.stateRoot())).toBe(pinned);
    // The same content reached through the incremental path: root first, then the writes.
    const stepwise = new JournaledState();
    stepwise.stateRoot();
    contents(stepwise);
    expect(bytesToHex(stepwise.stateRoot())).toBe(pinned);
  });

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`matches a from-scratch commitment through random writes, checkpoints and reverts (seed ${seed})`, () => {
      const next = seededRandom(seed * 0x9e3779b1);
      const state = new JournaledState();
      // Small key space: writes hit existing keys, deletes hit present ones, sizes cross powers of two.
      const key = () => Uint8Array.from({ length: next(3) }, () => next(6));
      const namespace = () => NAMESPACES[next(NAMESPACES.length)]!;
      for (let i = next(40); i > 0; i--) state.set(namespace(), key(), Uint8Array.of(next(256)));
      let roots = 0;
      for (let step = 0; step < 1500; step++) {
        const op = next(100);
        if (op < 45)
          state.set(
            namespace(),
            key(),
            Uint8Array.from({ length: next(4) }, () => next(256)),
          );
        else if (op < 70) state.delete(namespace(), key());
        else if (op < 78) state.checkpoint();
        else if (op < 84 && state.depth > 0) state.commit();
        else if (op < 92 && state.depth > 0) state.revert();
        else {
          expect(bytesToHex(state.stateRoot())).toBe(bytesToHex(commitEntries(state.backend.entries())));
          roots++;
        }
      }
      while (state.depth > 0) state.revert();
      expect(bytesToHex(state.stateRoot())).toBe(bytesToHex(commitEntries(state.backend.entries())));
      expect(roots).toBeGreaterThan(50);
    });
  }

  it('handles bulk insertions and removals on a larger state', () => {
    const next = seededRandom(99);
    const state = new JournaledState();
    const key = () => Uint8Array.of(next(256), next(256));
    for (let i = 0; i < 3000; i++) state.set('ns', key(), Uint8Array.of(i & 0xff));
    expect(state.stateRoot()).toEqual(commitEntries(state.backend.entries()));
    for (let round = 0; round < 20; round++) {
      state.checkpoint();
      for (let i = next(200); i > 0; i--) {
        if (next(2) === 0) state.delete('ns', key());
        else state.set('ns', key(), Uint8Array.of(round));
      }
      if (next(3) === 0) state.revert();
      else state.commit();
      expect(state.stateRoot()).toEqual(commitEntries(state.backend.entries()));
    }
  });

  it('does not let callers change the cached root', () => {
    const state = new JournaledState();
    state.set('ns', Uint8Array.of(1), Uint8Array.of(2));
    const root = state.stateRoot();
    root.fill(0);
    expect(state.stateRoot()).toEqual(commitEntries(state.backend.entries()));
  });
});
