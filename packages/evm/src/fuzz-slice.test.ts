import { describe, expect, it } from 'vitest';
import { formatReport, fuzz } from '../fuzz/harness.js';
import { TARGETS } from '../fuzz/targets.js';

/** A bounded slice of `pnpm fuzz` (issue 11): every target, ~0.6 s each, no untyped error, no hang. */
describe('evm fuzz slice', () => {
  for (const [name, make] of Object.entries(TARGETS)) {
    it(`${name}: no untyped error or hang`, () => {
      const report = fuzz(make, { budgetMs: 600, seed: 11n });
      console.log(formatReport(report));
      expect(report.findings).toEqual([]);
      expect(report.inputs).toBeGreaterThan(0);
    }, 60_000);
  }
});
