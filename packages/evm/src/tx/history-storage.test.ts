import { JournaledState } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/assembler.js';
import { wordToBytes } from '../execute/u256.js';
import { World } from '../host/world.js';
import { SYSTEM_ADDRESS } from './beacon-root.js';
import { applyParentBlockHash, HISTORY_SERVE_WINDOW, HISTORY_STORAGE_ADDRESS } from './history-storage.js';

// A stand-in for the EIP-2935 contract's set path: when called by SYSTEM_ADDRESS, store
// calldata[0:32] at slot (NUMBER - 1) % 8191; also records CALLER in slot 9000.
const SETTER = assemble(
  `PUSH0 CALLDATALOAD PUSH ${HISTORY_SERVE_WINDOW} PUSH 1 NUMBER SUB MOD SSTORE CALLER PUSH 9000 SSTORE STOP`,
);

describe('EIP-2935 parent block hash', () => {
  it('calls the history contract from SYSTEM_ADDRESS with the parent hash', () => {
    const state = new JournaledState();
    const world = new World(state);
    world.setCode(HISTORY_STORAGE_ADDRESS, SETTER);
    const parent = 0x1234n;
    applyParentBlockHash(state, { height: 8193n, timestamp: 1n, chainId: 1n }, wordToBytes(parent));
    expect(world.getStorage(HISTORY_STORAGE_ADDRESS, 8192n % 8191n)).toBe(parent);
    expect(world.getStorage(HISTORY_STORAGE_ADDRESS, 9000n)).toBe(SYSTEM_ADDRESS);
  });

  it('does nothing without the contract', () => {
    const state = new JournaledState();
    const depth = state.checkpoint();
    applyParentBlockHash(state, { height: 2n, timestamp: 1n, chainId: 1n }, wordToBytes(1n));
    expect(state.changesSince(depth)).toEqual([]);
  });
});
