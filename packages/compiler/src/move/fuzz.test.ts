/**
 * The differential fuzzer's random programs (test/fuzz/generator.ts) on the Move target: each must
 * build, pass @mysten/move-bytecode-template's deserializer, publish (move-lite's verifier) and agree with the IR interpreter on outcome, revert reason, return values, events
 * and final storage, or be refused with a typed `unsupported on move` error (counted and printed).
 * POLYVM_FUZZ_PROGRAMS (default 50) programs from POLYVM_FUZZ_SEED (default 1).
 */
import { deserialize as oracleDeserialize } from '@mysten/move-bytecode-template';
import { UnsupportedError } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { comparable, storageJson } from '../../test/corpus-harness.js';
import { generateProgram } from '../../test/fuzz/generator.js';
import { compileSources } from '../compile.js';
import { irTarget } from '../target/ir-target.js';
import type { JsValue, Target } from '../target/target.js';
import { buildMove, moveTarget } from './target.js';

const PROGRAMS = Number(process.env.POLYVM_FUZZ_PROGRAMS ?? 50);
const FIRST_SEED = Number(process.env.POLYVM_FUZZ_SEED ?? 1);

describe(`move fuzz: ${PROGRAMS} random programs from seed ${FIRST_SEED} against the IR interpreter`, () => {
  it(
    'agree or are refused with a typed error',
    () => {
      const programs = Array.from({ length: PROGRAMS }, (_, i) => generateProgram(FIRST_SEED + i));
      const compilation = compileSources(
        Object.fromEntries(
          programs.map((p) => [
            `fuzz${p.seed}.sol`,
            `// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\n${p.source}\n`,
          ]),
        ),
      );
      const refused: string[] = [];
      for (const program of programs) {
        const artifact = compilation.artifact(`fuzz${program.seed}.sol`, program.contract);
        try {
          // The independent Sui deserializer must accept every generated module too.
          oracleDeserialize(buildMove(artifact, 0xa11cen).code);
        } catch (error) {
          expect(error, `seed ${program.seed}`).toBeInstanceOf(UnsupportedError);
          refused.push(`${program.seed}: ${(error as Error).message}`);
          continue;
        }
        const run = (target: Target) => {
          const { result, deployment } = target.deploy(artifact, []);
          const calls =
            deployment === null
              ? []
              : program.argSets.map((args) => comparable(deployment.call('run', args as JsValue[])));
          return {
            deploy: comparable(result),
            calls,
            storage: deployment && storageJson(deployment.storage()),
          };
        };
        expect(run(moveTarget), `seed ${program.seed}\n${program.source}`).toEqual(run(irTarget));
      }
      console.log(
        `move fuzz: ${PROGRAMS - refused.length} of ${PROGRAMS} agree; refused:\n  ${refused.join('\n  ')}`,
      );
    },
    5_000 * PROGRAMS,
  );
});
