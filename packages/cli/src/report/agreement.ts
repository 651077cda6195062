import { type BenchmarkReport, NOT_APPLICABLE, type RunResult } from '@polyvm/core';
import { describeResult, findResult, reportRuntimes } from './lookup.js';

/** Status of an implementation that does not exist, as recorded in the report's results. */
export const MISSING_STATUS = 'missing';
/**
 * A pair that does not apply: a compiled-tier workload on a VM without a compiler back end, or one
 * its back end cannot express yet (the harness's status for an `UnsupportedError`). Shown as n/a, not
 * a disagreement.
 */
export const NOT_APPLICABLE_STATUS = NOT_APPLICABLE;

/** One cell of the differential table: `ok`, `n/a` without an implementation, or why it does not agree. */
export function agreementCell(result: RunResult | undefined, agrees: boolean | undefined): string {
  if (!result || agrees === undefined) return '–';
  if (agrees) return 'ok';
  if (result.status === MISSING_STATUS || result.status === NOT_APPLICABLE_STATUS) return 'n/a';
  if (result.status !== 'success') return `FAIL (${result.status})`;
  return 'WRONG';
}

/**
 * Every (workload, runtime) pair that did not produce the expected result, explained. A runtime
 * without an implementation of a workload is "n/a": nothing to disagree with, so not listed.
 */
export function disagreements(report: BenchmarkReport): string[] {
  const lines: string[] = [];
  for (const check of report.differential) {
    for (const [runtime, agrees] of Object.entries(check.agree)) {
      if (agrees) continue;
      const r = findResult(report, check.workload, runtime);
      if (r?.status === MISSING_STATUS || r?.status === NOT_APPLICABLE_STATUS) continue;
      const why =
        r?.status === 'success'
          ? `returned ${describeResult(r.result)}, expected ${describeResult(check.expected)}`
          : (r?.error ?? 'no result');
      lines.push(`${runtime}/${check.workload}: ${why}`);
    }
  }
  return lines;
}

/** Workloads as rows, runtimes as columns: does each produce the reference model's result? */
export function differentialTable(report: BenchmarkReport): { headers: string[]; rows: string[][] } {
  const runtimes = reportRuntimes(report);
  const rows = report.differential.map((check) => [
    check.workload,
    describeResult(check.expected),
    ...runtimes.map((rt) => agreementCell(findResult(report, check.workload, rt), check.agree[rt])),
  ]);
  return { headers: ['workload', 'expected', ...runtimes], rows };
}
