import { describe, expect, it } from 'vitest';
import { MemoryBackend } from './backend.js';
import { JournaledState } from './journaled-state.js';

const NS = 'evm/storage';
const key = (account: number, slot: number) => Uint8Array.of(account, 0, slot);
const owner = (account: number) => Uint8Array.of(account, 0);
const slotsOf = (s: JournaledState, account: number) => s.keysWithPrefix(NS, owner(account)).map((k) => k[2]);

/** A backend that counts how many entries its full walks hand out. */
class CountingBackend extends MemoryBackend {
  walked = 0;
  override *entries(): Generator<readonly [string, Uint8Array]> {
    for (const entry of super.entries()) {
      this.walked++;
      yield entry;
    }
  }
}

describe('JournaledState prefix index', () => {
  it('lists the keys under one prefix, sorted, and only those of the namespace', () => {
    const s = new JournaledState();
    for (const slot of [9, 3, 7]) s.set(NS, key(1, slot), Uint8Array.of(1));
    s.set(NS, key(2, 1), Uint8Array.of(1));
    s.set('evm/transient', key(1, 5), Uint8Array.of(1));
    s.set(NS, Uint8Array.of(1), Uint8Array.of(1)); // shorter than the prefix: never under it
    expect(slotsOf(s, 1)).toEqual([3, 7, 9]);
    expect(slotsOf(s, 2)).toEqual([1]);
    expect(s.hasKeyWithPrefix(NS, owner(3))).toBe(false);
  });

  it('follows writes and deletes made after it was built', () => {
    const s = new JournaledState();
    s.set(NS, key(1, 1), Uint8Array.of(1));
    expect(slotsOf(s, 1)).toEqual([1]);
    s.set(NS, key(1, 2), Uint8Array.of(1));
    s.delete(NS, key(1, 1));
    expect(slotsOf(s, 1)).toEqual([2]);
    s.delete(NS, key(1, 2));
    expect(s.hasKeyWithPrefix(NS, owner(1))).toBe(false);
  });

  it('is restored exactly by revert, through nested checkpoints', () => {
    const s = new JournaledState();
    s.set(NS, key(1, 1), Uint8Array.of(1));
    s.set(NS, key(1, 2), Uint8Array.of(1));
    expect(slotsOf(s, 1)).toEqual([1, 2]);
    s.checkpoint();
    s.delete(NS, key(1, 1));
    s.set(NS, key(1, 3), Uint8Array.of(1));
    s.checkpoint();
    s.set(NS, key(4, 4), Uint8Array.of(1));
    s.delete(NS, key(1, 2));
    expect(slotsOf(s, 1)).toEqual([3]);
    s.revert();
    expect(slotsOf(s, 1)).toEqual([2, 3]);
    expect(s.hasKeyWithPrefix(NS, owner(4))).toBe(false);
    s.revert();
    expect(slotsOf(s, 1)).toEqual([1, 2]);
  });

  it('walks the backend once per prefix length, then never again however large the state', () => {
    const backend = new CountingBackend();
    for (let i = 0; i < 10_000; i++)
      backend.set(`other:${i.toString(16).padStart(8, '0')}`, Uint8Array.of(1));
    const s = new JournaledState(backend);
    s.set(NS, key(1, 1), Uint8Array.of(1));
    expect(slotsOf(s, 1)).toEqual([1]);
    const afterBuild = backend.walked;
    expect(afterBuild).toBe(10_001);
    for (let account = 0; account < 100; account++) {
      s.checkpoint();
      s.set(NS, key(account, 7), Uint8Array.of(1));
      s.hasKeyWithPrefix(NS, owner(account));
      s.keysWithPrefix(NS, owner(account));
      s.revert();
    }
    expect(backend.walked).toBe(afterBuild);
  });
});
