/**
 * sBPF interpreter and runtime benchmarks (mitata), plus two derived numbers: interpreter
 * throughput in instructions/s on an ALU loop, and the Sealevel scheduler's speedup on
 * independent compute-heavy transactions. Run with `pnpm bench`.
 */

import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { addressFromNumber, fixturesOrWarn, JournaledState, type Transaction } from '@polyvm/core';
import { bench, do_not_optimize, group, run } from 'mitata';
import { assemble, assembleExecutable } from '../src/asm/assembler.js';
import { aluLoopSource, fibonacciSource } from '../src/asm/sample-programs.js';
import { writeElf } from '../src/elf/writer.js';
import { createVm } from '../src/execute/run.js';
import { walletAccount, writeAccount } from '../src/host/account.js';
import { fromBase58 } from '../src/host/pubkey.js';
import { SvmRuntime, type SvmTxPayload } from '../src/runtime.js';
import { executeParallel, executeSequential } from '../src/sched/batch.js';
import { WorkerPool } from '../src/sched/pool.js';

const ALU_ITERATIONS = 1_000_000;
const ALU_LOOP = assembleExecutable(aluLoopSource(ALU_ITERATIONS));
const ALU_INSTRUCTIONS = 3 + 6 * ALU_ITERATIONS;

const MEMORY_LOOP = assembleExecutable(`
  mov64 r1, 100000
  mov64 r2, r10
  add64 r2, -8
loop:
  ldxdw r3, [r2+0]
  add64 r3, r1
  stxdw [r2+0], r3
  sub64 r1, 1
  jne r1, 0, loop
  ldxdw r0, [r2+0]
  exit`);

const FIB = assembleExecutable(fibonacciSource(20));

const runVm = (executable: typeof ALU_LOOP) => () =>
  do_not_optimize(createVm(executable, { computeUnits: 1e9 }).run());

/** counter.so (a real Rust program) through the whole runtime: serialize, run, deserialize, commit. */
function counterTransaction(): (() => unknown) | undefined {
  const dir = fixturesOrWarn('svm/programs', 'counter.so runtime benchmark');
  if (!dir) return undefined;
  const runtime = new SvmRuntime();
  const state = new JournaledState();
  const program = fromBase58('Counter111111111111111111111111111111111111');
  const counter = addressFromNumber(0xc0, 32);
  const payer = addressFromNumber(0xfee, 32);
  runtime.deploy(state, {
    sender: payer,
    code: new Uint8Array(readFileSync(`${dir}/counter.so`)),
    address: program,
    gasLimit: 0n,
  });
  writeAccount(state, payer, walletAccount(10n ** 15n));
  writeAccount(state, counter, {
    lamports: 1_000_000n,
    owner: program,
    executable: false,
    rentEpoch: 0n,
    data: new Uint8Array(4),
  });
  const tx = {
    sender: payer,
    to: program,
    input: Uint8Array.of(0),
    value: 0n,
    gasLimit: 200_000n,
    nonce: 0n,
    payload: { accounts: [{ pubkey: counter, isSigner: false, isWritable: true }] },
  };
  return () => do_not_optimize(runtime.execute(state, tx));
}

group('sBPF interpreter', () => {
  bench(`ALU loop (${ALU_INSTRUCTIONS} instructions)`, runVm(ALU_LOOP));
  bench('load/add/store loop (500k instructions)', runVm(MEMORY_LOOP));
  bench('fib(20) by internal calls', runVm(FIB));
});

const counterTx = counterTransaction();
if (counterTx) {
  group('runtime', () => {
    bench('counter.so increment transaction', counterTx);
  });
}

await run();

function bestOf(times: number, fn: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

const aluMs = bestOf(7, runVm(ALU_LOOP));
console.log(`\nALU loop: ${(ALU_INSTRUCTIONS / aluMs / 1000).toFixed(1)} M sBPF instructions/s (best of 7)`);

/** 32 independent transactions of ~1.2M compute units each: only the program is shared (read lock). */
async function schedulerSpeedup(): Promise<void> {
  const iterations = 300_000;
  const source = `
entrypoint:
  mov64 r2, 1
  mov64 r3, ${iterations}
loop:
  mul64 r2, 3
  add64 r2, 1
  sub64 r3, 1
  jne r3, 0, loop
  mov64 r0, 0
  exit`;
  const runtime = new SvmRuntime();
  const state = new JournaledState();
  const program = addressFromNumber(0x5ea1, 32);
  runtime.deploy(state, {
    sender: program,
    code: writeElf(assemble(source)),
    address: program,
    gasLimit: 0n,
  });
  const txs: Array<Transaction<SvmTxPayload>> = [];
  for (let i = 0; i < 32; i++) {
    const payer = addressFromNumber(0x1000 + i, 32);
    writeAccount(state, payer, walletAccount(10n ** 9n));
    txs.push({
      sender: payer,
      to: program,
      input: new Uint8Array(0),
      value: 0n,
      gasLimit: 1_400_000n,
      nonce: 0n,
      payload: { accounts: [] },
    });
  }
  const workers = Math.max(2, availableParallelism());
  const pool = new WorkerPool(workers);
  await executeParallel(pool, state.fork(), txs.slice(0, workers * 2)); // warm the workers' program caches and JITs
  executeSequential(runtime, state.fork(), txs);
  let sequentialMs = Number.POSITIVE_INFINITY;
  let parallelMs = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const seqState = state.fork();
    let start = performance.now();
    executeSequential(runtime, seqState, txs);
    sequentialMs = Math.min(sequentialMs, performance.now() - start);
    const parState = state.fork();
    start = performance.now();
    const { waves } = await executeParallel(pool, parState, txs);
    parallelMs = Math.min(parallelMs, performance.now() - start);
    if (waves.length !== 1) throw new Error(`expected one wave, got ${waves.length}`);
    if (Buffer.compare(seqState.stateRoot(), parState.stateRoot()) !== 0)
      throw new Error('parallel state differs');
  }
  await pool.close();
  console.log(
    `Sealevel scheduler: 32 independent 1.2M-CU transactions, ${workers} workers: sequential ${sequentialMs.toFixed(0)} ms, parallel ${parallelMs.toFixed(0)} ms, speedup ${(sequentialMs / parallelMs).toFixed(2)}x (state roots equal)`,
  );
}

await schedulerSpeedup();
