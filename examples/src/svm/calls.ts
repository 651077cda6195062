import { CALLS } from '../spec.js';
import { returnU64s, svmWorkload, u64At } from './harness.js';

/** Naive recursive Fibonacci through sBPF internal calls (r6, r7 are callee-saved across `call`). */
export const callHeavy = svmWorkload({
  workload: 'call-heavy',
  source: `
entrypoint:
  mov64 r1, ${CALLS.n}
  call fib
  mov64 r6, r0
${returnU64s(6)}
fib:
  jgt r1, 1, recurse
  mov64 r0, r1
  exit
recurse:
  mov64 r6, r1
  sub64 r1, 1
  call fib
  mov64 r7, r0
  mov64 r1, r6
  sub64 r1, 2
  call fib
  add64 r0, r7
  exit`,
  result: (receipt) => ({ fib: u64At(receipt.returnData) }),
});
