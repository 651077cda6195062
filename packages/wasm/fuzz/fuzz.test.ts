import { describe, expect, it } from 'vitest';
import { formatReport, fuzz } from './harness.js';
import { TARGETS } from './targets.js';

/** A few seconds of each fuzz target in CI; `pnpm fuzz --seconds 600` is the long run. */
describe('fuzz slice (bounded)', () => {
  for (const [name, make] of Object.entries(TARGETS)) {
    it(`${name}: no untyped error, no hang`, () => {
      // A real hang never ends: 10 s only keeps a loaded CI machine's stalls from counting as one.
      const report = fuzz(make(), { budgetMs: 2_500, seed: 7n, hangMs: 10_000 });
      console.log(formatReport(report));
      expect(report.findings).toEqual([]);
      expect(report.inputs).toBeGreaterThan(5);
    }, 60_000);
  }
});
