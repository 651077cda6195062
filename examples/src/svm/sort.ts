import { LCG_A, LCG_C, SORT } from '../spec.js';
import { returnU64s, type SvmWorkload, svmWorkload, u64At } from './harness.js';

/**
 * a[i] = lcg^(i+1)(seed) >> 32 in the stack frame (a at r10-BYTES-8), insertion sort ascending,
 * then checksum = sum((i+1) * a[i]), min = a[0], max = a[n-1] as return data. The array lives in
 * one 4 KiB stack frame, which bounds `length`.
 */
export function memorySortAt(length: number): SvmWorkload {
  const BYTES = length * 8;
  return svmWorkload({
    workload: 'memory-sort',
    source: `
entrypoint:
  mov64 r9, r10
  add64 r9, -${BYTES + 32}
  mov64 r2, ${SORT.seed}
  lddw r3, 0x${LCG_A.toString(16)}
  lddw r4, 0x${LCG_C.toString(16)}
  mov64 r5, 0
  mov64 r6, r9
fill:
  mul64 r2, r3
  add64 r2, r4
  mov64 r7, r2
  rsh64 r7, 32
  stxdw [r6+0], r7
  add64 r6, 8
  add64 r5, 1
  jne r5, ${length}, fill
  mov64 r5, 1
outer:
  mov64 r6, r5
  lsh64 r6, 3
  add64 r6, r9
  ldxdw r7, [r6+0]
inner:
  jeq r6, r9, place
  ldxdw r8, [r6-8]
  jle r8, r7, place
  stxdw [r6+0], r8
  add64 r6, -8
  ja inner
place:
  stxdw [r6+0], r7
  add64 r5, 1
  jne r5, ${length}, outer
  mov64 r5, 0
  mov64 r6, r9
  mov64 r2, 0
sum:
  ldxdw r7, [r6+0]
  add64 r5, 1
  mul64 r7, r5
  add64 r2, r7
  add64 r6, 8
  jne r5, ${length}, sum
  ldxdw r3, [r9+0]
  ldxdw r4, [r9+${BYTES - 8}]
${returnU64s(2, 3, 4)}`,
    result: (receipt) => ({
      checksum: u64At(receipt.returnData, 0),
      min: u64At(receipt.returnData, 1),
      max: u64At(receipt.returnData, 2),
    }),
  });
}

export const memorySort = memorySortAt(SORT.length);
