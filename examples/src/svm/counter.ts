import { addressFromNumber } from '@polyvm/core';
import { inputOffsets, readAccount } from '@polyvm/svm-lite';
import { returnU64s, svmWorkload, u64At } from './harness.js';

const COUNTER = addressFromNumber(0xc0, 32);
const at = inputOffsets([8]);

/** A u64 in a program-owned account: load, add 1, store, return the new value. */
export const counter = svmWorkload({
  workload: 'counter',
  source: `
entrypoint:
  ldxdw r2, [r1+${at.accounts[0]!.data}]
  add64 r2, 1
  stxdw [r1+${at.accounts[0]!.data}], r2
${returnU64s(2)}`,
  accounts: () => [{ key: COUNTER, data: new Uint8Array(8), writable: true }],
  result: (_receipt, state) => ({ counter: u64At(readAccount(state, COUNTER)!.data) }),
});
