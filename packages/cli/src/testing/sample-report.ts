import {
  type BenchmarkReport,
  differentialCheck,
  REPORT_SCHEMA,
  type RunResult,
  timeStats,
} from '@polyvm/core';
import { blankResult } from '../compare/matrix.js';
import { FAKE_SPECS } from './fake-vm.js';

function row(runtime: string, workload: string, fields: Partial<RunResult>): RunResult {
  return {
    ...blankResult(runtime, workload, `${runtime}-gas`),
    source: `${runtime} asm`,
    ok: true,
    status: 'success',
    ...fields,
  };
}

/**
 * A hand-made report: `x` (baseline) and `y` agree on `counter`; on `square` `y` returns the wrong
 * value and was not timed. `y` costs 4× more normalized gas and runs 10× slower on `counter`.
 */
export function sampleReport(): BenchmarkReport {
  const results = [
    row('x', 'counter', {
      result: { counter: '1' },
      gasUsed: 43_112,
      normalizedCost: 14_370.7,
      instructions: 9,
      storage: { reads: 3, writes: 1, deletes: 0, bytesRead: 16, bytesWritten: 8, keysTouched: 2 },
      codeSize: 46,
      deployGas: 53_000,
      time: timeStats([0.01, 0.012, 0.011]),
    }),
    row('y', 'counter', {
      result: { counter: '1' },
      gasUsed: 1_200,
      gasBreakdown: { compute: 95, memory: 5, storage: 1100, call: 0, crypto: 0, other: 0 },
      normalizedCost: 57_482.8,
      instructions: 1_234_567,
      storage: { reads: 2, writes: 1, deletes: 0, bytesRead: 2048, bytesWritten: 8, keysTouched: 1 },
      codeSize: 1536,
      deployGas: 0,
      time: timeStats([0.1, 0.12, 0.11]),
    }),
    row('x', 'square', {
      result: { x: '49' },
      gasUsed: 4,
      normalizedCost: 4,
      instructions: 4,
      time: timeStats([1, 2, 3]),
    }),
    row('y', 'square', { ok: false, result: { x: '56' }, gasUsed: 12, normalizedCost: 4, instructions: 4 }),
  ];
  return {
    schema: REPORT_SCHEMA,
    environment: {
      cpu: 'Test CPU @ 1 GHz',
      cores: 2,
      node: 'v20.0.0',
      platform: 'linux-x64',
      packages: { polyvm: '1.2.3' },
    },
    baseline: 'x',
    settings: { warmup: 2, samples: 3 },
    workloads: [...FAKE_SPECS],
    differential: differentialCheck(FAKE_SPECS, results),
    results,
  };
}
