import { JournaledState } from '@polyvm/core';
import { assemble } from '../src/asm/assembler.js';
import { aluLoopSource, fibonacciSource } from '../src/asm/sample-programs.js';
import { writeElf } from '../src/elf/writer.js';
import { walletAccount, writeAccount } from '../src/host/account.js';
import { COMPUTE_BUDGET_PROGRAM_ID } from '../src/host/compute-budget.js';
import { SvmRuntime } from '../src/runtime.js';

const which = process.argv[2] ?? 'alu';
const src: Record<string, string> = {
  alu: aluLoopSource(200_000, { returnZero: true }),
  fib: fibonacciSource(20, { returnZero: true }),
  sha: `
  mov64 r6, 5000
  mov64 r2, r10
  add64 r2, -64
  stxdw [r10-80], r2
  stdw [r10-72], 32
loop:
  mov64 r1, r10
  add64 r1, -80
  mov64 r2, 1
  mov64 r3, r10
  add64 r3, -32
  syscall sol_sha256
  sub64 r6, 1
  jne r6, 0, loop
  mov64 r0, 0
  exit`,
  nop: `mov64 r0, 0
  exit`,
};
const LIMIT = 1_400_000;
const limitData = Uint8Array.of(2, LIMIT & 0xff, (LIMIT >> 8) & 0xff, (LIMIT >> 16) & 0xff, 0);
const payerKey = new Uint8Array(32).fill(7);
const prog = new Uint8Array(32).fill(9);
const code = writeElf(assemble(src[which]!));
const runtime = new SvmRuntime();
const state = new JournaledState();
runtime.deploy(state, { sender: payerKey, code, address: prog, gasLimit: 0n });
writeAccount(state, payerKey, walletAccount(10n ** 15n));
const tx = {
  sender: payerKey, input: new Uint8Array(0), value: 0n, gasLimit: BigInt(LIMIT), nonce: 0n,
  payload: { instructions: [
    { programId: COMPUTE_BUDGET_PROGRAM_ID, accounts: [], data: limitData },
    { programId: prog, accounts: [], data: new Uint8Array(0) },
  ] },
};
const n = Number(process.argv[3] ?? 300);
let r = runtime.call(state, tx);
console.log(which, r.status, r.gasUsed);
const times: number[] = [];
for (let i = 0; i < n; i++) { const t = performance.now(); r = runtime.call(state, tx); times.push(performance.now() - t); }
times.sort((a, b) => a - b);
console.log(which, 'median ms', times[n >> 1]!.toFixed(3), 'min', times[0]!.toFixed(3));
