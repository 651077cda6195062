import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random.js';
import { MemoryBackend } from './backend.js';
import { commitEntries } from './commitment.js';
import { JournaledState } from './journaled-state.js';
import { stateKey } from './key.js';

const NAMESPACES = ['a', 'a/b', 'b', 'a.c'];

describe('stateRoot kept up to date incrementally', () => {
  it('gives the pinned root of the radix-trie format, directly and through the incremental path', () => {
    const state = new JournaledState();
    const contents = (s: JournaledState) => {
      for (let i = 0; i < 37; i++) {
        const key = sha256(Uint8Array.of(i)).subarray(0, i % 5);
        s.set(i % 3 === 0 ? 'alpha' : 'alpha/beta', key, Uint8Array.of(i, i * 7));
      }
    };
    contents(state);
    // Pinned when the root became a radix trie over hashed key paths (issue 18: O(log n) insertions).
    // The RFC 6962 tree over sorted leaves gave dec6084d…88cfb for this content.
    const pinned = '877ed0db05b6013b92da3adab6be6b890ed0472e8b16dfbd2454f98c41138246';
    expect(bytesToHex(state.stateRoot())).toBe(pinned);
    const stepwise = new JournaledState();
    stepwise.stateRoot();
    contents(stepwise);
    expect(bytesToHex(stepwise.stateRoot())).toBe(pinned);
  });

  it('gives the same root for the same content in any insertion order, with roots taken on the way', () => {
    const next = seededRandom(7);
    const entries = Array.from({ length: 400 }, (_, i) => ({
      namespace: NAMESPACES[i % NAMESPACES.length]!,
      key: Uint8Array.of(i >> 8, i & 0xff, next(256)),
      value: Uint8Array.of(next(256)),
    }));
    const expected = bytesToHex(
      new JournaledState(
        new MemoryBackend(entries.map((e) => [stateKey(e.namespace, e.key), e.value] as const)),
      ).stateRoot(),
    );
    for (let round = 0; round < 6; round++) {
      const order = [...entries];
      for (let i = order.length - 1; i > 0; i--) {
        const j = next(i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const state = new JournaledState();
      for (const [i, { namespace, key, value }] of order.entries()) {
        // Detours that must leave no trace: a key created then deleted, a value overwritten.
        state.set(namespace, key, Uint8Array.of(0xee));
        if (i % 5 === 0) state.set('detour', key, value);
        if (i % 7 === 0) state.stateRoot();
        state.set(namespace, key, value);
        state.delete('detour', key);
      }
      expect(bytesToHex(state.stateRoot())).toBe(expected);
    }
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
