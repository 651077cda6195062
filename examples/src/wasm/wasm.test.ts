import { collectSteps, JournaledState, measureWorkload } from '@polyvm/core';
import { runtimeFactory } from '@polyvm/wasm';
import { describe, expect, it } from 'vitest';
import { WORKLOADS, workloadSpec } from '../spec.js';
import { workloads } from './index.js';

describe('wasm (NEAR profile) workloads', () => {
  it('implements every workload', () => {
    expect(workloads.map((w) => w.workload).sort()).toEqual(WORKLOADS.map((w) => w.name).sort());
  });

  for (const impl of workloads) {
    it(`${impl.workload} produces the reference result`, async () => {
      const runtime = runtimeFactory.create();
      const result = await measureWorkload(runtime, impl, { warmup: 0, samples: 1 });
      expect(result.error).toBeUndefined();
      expect(result.status).toBe('success');
      expect(result.result).toEqual(workloadSpec(impl.workload).expected);
      expect(result.gasUsed).toBeGreaterThan(0);
      expect(result.gasBreakdown.compute).toBeGreaterThan(0);
    });

    it(`${impl.workload}: the traced interpreter path gives the same result and the same gas`, async () => {
      const runtime = runtimeFactory.create();
      const state = new JournaledState();
      const prepared = await impl.prepare(state, runtime);
      state.checkpoint();
      const fast = await prepared.run();
      const fastResult = await prepared.result(fast, state);
      state.revert();
      state.checkpoint();
      const { tracer, steps } = collectSteps();
      const traced = await prepared.run({ tracer });
      const tracedResult = await prepared.result(traced, state);
      state.revert();
      expect(traced.status).toBe('success');
      expect(tracedResult).toEqual(fastResult);
      expect(traced.gasUsed).toBe(fast.gasUsed);
      expect(steps.length).toBeGreaterThan(0);
      expect(steps[0]!.runtime).toBe('wasm');
    });
  }
});
