/**
 * Differential: every corpus case whose contract the Move back end supports runs on @polyvm/move-lite
 * and must agree with the IR interpreter on outcome, revert reason, return values, events and final
 * storage (read back from the `State` resource and its tables into solc's slot layout). Every generated module
 * must also be accepted by @mysten/move-bytecode-template, the Sui reference deserializer. Contracts
 * outside the slice must fail with a typed `unsupported on move: …` error; they are counted by construct.
 */
import { deserialize as oracleDeserialize } from '@mysten/move-bytecode-template';
import { UnsupportedError } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { compileCorpus, loadCorpus, runCase } from '../../test/corpus-harness.js';
import { irTarget } from '../target/ir-target.js';
import { buildMove, moveTarget } from './target.js';

const { cases, sources } = loadCorpus();
const skipped = new Map<string, string[]>();
const supportedNames: string[] = [];
let ran = 0;

/** `unsupported on move: <construct> at file:l:c` → `<construct>` without the location or details. */
function construct(message: string): string {
  return message
    .replace(/^unsupported on move: /, '')
    .replace(/ at \S+:\d+:\d+$/, '')
    .replace(/\(.*\)$/, '')
    .trim();
}

describe(`move target: ${cases.length} corpus contracts against the IR interpreter`, () => {
  for (const c of cases) {
    it(c.name, () => {
      const compilation = compileCorpus(sources);
      const artifact = compilation.artifact(c.file, c.contract);
      ran++;
      try {
        buildMove(artifact, 0xa11cen);
      } catch (error) {
        expect(error).toBeInstanceOf(UnsupportedError);
        expect((error as Error).message).toMatch(/^unsupported on move: /);
        const key = construct((error as Error).message);
        skipped.set(key, [...(skipped.get(key) ?? []), c.name]);
        return;
      }
      supportedNames.push(c.name);
      expect(() => oracleDeserialize(buildMove(artifact, 0xa11cen).code)).not.toThrow();
      const expected = runCase(compilation, irTarget, c);
      const actual = runCase(compilation, moveTarget, c);
      expect(actual).toEqual(expected);
    });
  }

  it('reports the supported / unsupported split', () => {
    const lines = [...skipped]
      .sort((a, b) => b[1].length - a[1].length)
      .map(([k, v]) => `  ${v.length} × ${k}: ${v.join(', ')}`);
    console.log(
      `move: ${supportedNames.length} of ${cases.length} corpus contracts supported (${supportedNames.join(', ')}); skipped by construct:\n${lines.join('\n')}`,
    );
    expect(supportedNames.length + [...skipped.values()].reduce((n, v) => n + v.length, 0)).toBe(ran);
  });
});
