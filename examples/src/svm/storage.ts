import { addressFromNumber } from '@polyvm/core';
import { inputOffsets } from '@polyvm/svm-lite';
import { STORAGE } from '../spec.js';
import { returnU64s, type SvmWorkload, svmWorkload, u64At } from './harness.js';

const STORE = addressFromNumber(0x5107, 32);
/** Slot i of a program-owned account = i*i + 7 for i < slots, then all slots read back and summed. */
export function storageHeavyAt(slots: number): SvmWorkload {
  const at = inputOffsets([slots * 8]);
  return svmWorkload({
    workload: 'storage-heavy',
    source: `
entrypoint:
  mov64 r2, 0
  mov64 r3, r1
  add64 r3, ${at.accounts[0]!.data}
write:
  mov64 r4, r2
  mul64 r4, r2
  add64 r4, 7
  stxdw [r3+0], r4
  add64 r3, 8
  add64 r2, 1
  jne r2, ${slots}, write
  mov64 r2, 0
  mov64 r5, 0
  mov64 r3, r1
  add64 r3, ${at.accounts[0]!.data}
read:
  ldxdw r4, [r3+0]
  add64 r5, r4
  add64 r3, 8
  add64 r2, 1
  jne r2, ${slots}, read
${returnU64s(5)}`,
    accounts: () => [{ key: STORE, data: new Uint8Array(slots * 8), writable: true }],
    result: (receipt) => ({ sum: u64At(receipt.returnData) }),
  });
}

export const storageHeavy = storageHeavyAt(STORAGE.slots);
