/**
 * Issue 18's target "counter and token-transfer transactions on a state with 10^5 unrelated keys
 * within 1.5× of an empty state, on every VM", measured on the catalog workloads of every runtime.
 *
 * The unrelated keys are other accounts' and contracts' entries in the VM's own namespaces: each
 * entry the workload left behind (code and module blobs over 128 bytes excepted) is cloned with its
 * first four key bytes replaced, which for every layout here changes the owning address or account.
 * Each round runs the transaction once per size, interleaved, and the per-size medians are compared;
 * then core's `stateRoot()` (kept up to date incrementally) is timed after one transaction, from a
 * root of the state before it. Each transaction is undone afterwards, so every round starts from the
 * same state (as in the comparison harness: a prepared transaction's nonce is fixed).
 * Run with `pnpm bench:state-size`.
 */
import { JournaledState, type PreparedWorkload, type RuntimeFactory } from '@polyvm/core';
import * as evm from '@polyvm/evm';
import * as move from '@polyvm/move-lite';
import * as svm from '@polyvm/svm-lite';
import * as wasm from '@polyvm/wasm';
import { cosmwasmWorkloads, evmWorkloads, moveWorkloads, svmWorkloads, wasmWorkloads } from '../src/index.js';

const UNRELATED = 100_000;
const ROUNDS = 101;
const WORKLOADS = ['counter', 'token-transfer'];
const RUNTIMES = [
  [evm.runtimeFactory, evmWorkloads],
  [wasm.runtimeFactory, wasmWorkloads],
  [move.runtimeFactory, moveWorkloads],
  [svm.runtimeFactory, svmWorkloads],
  [wasm.cosmwasmRuntimeFactory, cosmwasmWorkloads],
] as const;

interface Prepared {
  state: JournaledState;
  workload: PreparedWorkload;
}

async function prepare(factory: RuntimeFactory, impl: (typeof evmWorkloads)[number], unrelated: number) {
  const state = new JournaledState();
  const workload = await impl.prepare(state, factory.create());
  if (unrelated > 0) {
    // One transaction first (undone), so every namespace the workload touches has an entry to clone.
    state.checkpoint();
    await workload.run();
    const templates = state.entries().filter(({ value }) => value.length <= 128);
    state.revert();
    for (let i = 0; i < unrelated; i++) {
      const { namespace, key, value } = templates[i % templates.length]!;
      const other = key.slice();
      const tag = (i + 1) * 0x9e37;
      other.set([tag >>> 24, (tag >>> 16) & 0xff, (tag >>> 8) & 0xff, tag & 0xff].slice(0, other.length));
      state.set(namespace, other, value);
    }
  }
  state.stateRoot();
  return { state, workload };
}

/** One transaction in milliseconds, then undone, as the comparison harness does between runs. */
async function timeTransaction({ state, workload }: Prepared): Promise<number> {
  state.checkpoint();
  const start = performance.now();
  const receipt = await workload.run();
  const elapsed = performance.now() - start;
  state.revert();
  if (receipt.status !== 'success') throw new Error(`bench transaction failed: ${receipt.status}`);
  return elapsed;
}

/** `stateRoot()` right after one transaction, from a root of the state before it; milliseconds. */
async function timeRoot({ state, workload }: Prepared): Promise<number> {
  state.stateRoot();
  state.checkpoint();
  await workload.run();
  const start = performance.now();
  state.stateRoot();
  const elapsed = performance.now() - start;
  state.revert();
  return elapsed;
}

const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
const us = (ms: number) => `${(ms * 1e3).toFixed(0)} µs`;

/** Per-size medians of `measure`, the sizes interleaved in every round. */
async function interleaved(sizes: Prepared[], rounds: number, measure: (p: Prepared) => Promise<number>) {
  const samples = sizes.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    for (const [i, prepared] of sizes.entries()) samples[i]!.push(await measure(prepared));
  }
  return samples.map(median);
}

console.log(
  `| runtime | workload | tx, empty state | tx, ${UNRELATED} unrelated keys | ratio | stateRoot() after the tx, empty | same, ${UNRELATED} keys |`,
);
console.log('|---|---|---|---|---|---|---|');
for (const [factory, impls] of RUNTIMES) {
  for (const impl of impls.filter((i) => WORKLOADS.includes(i.workload))) {
    const sizes = [await prepare(factory, impl, 0), await prepare(factory, impl, UNRELATED)];
    const [emptyTx, fullTx] = await interleaved(sizes, ROUNDS, timeTransaction);
    const [emptyRoot, fullRoot] = await interleaved(sizes, ROUNDS, timeRoot);
    console.log(
      `| ${factory.info.name} | ${impl.workload} | ${us(emptyTx!)} | ${us(fullTx!)} | ${(fullTx! / emptyTx!).toFixed(2)}× | ${us(emptyRoot!)} | ${us(fullRoot!)} |`,
    );
  }
}
