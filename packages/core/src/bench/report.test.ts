import { describe, expect, it } from 'vitest';
import type { RunResult } from './harness.js';
import {
  type BenchmarkReport,
  differentialCheck,
  REPORT_SCHEMA,
  ratioToBaseline,
  reportToJSON,
} from './report.js';

function run(
  runtime: string,
  gasUsed: number,
  result: Record<string, string>,
  status = 'success',
): RunResult {
  return {
    runtime,
    workload: 'w',
    source: '',
    ok: status === 'success',
    status,
    result,
    gasUsed,
    gasUnit: 'gas',
    normalizedCost: gasUsed,
    gasBreakdown: { compute: gasUsed, memory: 0, storage: 0, call: 0, crypto: 0, other: 0 },
    instructions: 0,
    storage: { reads: 0, writes: 0, deletes: 0, bytesRead: 0, bytesWritten: 0, keysTouched: 0 },
    codeSize: 0,
    deployGas: 0,
  };
}

const spec = { name: 'w', title: 'W', description: '', params: {}, expected: { x: '1' } };

describe('report model', () => {
  it('flags runtimes whose logical result differs from the expected one', () => {
    const results = [run('a', 10, { x: '1' }), run('b', 20, { x: '2' }), run('c', 5, { x: '1' }, 'revert')];
    expect(differentialCheck([spec], results)).toEqual([
      { workload: 'w', expected: { x: '1' }, agree: { a: true, b: false, c: false } },
    ]);
    expect(differentialCheck([spec], [run('d', 1, { x: '1', y: '2' })])[0]!.agree).toEqual({ d: false });
  });

  it('computes ratios against the baseline runtime', () => {
    const results = [run('a', 10, {}), run('b', 25, {})];
    const report = { baseline: 'a', results };
    expect(ratioToBaseline(report, results[1]!, (r) => r.gasUsed)).toBe(2.5);
    expect(ratioToBaseline({ baseline: 'z', results }, results[1]!, (r) => r.gasUsed)).toBeUndefined();
  });

  it('serializes to stable JSON and refuses foreign objects', () => {
    const report: BenchmarkReport = {
      schema: REPORT_SCHEMA,
      environment: { cpu: 'cpu', cores: 2, node: 'v20', platform: 'linux-x64', packages: {} },
      baseline: 'a',
      settings: { warmup: 1, samples: 1 },
      workloads: [spec],
      differential: [],
      results: [run('a', 1, { x: '1' })],
    };
    const json = reportToJSON(report);
    expect(JSON.parse(json)).toEqual(report);
    expect(json.endsWith('\n')).toBe(true);
    expect(() => reportToJSON({} as BenchmarkReport)).toThrow(/not a polyvm.report\/1 report/);
  });
});
