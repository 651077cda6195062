/**
 * The differential fuzzer (test/fuzz/generator.ts) on the wasm targets: random Solidity programs run
 * on the IR interpreter and on both WebAssembly profiles, which must agree on outcome, revert reason,
 * return values, events and final storage (the wasm side read back in solc's layout by
 * `solc-storage.ts`). Seeds as in
 * test/fuzz.test.ts: POLYVM_FUZZ_SEED (default 1) and POLYVM_WASM_FUZZ_PROGRAMS (default 40; the
 * wasm runtimes compile each module with V8, so this is slower per program than the EVM's).
 */
import { describe, expect, it } from 'vitest';
import { comparable, storageJson } from '../../test/corpus-harness.js';
import { type FuzzProgram, generateProgram } from '../../test/fuzz/generator.js';
import { compileSources } from '../compile.js';
import { irTarget } from '../target/ir-target.js';
import type { JsValue, Target } from '../target/target.js';
import { cosmwasmTarget } from './cosmwasm-target.js';
import { wasmTarget } from './target.js';

const PROGRAMS = Number(process.env.POLYVM_WASM_FUZZ_PROGRAMS ?? 40);
const FIRST_SEED = Number(process.env.POLYVM_FUZZ_SEED ?? 1);
const BATCH = 20;

function run(target: Target, compilation: ReturnType<typeof compileSources>, program: FuzzProgram) {
  const artifact = compilation.artifact(`fuzz${program.seed}.sol`, program.contract);
  const { result, deployment } = target.deploy(artifact, []);
  const calls =
    deployment === null
      ? []
      : program.argSets.map((args) => comparable(deployment.call('run', args as JsValue[])));
  return { deploy: comparable(result), calls, storage: deployment && storageJson(deployment.storage()) };
}

describe(`differential fuzzer on wasm (NEAR) and cosmwasm: ${PROGRAMS} programs from seed ${FIRST_SEED}`, () => {
  for (let start = 0; start < PROGRAMS; start += BATCH) {
    const seeds = Array.from({ length: Math.min(BATCH, PROGRAMS - start) }, (_, i) => FIRST_SEED + start + i);
    it(`seeds ${seeds[0]}…${seeds.at(-1)}`, () => {
      const programs = seeds.map(generateProgram);
      const compilation = compileSources(
        Object.fromEntries(
          programs.map((p) => [
            `fuzz${p.seed}.sol`,
            `// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\n${p.source}\n`,
          ]),
        ),
      );
      for (const program of programs) {
        const reference = run(irTarget, compilation, program);
        for (const target of [wasmTarget, cosmwasmTarget]) {
          expect(
            run(target, compilation, program),
            `seed ${program.seed} (${target.name} vs ir; POLYVM_FUZZ_SEED=${program.seed} POLYVM_WASM_FUZZ_PROGRAMS=1)\n${program.source}`,
          ).toEqual(reference);
        }
      }
    }, 600_000);
  }
});
