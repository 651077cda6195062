import { JournaledState, seededRandom, toHex } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { World } from '../host/world.js';
import { ethereumStateRoot, ethereumStateRootFromScratch } from './state-root.js';

describe('ethereumStateRoot kept up to date incrementally', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`matches the from-scratch root through random world writes, checkpoints and reverts (seed ${seed})`, () => {
      const next = seededRandom(seed * 0x9e3779b1);
      const state = new JournaledState();
      const world = new World(state);
      const address = () => BigInt(1 + next(6));
      const word = () => (next(4) === 0 ? 0n : BigInt(next(1000)) << BigInt(8 * next(30)));
      let roots = 0;
      for (let step = 0; step < 1200; step++) {
        const op = next(100);
        if (op < 35) world.setStorage(address(), BigInt(next(8)), word());
        else if (op < 45) world.setBalance(address(), word());
        else if (op < 50) world.setCode(address(), Uint8Array.of(next(256), next(256)));
        else if (op < 55) world.deleteAccount(address());
        else if (op < 60) world.clearStorage(address());
        else if (op < 62) world.state.set('other/ns', Uint8Array.of(next(256)), Uint8Array.of(1));
        else if (op < 72) state.checkpoint();
        else if (op < 78 && state.depth > 0) state.commit();
        else if (op < 86 && state.depth > 0) state.revert();
        else {
          expect(toHex(ethereumStateRoot(state))).toBe(toHex(ethereumStateRootFromScratch(state)));
          roots++;
        }
      }
      while (state.depth > 0) state.revert();
      expect(toHex(ethereumStateRoot(state))).toBe(toHex(ethereumStateRootFromScratch(state)));
      expect(roots).toBeGreaterThan(50);
    });
  }

  it('keeps one trie per state: a fork starts from its own content', () => {
    const state = new JournaledState();
    const world = new World(state);
    world.setStorage(1n, 1n, 1n);
    world.setBalance(1n, 5n);
    const before = ethereumStateRoot(state);
    const fork = state.fork();
    new World(fork).setStorage(1n, 2n, 2n);
    expect(ethereumStateRoot(fork)).not.toEqual(before);
    expect(ethereumStateRoot(fork)).toEqual(ethereumStateRootFromScratch(fork));
    expect(ethereumStateRoot(state)).toEqual(before);
  });
});
