import { bytesToHex } from '@noble/hashes/utils.js';
import type { WorkloadImplementation } from '@polyvm/core';
import { TOKEN } from '../spec.js';
import { ARITH_WAT, COUNTER_WAT, FIB_WAT, HASH_WAT, SORT_WAT, STORAGE_WAT, TOKEN_WAT } from './contracts.js';
import { nearWorkload, storageValue, u64At } from './near.js';

function transferInput(amount: number, recipient: string): Uint8Array {
  const to = new TextEncoder().encode(recipient);
  const out = new Uint8Array(8 + to.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(amount), true);
  out.set(to, 8);
  return out;
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
  nearWorkload({
    workload: 'storage-heavy',
    wat: STORAGE_WAT,
    method: 'run',
    result: (receipt) => ({ sum: u64At(receipt.returnData) }),
  }),
  nearWorkload({
    workload: 'compute-arith',
    wat: ARITH_WAT,
    method: 'run',
    result: (receipt) => ({ x: u64At(receipt.returnData) }),
  }),
  nearWorkload({
    workload: 'compute-hash',
    wat: HASH_WAT,
    method: 'run',
    result: (receipt) => ({ digest: `0x${bytesToHex(receipt.returnData)}` }),
  }),
  nearWorkload({
    workload: 'memory-sort',
    wat: SORT_WAT,
    method: 'run',
    result: (receipt) => ({
      checksum: u64At(receipt.returnData, 0),
      min: u64At(receipt.returnData, 1),
      max: u64At(receipt.returnData, 2),
    }),
  }),
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
