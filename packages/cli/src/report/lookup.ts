import type { BenchmarkReport, RunResult } from '@polyvm/core';

/** The results of one workload in the order the runtimes were selected. */
export function resultsFor(report: BenchmarkReport, workload: string): RunResult[] {
  return report.results.filter((r) => r.workload === workload);
}

export function findResult(
  report: BenchmarkReport,
  workload: string,
  runtime: string,
): RunResult | undefined {
  return report.results.find((r) => r.workload === workload && r.runtime === runtime);
}

/** Runtimes in the order they first appear in the results. */
export function reportRuntimes(report: BenchmarkReport): string[] {
  return [...new Set(report.results.map((r) => r.runtime))];
}

/** `counter=1, digest=0xab…`: a logical result on one line, long values clipped to `maxValue` characters. */
export function describeResult(result: Readonly<Record<string, string>>, maxValue = 22): string {
  const entries = Object.entries(result);
  if (entries.length === 0) return '(none)';
  return entries
    .map(([k, v]) => `${k}=${v.length > maxValue ? `${v.slice(0, maxValue - 1)}…` : v}`)
    .join(', ');
}
