import { describe, expect, it } from 'vitest';
import { Rng } from '../../test/fuzz/generator.js';
import { type Call, differential, word } from './differential.test-util.js';

/** The corpus fuzzer's mulberry32 generator, so a failing seed reproduces. */
function prng(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}

interface IntType {
  signed: boolean;
  bits: number;
}
const name = (t: IntType) => `${t.signed ? 'int' : 'uint'}${t.bits}`;

function expression(rand: () => number, t: IntType, depth: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  if (depth === 0 || rand() < 0.25) {
    if (rand() < 0.7) return pick(['a', 'b', 'c']);
    const max = t.signed ? (1n << BigInt(t.bits - 1)) - 1n : (1n << BigInt(t.bits)) - 1n;
    const value = pick([0n, 1n, 2n, 3n, 7n, max, max / 2n]);
    return `${name(t)}(${value})`;
  }
  const l = expression(rand, t, depth - 1);
  const r = expression(rand, t, depth - 1);
  const op = pick(['+', '-', '*', '/', '%', '**', '&', '|', '^', '<<', '>>', '~', 'neg', '?:']);
  switch (op) {
    case '**':
      return `(${l} ** ${Math.floor(rand() * 6)})`;
    case '<<':
    case '>>':
      return `(${l} ${op} ${Math.floor(rand() * (t.bits + 4))})`;
    case '~':
      return `(~${l})`;
    case 'neg':
      return t.signed ? `(-${l})` : `(${l} - ${r})`;
    case '?:':
      return `(${l} ${pick(['<', '<=', '>', '>=', '==', '!='])} ${r} ? ${r} : ${l})`;
    default:
      return `(${l} ${op} ${r})`;
  }
}

function edgeValues(t: IntType, rand: () => number): bigint[] {
  const min = t.signed ? -(1n << BigInt(t.bits - 1)) : 0n;
  const max = t.signed ? (1n << BigInt(t.bits - 1)) - 1n : (1n << BigInt(t.bits)) - 1n;
  const random = () => min + (BigInt(Math.floor(rand() * 2 ** 52)) * (max - min)) / 2n ** 52n;
  return [0n, 1n, 2n, max, min, t.signed ? -1n : max - 1n, random(), random(), random()];
}

/** `POLYVM_EVM_FUZZ_SEEDS=200` runs more seeds locally; CI runs three. */
const SEEDS = Array.from({ length: Number(process.env.POLYVM_EVM_FUZZ_SEEDS ?? 3) }, (_, i) => i + 1);

describe(`random checked/unchecked integer expressions agree with solc (seeds ${SEEDS.join(', ')})`, () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}`, () => {
      const rand = prng(seed);
      const functions: string[] = [];
      const calls: Call[] = [];
      for (let f = 0; f < 24; f++) {
        const t: IntType = { signed: rand() < 0.5, bits: 8 * (1 + Math.floor(rand() * 32)) };
        const body = `return ${expression(rand, t, 3)};`;
        const checked = rand() < 0.6;
        functions.push(
          `  function f${f}(${name(t)} a, ${name(t)} b, ${name(t)} c) external pure returns (${name(t)}) { ${checked ? body : `unchecked { ${body} }`} }`,
        );
        const values = edgeValues(t, rand);
        for (let k = 0; k < 5; k++) {
          const pick = () => values[Math.floor(rand() * values.length)]!;
          calls.push({
            sig: `f${f}(${name(t)},${name(t)},${name(t)})`,
            args: word(pick()) + word(pick()) + word(pick()),
          });
        }
      }
      const source = `// SPDX-License-Identifier: MIT\npragma solidity ^0.8.0;\ncontract Fuzz {\n${functions.join('\n')}\n}`;
      const { solc, polyvm } = differential(source, calls);
      // Both successes and reverts must occur, or the comparison says little.
      expect(new Set(solc.calls.map((c) => c.status))).toEqual(new Set(['success', 'revert']));
      polyvm.calls.forEach((call, i) => {
        const { gas: _g, ...ours } = call;
        const { gas: _s, ...theirs } = solc.calls[i]!;
        const fn = functions[Number(calls[i]!.sig.slice(1, calls[i]!.sig.indexOf('(')))];
        expect(ours, `seed ${seed}, ${calls[i]!.sig} ${calls[i]!.args}\n${fn}`).toEqual(theirs);
      });
    });
  }
});
