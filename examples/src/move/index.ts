import { addressFromHex, type WorkloadImplementation } from '@polyvm/core';
import { ARITH, CALLS, HASH, SORT, STORAGE, TOKEN } from '../spec.js';
import { callOrThrow, deployer, moveWorkload, readUint, u64Bcs } from './harness.js';
import {
  CALL_HEAVY,
  COUNTER,
  computeArithSource,
  computeHashSource,
  INITIAL_SUPPLY,
  memorySortSource,
  storageHeavySource,
  tokenSource,
} from './sources.js';

const BOB_HEX = '0xb0b';
const module = (name: string) => `0xa11ce::${name}`;

/** The workloads with a size parameter, at any size, for sweeps. */
export function storageHeavy(slots: number): WorkloadImplementation {
  return moveWorkload({
    workload: 'storage-heavy',
    module: 'storage',
    stdlib: ['signer', 'table'],
    source: () => storageHeavySource(slots),
    call: (rt) => ({ sender: deployer(rt), payload: { module: module('storage'), function: 'fill' } }),
    result: (r) => ({ sum: readUint(r.returnData, 0, 8).toString() }),
  });
}

export function computeArith(iterations: number): WorkloadImplementation {
  return moveWorkload({
    workload: 'compute-arith',
    module: 'arith',
    stdlib: [],
    source: () => computeArithSource(iterations),
    call: (rt) => ({ sender: deployer(rt), payload: { module: module('arith'), function: 'run' } }),
    result: (r) => ({ x: readUint(r.returnData, 0, 8).toString() }),
  });
}

export function computeHash(rounds: number): WorkloadImplementation {
  return moveWorkload({
    workload: 'compute-hash',
    module: 'hashing',
    stdlib: ['hash'],
    source: () => computeHashSource(rounds),
    call: (rt) => ({ sender: deployer(rt), payload: { module: module('hashing'), function: 'run' } }),
    // BCS vector<u8>: one ULEB128 length byte (32), then the digest.
    result: (r) => ({ digest: `0x${Buffer.from(r.returnData.subarray(1)).toString('hex')}` }),
  });
}

export function memorySort(length: number): WorkloadImplementation {
  return moveWorkload({
    workload: 'memory-sort',
    module: 'sort',
    stdlib: [],
    source: () => memorySortSource(length),
    call: (rt) => ({ sender: deployer(rt), payload: { module: module('sort'), function: 'run' } }),
    result: (r) => ({
      checksum: readUint(r.returnData, 0, 8).toString(),
      min: readUint(r.returnData, 8, 8).toString(),
      max: readUint(r.returnData, 16, 8).toString(),
    }),
  });
}

export const workloads: WorkloadImplementation[] = [
  moveWorkload({
    workload: 'counter',
    module: 'counter',
    stdlib: ['signer'],
    source: () => COUNTER,
    setup: (rt, state) =>
      callOrThrow(rt, state, deployer(rt), { module: module('counter'), function: 'init' }).gasUsed,
    call: (rt) => ({ sender: deployer(rt), payload: { module: module('counter'), function: 'increment' } }),
    result: (r) => ({ counter: readUint(r.returnData, 0, 8).toString() }),
  }),
  moveWorkload({
    workload: 'token-transfer',
    module: 'token',
    stdlib: ['signer'],
    source: (rt) => tokenSource(`0x${Buffer.from(deployer(rt)).toString('hex')}`),
    setup: (rt, state) => {
      const bob = addressFromHex(BOB_HEX, rt.addressWidth);
      const mint = callOrThrow(rt, state, deployer(rt), {
        module: module('token'),
        function: 'mint',
        args: [u64Bcs(INITIAL_SUPPLY)],
      });
      const register = callOrThrow(rt, state, bob, { module: module('token'), function: 'register' });
      return mint.gasUsed + register.gasUsed;
    },
    call: (rt) => ({
      sender: deployer(rt),
      payload: {
        module: module('token'),
        function: 'transfer',
        args: [addressFromHex(BOB_HEX, rt.addressWidth), u64Bcs(TOKEN.amount)],
      },
    }),
    result: (_r, state, rt) => {
      const balance = (owner: Uint8Array): string => {
        const receipt = rt.call(state, {
          sender: owner,
          input: new Uint8Array(0),
          value: 0n,
          nonce: 0n,
          gasLimit: 1_000_000_000n,
          payload: { module: module('token'), function: 'balance', args: [owner] },
        });
        if (receipt.status !== 'success') throw receipt.error ?? new Error('balance failed');
        return readUint(receipt.returnData, 0, 8).toString();
      };
      return { alice: balance(deployer(rt)), bob: balance(addressFromHex(BOB_HEX, rt.addressWidth)) };
    },
  }),
  storageHeavy(STORAGE.slots),
  computeArith(ARITH.iterations),
  computeHash(HASH.rounds),
  memorySort(SORT.length),
  moveWorkload({
    workload: 'call-heavy',
    module: 'fib',
    stdlib: [],
    source: () => CALL_HEAVY,
    call: (rt) => ({
      sender: deployer(rt),
      payload: { module: module('fib'), function: 'fib', args: [u64Bcs(CALLS.n)] },
    }),
    result: (r) => ({ fib: readUint(r.returnData, 0, 8).toString() }),
  }),
];
