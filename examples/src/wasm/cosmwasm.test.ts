import { measureWorkload } from '@polyvm/core';
import { cosmwasmRuntimeFactory } from '@polyvm/wasm';
import { describe, expect, it } from 'vitest';
import { WORKLOADS, workloadSpec } from '../spec.js';
import { cosmwasmWorkloads } from './cosmwasm-workloads.js';

describe('cosmwasm workloads', () => {
  it('implements every workload', () => {
    expect(cosmwasmWorkloads.map((w) => w.workload).sort()).toEqual(WORKLOADS.map((w) => w.name).sort());
  });

  for (const impl of cosmwasmWorkloads) {
    it(`${impl.workload} produces the reference result`, async () => {
      const result = await measureWorkload(cosmwasmRuntimeFactory.create(), impl, { warmup: 0, samples: 1 });
      expect(result.error).toBeUndefined();
      expect(result.status).toBe('success');
      expect(result.result).toEqual(workloadSpec(impl.workload).expected);
      expect(result.gasBreakdown.compute).toBeGreaterThan(0);
    });
  }
});
