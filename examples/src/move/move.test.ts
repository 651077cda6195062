import { JournaledState, measureWorkload } from '@polyvm/core';
import { runtimeFactory } from '@polyvm/move-lite';
import { describe, expect, it } from 'vitest';
import { WORKLOADS, workloadSpec } from '../spec.js';
import { workloads } from './index.js';

describe('move workloads', () => {
  it('implements every workload of the spec', () => {
    expect(workloads.map((w) => w.workload).sort()).toEqual(WORKLOADS.map((w) => w.name).sort());
  });

  for (const impl of workloads) {
    it(`${impl.workload} produces the reference result`, async () => {
      const runtime = runtimeFactory.create();
      const result = await measureWorkload(runtime, impl, {
        warmup: 0,
        samples: 1,
        state: new JournaledState(),
      });
      expect(result.error).toBeUndefined();
      expect(result.status).toBe('success');
      expect(result.result).toEqual(workloadSpec(impl.workload).expected);
      expect(result.gasUsed).toBeGreaterThan(0);
      expect(result.instructions).toBeGreaterThan(0);
      console.log(
        `move ${impl.workload}: gas ${result.gasUsed} (${result.normalizedCost.toFixed(0)} normalized), ${result.instructions} instructions, code ${result.codeSize} B`,
      );
    });
  }
});
