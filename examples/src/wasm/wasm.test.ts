import { collectSteps, JournaledState } from '@polyvm/core';
import { runtimeFactory } from '@polyvm/wasm';
import { expect, it } from 'vitest';
import { describeWorkloads } from '../testing/describe-workloads.js';
import { workloads } from './index.js';

describeWorkloads(runtimeFactory, workloads, {
  extra: (impl, factory) => {
    it(`${impl.workload}: the traced interpreter path gives the same result and the same gas`, async () => {
      const runtime = factory.create();
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
  },
});
