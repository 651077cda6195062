import type { JournaledState } from '@polyvm/core';
import { AnalysisCache } from '../decode/analysis.js';
import { Evm } from '../execute/evm.js';
import type { EvmBlockContext } from '../host/env.js';
import { World } from '../host/world.js';
import { blockEnv } from './apply.js';
import { SYSTEM_ADDRESS } from './beacon-root.js';

// EIP-2935 constants.
export const HISTORY_STORAGE_ADDRESS = 0x0000f90827f1c53a10cb7a02335b175320002935n; // EIP-2935
export const HISTORY_SERVE_WINDOW = 8191; // EIP-2935: ring buffer size of the history contract
const SYSTEM_CALL_GAS = 30_000_000; // EIP-2935 (as EIP-4788): gas of the system call

/**
 * The EIP-2935 system call made at the start of a Prague block: SYSTEM_ADDRESS calls the history
 * storage contract with the 32-byte parent block hash, with its own 30M gas, no fee and no nonce
 * change; the contract stores it at slot (number - 1) % 8191. Does nothing when the contract has no
 * code. BLOCKHASH is unchanged (it still serves the last 256 blocks).
 */
export function applyParentBlockHash(
  state: JournaledState,
  block: EvmBlockContext,
  parentHash: Uint8Array,
): void {
  const world = new World(state);
  if (!world.hasCode(HISTORY_STORAGE_ADDRESS)) return;
  const evm = new Evm(
    world,
    blockEnv(block, 'Prague'),
    { origin: SYSTEM_ADDRESS, gasPrice: 0n, blobHashes: [] },
    new AnalysisCache(1),
  );
  evm.run({
    kind: 'CALL',
    caller: SYSTEM_ADDRESS,
    target: HISTORY_STORAGE_ADDRESS,
    codeAddress: HISTORY_STORAGE_ADDRESS,
    value: 0n,
    transfer: false,
    input: parentHash,
    gas: SYSTEM_CALL_GAS,
    isStatic: false,
    depth: 0,
  });
}
