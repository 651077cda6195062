import { locateFixtures } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { fuzzMove } from './fuzz.js';

describe('fuzz harness (a bounded slice of `pnpm fuzz`)', () => {
  it('a few seconds of mutated modules, BCS values and calls: no untyped error, no hang', () => {
    // A real hang never ends, so 10 s only guards against a loaded CI machine's stalls; minInputs keeps
    // the slice meaningful when the budget is eaten by load.
    const reports = fuzzMove({
      seconds: 3,
      seed: 7,
      hangMs: 10_000,
      minInputs: 60,
      fixtures: locateFixtures('move').dir,
    });
    for (const r of reports) {
      console.log(
        `move fuzz ${r.target}: ${r.inputs} inputs, ${r.typedRejections} typed rejections, ${r.accepted} accepted, ${r.untyped.length} untyped, ${r.hangs.length} hangs, peak RSS ${r.peakRssMiB} MiB`,
      );
      expect(r.inputs).toBeGreaterThan(50);
      expect(r.untyped).toEqual([]);
      expect(r.hangs).toEqual([]);
    }
  });
});
