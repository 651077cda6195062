import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { addressFromHex, JournaledState, locateFixtures } from '@polyvm/core';
import { bench, do_not_optimize, run, summary } from 'mitata';
import * as moveLite from '../src/index.js';
import { FIB_SOURCE, LCG_FUNCTION } from '../src/testing/samples.js';
import { interleavedMedians } from './interleave.js';

/**
 * Move VM benchmarks: binary decoding and verification of the real Starcoin framework, and the
 * interpreter on call-, arithmetic- and vector-heavy code. Run with `pnpm bench`.
 *
 * `MOVE_BENCH_BASELINE=<folder>` also loads `<folder>/src/index.ts` (an older move-lite `src`, e.g.
 * `git archive main src | tar -x -C <folder>` with `<folder>/node_modules` linked to this package's
 * and this package's `package.json` copied there: without `"type": "module"` tsx loads the old tree
 * as CommonJS, whose imported constants are getter calls, and it measures ~2.4× slower than it is)
 * and prints instructions/s of both, measured interleaved in this process.
 */
const SOURCE = `${FIB_SOURCE.replace('0x42::fib', '0x42::bench')}${LCG_FUNCTION}`;

type MoveLite = typeof moveLite;
const PROGRAMS = [
  ['fib', 20, 'fib(20) (21891 calls)'],
  ['lcg', 10_000, 'u128 LCG x10,000'],
] as const;

/** A deployed bench module on a fresh state, and a function that calls it. */
function setup(lib: MoveLite) {
  const runtime = new lib.MoveRuntime();
  const state = new JournaledState();
  lib.publishStdlib(runtime, state);
  const owner = addressFromHex('0x42', 32);
  runtime.deploy(state, { sender: owner, code: lib.assembleToBytes(SOURCE), gasLimit: 100_000_000n });
  const u64 = (v: number): Uint8Array => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt(v), true);
    return b;
  };
  return (fn: string, arg: number) =>
    runtime.execute(state, {
      sender: owner,
      input: new Uint8Array(0),
      value: 0n,
      nonce: 0n,
      gasLimit: 100_000_000_000n,
      payload: { module: '0x42::bench', function: fn, args: [u64(arg)] },
    });
}

const call = setup(moveLite);
const instructions = new Map<string, number>();
for (const [fn, arg] of PROGRAMS) {
  const r = call(fn, arg);
  instructions.set(fn, r.metrics.instructions);
  console.log(`${fn}(${arg}): ${r.status}, ${r.metrics.instructions} instructions, ${r.gasUsed} gas`);
}

const baselineDir = process.env.MOVE_BENCH_BASELINE;
if (baselineDir) {
  const baseline: MoveLite = await import(resolve(baselineDir, 'src/index.ts'));
  const callBaseline = setup(baseline);
  for (const [fn, arg] of PROGRAMS) {
    const a = call(fn, arg);
    const b = callBaseline(fn, arg);
    if (a.gasUsed !== b.gasUsed || a.metrics.instructions !== b.metrics.instructions)
      throw new Error(`${fn}: gas or instructions differ from the baseline`);
  }
  console.log(
    '\ninstructions per CPU second, medians of interleaved rounds (baseline = MOVE_BENCH_BASELINE):',
  );
  console.log('| program | baseline | this tree | speed-up |\n|---|---|---|---|');
  for (const [fn, arg, label] of PROGRAMS) {
    const [before, now] = interleavedMedians([() => callBaseline(fn, arg), () => call(fn, arg)]);
    const rate = (ms: number) => `${((instructions.get(fn)! / ms) * 1e-3).toFixed(1)} M`;
    console.log(`| ${label} | ${rate(before!)} | ${rate(now!)} | ${(before! / now!).toFixed(2)}× |`);
  }
  console.log();
}

summary(() => {
  for (const [fn, arg, label] of PROGRAMS)
    bench(`interpreter: ${label}`, () => do_not_optimize(call(fn, arg)));
});

const { dir } = locateFixtures('move');
if (dir) {
  const folder = join(dir, 'starcoin-framework-v6');
  const binaries = readdirSync(folder)
    .filter((f) => f.endsWith('.mv'))
    .map((f) => readFileSync(join(folder, f)));
  const decoded = binaries.map((b) => moveLite.deserializeModule(b, { addressWidth: 16 }));
  summary(() => {
    bench(`decode ${binaries.length} Starcoin modules`, () =>
      do_not_optimize(binaries.map((b) => moveLite.deserializeModule(b, { addressWidth: 16 }))),
    );
    bench(`verify ${decoded.length} Starcoin modules`, () =>
      do_not_optimize(decoded.map((m) => moveLite.verifyModule(m))),
    );
  });
} else {
  console.warn('!!! Starcoin fixtures not found: skipping the decode/verify benchmarks');
}

await run();
