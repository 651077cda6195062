import { bytesToHex } from '@noble/hashes/utils.js';
import type { WorkloadImplementation } from '@polyvm/core';
import { ARITH, HASH, SORT, STORAGE, TOKEN } from '../spec.js';
import { arithWat, COUNTER_WAT, FIB_WAT, hashWat, sortWat, storageWat, TOKEN_WAT } from './contracts.js';
import { nearWorkload, storageValue, u64At } from './near.js';

function transferInput(amount: number, recipient: string): Uint8Array {
  const to = new TextEncoder().encode(recipient);
  const out = new Uint8Array(8 + to.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(amount), true);
  out.set(to, 8);
  return out;
}

/** The workloads with a size parameter, at any size, for sweeps. */
export function storageHeavy(slots: number): WorkloadImplementation {
  return nearWorkload({
    workload: 'storage-heavy',
    wat: storageWat(slots),
    method: 'run',
    result: (receipt) => ({ sum: u64At(receipt.returnData) }),
  });
}

export function computeArith(iterations: number): WorkloadImplementation {
  return nearWorkload({
    workload: 'compute-arith',
    wat: arithWat(iterations),
    method: 'run',
    result: (receipt) => ({ x: u64At(receipt.returnData) }),
  });
}

export function computeHash(rounds: number): WorkloadImplementation {
  return nearWorkload({
    workload: 'compute-hash',
    wat: hashWat(rounds),
    method: 'run',
    result: (receipt) => ({ digest: `0x${bytesToHex(receipt.returnData)}` }),
  });
}

export function memorySort(length: number): WorkloadImplementation {
  return nearWorkload({
    workload: 'memory-sort',
    wat: sortWat(length),
    method: 'run',
    result: (receipt) => ({
      checksum: u64At(receipt.returnData, 0),
      min: u64At(receipt.returnData, 1),
      max: u64At(receipt.returnData, 2),
    }),
  });
}

/** The seven workloads on the `wasm` runtime (NEAR profile). */
export const workloads: WorkloadImplementation[] = [
  nearWorkload({
    workload: 'counter',
    wat: COUNTER_WAT,
    initMethod: 'init',
    method: 'increment',
    result: (_, state) => ({ counter: u64At(storageValue(state, 'c')) }),
  }),
  nearWorkload({
    workload: 'token-transfer',
    wat: TOKEN_WAT,
    initMethod: 'init',
    method: 'transfer',
    input: transferInput(TOKEN.amount, 'bob.near'),
    result: (_, state) => ({
      alice: u64At(storageValue(state, 'b:alice.near')),
      bob: u64At(storageValue(state, 'b:bob.near')),
    }),
  }),
  storageHeavy(STORAGE.slots),
  computeArith(ARITH.iterations),
  computeHash(HASH.rounds),
  memorySort(SORT.length),
  nearWorkload({
    workload: 'call-heavy',
    wat: FIB_WAT,
    method: 'run',
    result: (receipt) => ({ fib: u64At(receipt.returnData) }),
  }),
];

/**
 * The same seven workloads on the `cosmwasm` runtime. Kept out of `workloads` so the catalog's
 * default comparison stays one implementation per runtime package; the CLI can add them.
 */
export { cosmwasmWorkloads } from './cosmwasm-workloads.js';
