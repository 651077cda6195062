import { bytesToHex } from '@noble/hashes/utils.js';
import { ARITH, HASH, LCG_A, LCG_C } from '../spec.js';
import { returnU64s, type SvmWorkload, svmWorkload, u64At } from './harness.js';

/** x = x * A + C (mod 2^64), `iterations` times, in registers. */
export function computeArithAt(iterations: number): SvmWorkload {
  return svmWorkload({
    workload: 'compute-arith',
    source: `
entrypoint:
  mov64 r2, ${ARITH.seed}
  lddw r3, 0x${LCG_A.toString(16)}
  lddw r4, 0x${LCG_C.toString(16)}
  mov64 r5, ${iterations}
loop:
  mul64 r2, r3
  add64 r2, r4
  sub64 r5, 1
  jne r5, 0, loop
${returnU64s(2)}`,
    result: (receipt) => ({ x: u64At(receipt.returnData) }),
  });
}

export const computeArith = computeArithAt(ARITH.iterations);

/**
 * h = 32 zero bytes on the stack; `rounds` times h = sol_sha256([h]) in place. The slice descriptor
 * { ptr, len } the syscall takes sits just below h.
 */
export function computeHashAt(rounds: number): SvmWorkload {
  return svmWorkload({
    workload: 'compute-hash',
    source: `
entrypoint:
  mov64 r6, r10
  add64 r6, -32
  stxdw [r10-48], r6
  stdw [r10-40], 32
  mov64 r7, ${rounds}
loop:
  mov64 r1, r10
  add64 r1, -48
  mov64 r2, 1
  mov64 r3, r6
  syscall sol_sha256
  sub64 r7, 1
  jne r7, 0, loop
  mov64 r1, r6
  mov64 r2, 32
  syscall sol_set_return_data
  mov64 r0, 0
  exit`,
    result: (receipt) => ({ digest: `0x${bytesToHex(receipt.returnData)}` }),
  });
}

export const computeHash = computeHashAt(HASH.rounds);
