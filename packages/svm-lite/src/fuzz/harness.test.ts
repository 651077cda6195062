import { fixturesOrWarn } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { formatReport, runFuzz } from './harness.js';

const fixtures = fixturesOrWarn('svm/programs', 'mutating real programs in the fuzz slice');

describe('fuzz slice (a few seconds of `pnpm fuzz`)', () => {
  it('every input ends in a receipt or a typed error, none hangs, failures keep only the fee', () => {
    const report = runFuzz({ durationMs: 3000, seed: 0x5eed, fixtures });
    for (const line of formatReport(report, 3)) console.log(line);
    expect(report.problems).toEqual([]);
    expect(report.untypedErrors).toBe(0);
    expect(report.hangs).toBe(0);
    expect(report.leakedState).toBe(0);
    expect(report.inputs).toBeGreaterThan(20);
    expect(report.executed).toBeGreaterThan(0);
    expect(report.typedRejections).toBeGreaterThan(0);
  }, 30_000);
});
