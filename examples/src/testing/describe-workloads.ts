import {
  measureWorkload,
  type RunResult,
  type RuntimeFactory,
  type WorkloadImplementation,
} from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { WORKLOADS, workloadSpec } from '../spec.js';

export interface WorkloadSuiteOptions {
  /** Extra checks on a successful run (e.g. the EVM's intrinsic 21000 gas). */
  check?: (result: RunResult) => void;
  /** More tests per implementation (e.g. a traced run matching the fast path). */
  extra?: (impl: WorkloadImplementation, factory: RuntimeFactory) => void;
}

/**
 * The test every runtime's example set must pass: exactly one implementation per spec workload, and
 * each produces the TypeScript reference model's result on a fresh runtime, with gas and
 * instructions counted.
 */
export function describeWorkloads(
  factory: RuntimeFactory,
  workloads: readonly WorkloadImplementation[],
  options: WorkloadSuiteOptions = {},
): void {
  const name = factory.info.name;
  describe(`${name}: the shared workloads`, () => {
    it('implements every workload of the spec once', () => {
      expect(workloads.map((w) => w.workload).sort()).toEqual(WORKLOADS.map((w) => w.name).sort());
      expect(new Set(workloads.map((w) => w.runtime))).toEqual(new Set([name]));
    });

    for (const impl of workloads) {
      it(`${impl.workload} produces the reference result`, async () => {
        const result = await measureWorkload(factory.create(), impl, { warmup: 0, samples: 1 });
        expect(result.error).toBeUndefined();
        expect(result.status).toBe('success');
        expect(result.result).toEqual(workloadSpec(impl.workload).expected);
        expect(result.gasUsed).toBeGreaterThan(0);
        expect(result.gasBreakdown.compute).toBeGreaterThan(0);
        expect(result.instructions).toBeGreaterThan(0);
        options.check?.(result);
        console.log(
          `${name} ${impl.workload}: ${result.gasUsed} ${result.gasUnit} (${result.normalizedCost.toFixed(0)} normalized), ${result.instructions} instructions, code ${result.codeSize} B`,
        );
      });
      options.extra?.(impl, factory);
    }
  });
}
