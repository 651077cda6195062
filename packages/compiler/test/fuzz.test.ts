/**
 * Differential fuzzing: random Solidity programs (test/fuzz/generator.ts) run on the IR interpreter,
 * solc's bytecode on polyvm's EVM and every other registered target, which must agree on outcome,
 * revert reason, return values, events and final storage. CI runs POLYVM_FUZZ_PROGRAMS (default 200)
 * programs from POLYVM_FUZZ_SEED (default 1); `pnpm fuzz` runs thousands. A failure names the seed.
 */
import { describe, expect, it } from 'vitest';
import { compileSources } from '../src/compile.js';
import { availableTargets } from '../src/target/registry.js';
import type { JsValue } from '../src/target/target.js';
import { comparable, storageJson } from './corpus-harness.js';
import { type FuzzProgram, generateProgram } from './fuzz/generator.js';

const PROGRAMS = Number(process.env.POLYVM_FUZZ_PROGRAMS ?? 200);
const FIRST_SEED = Number(process.env.POLYVM_FUZZ_SEED ?? 1);
/** Programs per solc call: solc-js pays a large fixed cost per compile. */
const BATCH = 50;

function runProgram(compilation: ReturnType<typeof compileSources>, program: FuzzProgram) {
  const artifact = compilation.artifact(`fuzz${program.seed}.sol`, program.contract);
  const results: Record<string, unknown> = {};
  for (const target of availableTargets()) {
    const { result, deployment } = target.deploy(artifact, []);
    const calls =
      deployment === null
        ? []
        : program.argSets.map((args) => comparable(deployment.call('run', args as JsValue[])));
    results[target.name] = {
      deploy: comparable(result),
      calls,
      storage: deployment && storageJson(deployment.storage()),
    };
  }
  return results;
}

describe(`differential fuzzer: ${PROGRAMS} programs from seed ${FIRST_SEED} on ${availableTargets()
  .map((t) => t.name)
  .join(', ')}`, () => {
  for (let start = 0; start < PROGRAMS; start += BATCH) {
    const seeds = Array.from({ length: Math.min(BATCH, PROGRAMS - start) }, (_, i) => FIRST_SEED + start + i);
    it(`seeds ${seeds[0]}…${seeds.at(-1)}`, () => {
      const programs = seeds.map(generateProgram);
      const sources = Object.fromEntries(
        programs.map((p) => [
          `fuzz${p.seed}.sol`,
          `// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\n${p.source}\n`,
        ]),
      );
      const compilation = compileSources(sources);
      for (const program of programs) {
        const results = runProgram(compilation, program);
        const reference = results.ir;
        for (const [target, actual] of Object.entries(results)) {
          expect(
            actual,
            `seed ${program.seed} (${target} vs ir; POLYVM_FUZZ_SEED=${program.seed} POLYVM_FUZZ_PROGRAMS=1)\n${program.source}`,
          ).toEqual(reference);
        }
      }
    });
  }
});
