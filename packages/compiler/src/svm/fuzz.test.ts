import { UnsupportedError } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { comparable, storageJson } from '../../test/corpus-harness.js';
import { generateProgram } from '../../test/fuzz/generator.js';
import { compileSources } from '../compile.js';
import { irTarget } from '../target/ir-target.js';
import type { JsValue, Target } from '../target/target.js';
import { svmTarget } from './target.js';

/**
 * The compiler's differential fuzzer on the svm target: random programs (test/fuzz/generator.ts) must
 * give the IR interpreter's outcome, revert reason, return values, events and final storage. Programs
 * using a construct the back end does not support are counted by construct, never compared.
 */
const PROGRAMS = Number(process.env.POLYVM_FUZZ_PROGRAMS ?? 60);
const FIRST_SEED = Number(process.env.POLYVM_FUZZ_SEED ?? 1);

describe(`svm differential fuzzer: ${PROGRAMS} programs from seed ${FIRST_SEED} against the IR`, () => {
  it('agrees on every program it supports; reports the count', { timeout: 600_000 }, () => {
    const programs = Array.from({ length: PROGRAMS }, (_, i) => generateProgram(FIRST_SEED + i));
    const compilation = compileSources(
      Object.fromEntries(
        programs.map((p) => [
          `fuzz${p.seed}.sol`,
          `// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\n${p.source}\n`,
        ]),
      ),
    );
    const skipped = new Map<string, number>();
    let compared = 0;
    for (const program of programs) {
      const artifact = compilation.artifact(`fuzz${program.seed}.sol`, program.contract);
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
      let actual: ReturnType<typeof run>;
      try {
        actual = run(svmTarget);
      } catch (error) {
        if (!(error instanceof UnsupportedError)) throw error;
        const key = error.message.replace(/^.*unsupported on svm: /, '').replace(/ \(.*$/, '');
        skipped.set(key, (skipped.get(key) ?? 0) + 1);
        continue;
      }
      expect(actual, `seed ${program.seed}\n${program.source}`).toEqual(run(irTarget));
      compared++;
    }
    console.log(
      `svm fuzz: ${compared}/${PROGRAMS} programs equal to the IR; skipped: ${[...skipped]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ×${n}`)
        .join('; ')}`,
    );
    expect(compared).toBeGreaterThan(0);
  });
});
