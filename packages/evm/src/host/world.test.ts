import { addressFromNumber, JournaledState, MemoryBackend } from '@polyvm/core';
import { describe, expect, it, vi } from 'vitest';
import { assemble, deployCode } from '../asm/assembler.js';
import { EvmRuntime } from '../runtime.js';
import { addressWord, NS_STORAGE, World } from './world.js';

const alice = addressFromNumber(0xa11ce, 20);
const COUNTER = assemble('PUSH0 SLOAD PUSH 1 ADD PUSH0 SSTORE STOP');
/** Init code that writes a slot and self-destructs: EIP-6780 deletes it with its storage in the same tx. */
const SELF_DESTRUCTING = assemble('PUSH 1 PUSH0 SSTORE PUSH0 SELFDESTRUCT');
const UNRELATED = 0xbeefn;

/** A state with `unrelated` storage slots of another contract and a deployed counter. */
function setup(unrelated: number) {
  const backend = new MemoryBackend();
  const walks = vi.spyOn(backend, 'entries');
  const state = new JournaledState(backend);
  const world = new World(state);
  for (let slot = 1n; slot <= BigInt(unrelated); slot++) world.setStorage(UNRELATED, slot, slot);
  const runtime = new EvmRuntime();
  const deployed = runtime.deploy(state, { sender: alice, code: deployCode(COUNTER), gasLimit: 200_000n });
  expect(deployed.status).toBe('success');
  const call = () =>
    runtime.execute(state, {
      sender: alice,
      to: deployed.createdAddress!,
      input: new Uint8Array(0),
      value: 0n,
      gasLimit: 100_000n,
      nonce: world.accountOrEmpty(addressWord(alice)).nonce,
    });
  const create = () => runtime.deploy(state, { sender: alice, code: SELF_DESTRUCTING, gasLimit: 200_000n });
  return { walks, state, world, call, create };
}

function medianMs(run: () => void, times: number): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[times >> 1]!;
}

describe('World storage enumeration does not grow with unrelated state', () => {
  const big = setup(100_000);
  const empty = setup(0);

  it('a counter tx with EIP-161 coinbase clean-up walks no state after the index exists', () => {
    expect(big.call().status).toBe('success'); // builds the index: one pass, once per state
    const walked = big.walks.mock.calls.length;
    for (let i = 0; i < 5; i++) expect(big.call().status).toBe('success');
    expect(big.walks).toHaveBeenCalledTimes(walked);
  });

  it('SELFDESTRUCT of a contract created in the same tx clears its storage without walking the state', () => {
    const walked = big.walks.mock.calls.length;
    for (let i = 0; i < 5; i++) {
      const receipt = big.create();
      expect(receipt.status).toBe('success');
      const created = addressWord(receipt.createdAddress!);
      expect(big.world.exists(created)).toBe(false);
      expect(big.world.storageOf(created)).toEqual([]);
    }
    expect(big.walks).toHaveBeenCalledTimes(walked);
    expect(big.world.storageOf(UNRELATED).length).toBe(100_000);
  });

  it('costs within a small factor of the same tx on an empty state (10^5 unrelated slots)', () => {
    empty.call();
    const ratio = medianMs(big.call, 31) / medianMs(empty.call, 31);
    // Before the index: ~4,000x. The bound is loose for a loaded 2-core machine.
    expect(ratio).toBeLessThan(5);
  });
});

describe('World storage of one account', () => {
  it('lists, detects and clears only that account, and a revert brings it back', () => {
    const state = new JournaledState();
    const world = new World(state);
    world.setStorage(1n, 5n, 50n);
    world.setStorage(1n, 2n, 20n);
    world.setStorage(2n, 2n, 99n);
    expect(world.storageOf(1n)).toEqual([
      [2n, 20n],
      [5n, 50n],
    ]);
    state.checkpoint();
    world.clearStorage(1n);
    expect(world.hasStorage(1n)).toBe(false);
    expect(state.keysWithPrefix(NS_STORAGE, new Uint8Array(20))).toEqual([]);
    state.revert();
    expect(world.storageOf(1n)).toEqual([
      [2n, 20n],
      [5n, 50n],
    ]);
    expect(world.storageOf(2n)).toEqual([[2n, 99n]]);
  });

  it('counts storage alone as a CREATE collision (EIP-7610)', () => {
    const world = new World(new JournaledState());
    world.setBalance(7n, 1n);
    expect(world.collides(7n)).toBe(false);
    world.setStorage(7n, 1n, 1n);
    expect(world.collides(7n)).toBe(true);
    world.setStorage(7n, 1n, 0n);
    expect(world.collides(7n)).toBe(false);
  });
});
