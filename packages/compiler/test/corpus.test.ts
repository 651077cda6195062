import { describe, expect, it } from 'vitest';
import { availableTargets } from '../src/target/registry.js';
import { compileCorpus, loadCorpus, runCase } from './corpus-harness.js';

const { cases, sources } = loadCorpus();
const targets = availableTargets().filter((t) => t.name !== 'ir');
const reference = availableTargets().find((t) => t.name === 'ir')!;

describe(`compiler corpus: ${cases.length} contracts × ${targets.map((t) => t.name).join(', ')} against the IR interpreter`, () => {
  for (const c of cases) {
    it(`${c.name} (${c.calls.length} calls)`, () => {
      const compilation = compileCorpus(sources);
      const expected = runCase(compilation, reference, c);
      expect(expected.deploy).toMatchObject({ status: 'success' });
      for (const target of targets) {
        const actual = runCase(compilation, target, c);
        expect({ target: target.name, ...actual }).toEqual({ target: target.name, ...expected });
      }
    });
  }
});
