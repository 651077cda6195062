import type { JournaledState } from '@polyvm/core';
import { AnalysisCache } from '../decode/analysis.js';
import { Evm } from '../execute/evm.js';
import type { EvmBlockContext } from '../host/env.js';
import { World } from '../host/world.js';
import { blockEnv } from './apply.js';

// EIP-4788 constants.
export const BEACON_ROOTS_ADDRESS = 0x000f3df6d732807ef1319fb7b8bb8522d0beac02n;
export const SYSTEM_ADDRESS = 0xfffffffffffffffffffffffffffffffffffffffen;
const SYSTEM_CALL_GAS = 30_000_000;

/**
 * The EIP-4788 system call made before a Cancun block's transactions: SYSTEM_ADDRESS calls the
 * beacon-roots contract with the parent beacon block root, with its own 30M gas, no fee and no
 * nonce change. Does nothing when the contract has no code.
 */
export function applyBeaconRoot(
  state: JournaledState,
  block: EvmBlockContext,
  parentBeaconRoot: Uint8Array,
): void {
  const world = new World(state);
  if (!world.hasCode(BEACON_ROOTS_ADDRESS)) return;
  const evm = new Evm(
    world,
    blockEnv(block),
    { origin: SYSTEM_ADDRESS, gasPrice: 0n, blobHashes: [] },
    new AnalysisCache(1),
  );
  evm.run({
    kind: 'CALL',
    caller: SYSTEM_ADDRESS,
    target: BEACON_ROOTS_ADDRESS,
    codeAddress: BEACON_ROOTS_ADDRESS,
    value: 0n,
    transfer: false,
    input: parentBeaconRoot,
    gas: SYSTEM_CALL_GAS,
    isStatic: false,
    depth: 0,
  });
}
