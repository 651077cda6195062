/**
 * Side-by-side benchmark: this EVM against @ethereumjs/evm (Cancun) on compute-heavy bytecode, in
 * one mitata run. Both execute the same message (a call to the code, 30M gas) from the same
 * pre-state, which is reverted after every run. Run with `pnpm bench`.
 */
import { cpus, loadavg } from 'node:os';
import { Common, Hardfork, Mainnet } from '@ethereumjs/common';
import { createEVM } from '@ethereumjs/evm';
import { Account, createAddressFromBigInt } from '@ethereumjs/util';
import { JournaledState } from '@polyvm/core';
import { bench, do_not_optimize, group, run, summary } from 'mitata';
import { AnalysisCache } from '../src/decode/analysis.js';
import { Evm } from '../src/execute/evm.js';
import { World } from '../src/host/world.js';
import { blockEnv } from '../src/tx/apply.js';
import { BENCH_PROGRAMS } from './programs.js';

const CALLER = 0xca11e7n;
const TARGET = 0xc0den;
const GAS = 30_000_000;

function polyvmRunner(code: Uint8Array): () => number {
  const state = new JournaledState();
  const world = new World(state);
  world.setCode(TARGET, code);
  world.setBalance(CALLER, 10n ** 18n);
  const analyses = new AnalysisCache();
  return () => {
    state.checkpoint();
    const evm = new Evm(
      world,
      blockEnv(undefined),
      { origin: CALLER, gasPrice: 0n, blobHashes: [] },
      analyses,
    );
    evm.substate.add('warmAddresses', CALLER);
    evm.substate.add('warmAddresses', TARGET);
    const result = evm.run({
      kind: 'CALL',
      caller: CALLER,
      target: TARGET,
      codeAddress: TARGET,
      value: 0n,
      transfer: true,
      input: new Uint8Array(0),
      gas: GAS,
      isStatic: false,
      depth: 0,
    });
    state.revert();
    if (!result.success) throw new Error(`polyvm run failed: ${result.error}`);
    return GAS - result.gasLeft;
  };
}

async function ethereumjsRunner(code: Uint8Array): Promise<() => Promise<number>> {
  const evm = await createEVM({ common: new Common({ chain: Mainnet, hardfork: Hardfork.Cancun }) });
  const target = createAddressFromBigInt(TARGET);
  const caller = createAddressFromBigInt(CALLER);
  await evm.stateManager.putAccount(caller, new Account(0n, 10n ** 18n));
  await evm.stateManager.putAccount(target, new Account());
  await evm.stateManager.putCode(target, code);
  return async () => {
    await evm.stateManager.checkpoint();
    const result = await evm.runCall({ caller, to: target, gasLimit: BigInt(GAS), skipNonceIncrement: true });
    await evm.stateManager.revert();
    if (result.execResult.exceptionError)
      throw new Error(`ethereumjs run failed: ${result.execResult.exceptionError.error}`);
    return Number(result.execResult.executionGasUsed);
  };
}

const pairs: Array<{ name: string; gas: number; ours: () => number; theirs: () => Promise<number> }> = [];
for (const [name, code] of Object.entries(BENCH_PROGRAMS)) {
  const ours = polyvmRunner(code);
  const theirs = await ethereumjsRunner(code);
  // Both must agree on the gas before their speed is worth comparing.
  const [a, b] = [ours(), await theirs()];
  if (a !== b) throw new Error(`${name}: gas differs, polyvm ${a} vs ethereumjs ${b}`);
  console.log(`${name}: ${a} gas on both`);
  pairs.push({ name, gas: a, ours, theirs });
}

for (const { name, ours, theirs } of pairs) {
  group(name, () => {
    summary(() => {
      bench(`polyvm ${name}`, () => do_not_optimize(ours()));
      bench(`ethereumjs ${name}`, async () => do_not_optimize(await theirs()));
    });
  });
}

const { benchmarks } = await run();
const avg = (alias: string) => benchmarks.find((b) => b.alias === alias)?.runs[0]?.stats?.avg ?? Number.NaN;

/**
 * On a shared machine the load drifts between mitata's back-to-back benchmarks, so the speed-up is also
 * measured as the median of interleaved rounds: each round times both EVMs right after one another.
 */
async function interleavedRatio(
  ours: () => number,
  theirs: () => Promise<number>,
  rounds = 15,
): Promise<number> {
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let start = performance.now();
    ours();
    const a = performance.now() - start;
    start = performance.now();
    await theirs();
    const b = performance.now() - start;
    ratios.push(b / a);
  }
  ratios.sort((x, y) => x - y);
  return ratios[Math.floor(ratios.length / 2)]!;
}

console.log(
  '\n| workload | polyvm (mitata avg) | @ethereumjs/evm (mitata avg) | speed-up (avg) | speed-up (interleaved median) | polyvm Mgas/s |',
);
console.log('|---|---|---|---|---|---|');
for (const { name, gas, ours, theirs } of pairs) {
  const a = avg(`polyvm ${name}`);
  const b = avg(`ethereumjs ${name}`);
  const paired = await interleavedRatio(ours, theirs);
  // mitata reports nanoseconds: gas per ns × 1000 is Mgas per second.
  const mgasPerSecond = (gas / a) * 1000;
  console.log(
    `| ${name} | ${(a / 1e6).toFixed(2)} ms | ${(b / 1e6).toFixed(2)} ms | ${(b / a).toFixed(1)}× | ${paired.toFixed(1)}× | ${mgasPerSecond.toFixed(0)} |`,
  );
}
console.log(
  `(load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ')} on ${cpus().length} cores)`,
);
