import { measureWorkload } from '@polyvm/core';
import { runtimeFactory } from '@polyvm/evm';
import { describe, expect, it } from 'vitest';
import { WORKLOADS, workloadSpec } from '../spec.js';
import { workloads } from './index.js';

describe('EVM implementations of the shared workloads', () => {
  it('implements every workload once', () => {
    expect(workloads.map((w) => w.workload).sort()).toEqual(WORKLOADS.map((w) => w.name).sort());
  });

  for (const impl of workloads) {
    it(`${impl.workload} produces the reference result`, async () => {
      const run = await measureWorkload(runtimeFactory.create(), impl, { warmup: 0, samples: 1 });
      expect(run.error).toBeUndefined();
      expect(run.status).toBe('success');
      expect(run.result).toEqual(workloadSpec(impl.workload).expected);
      expect(run.gasUsed).toBeGreaterThan(21000);
      console.log(
        `evm ${impl.workload}: gas ${run.gasUsed}, ${run.instructions} instructions, code ${run.codeSize} B`,
      );
    });
  }
});
