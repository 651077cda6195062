import { arch, cpus, platform } from 'node:os';
import { InvalidArgumentError } from '../errors.js';
import type { RunResult } from './harness.js';
import type { LogicalResult, WorkloadSpec } from './workload.js';

export const REPORT_SCHEMA = 'polyvm.report/1';

export interface Environment {
  cpu: string;
  cores: number;
  node: string;
  platform: string;
  /** package name -> version of every runtime that took part. */
  packages: Record<string, string>;
}

export interface DifferentialCheck {
  workload: string;
  expected: Record<string, string>;
  /** runtime -> whether its logical result equals the expected one. */
  agree: Record<string, boolean>;
}

export interface BenchmarkReport {
  schema: typeof REPORT_SCHEMA;
  environment: Environment;
  baseline: string;
  settings: { warmup: number; samples: number };
  workloads: WorkloadSpec[];
  differential: DifferentialCheck[];
  results: RunResult[];
}

export function collectEnvironment(packages: Record<string, string>): Environment {
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown';
  return { cpu, cores: cpus().length, node: process.version, platform: `${platform()}-${arch()}`, packages };
}

/** Compares every runtime's logical result with the workload's expected one. */
export function differentialCheck(
  workloads: readonly WorkloadSpec[],
  results: readonly RunResult[],
): DifferentialCheck[] {
  return workloads.map((spec) => {
    const agree: Record<string, boolean> = {};
    for (const r of results) {
      if (r.workload !== spec.name) continue;
      agree[r.runtime] = r.status === 'success' && logicalResultsEqual(spec.expected, r.result);
    }
    return { workload: spec.name, expected: spec.expected, agree };
  });
}

/** Same keys, same values: the rule of the differential check. */
export function logicalResultsEqual(
  expected: Readonly<LogicalResult>,
  actual: Readonly<LogicalResult>,
): boolean {
  const keys = Object.keys(expected);
  return Object.keys(actual).length === keys.length && keys.every((k) => actual[k] === expected[k]);
}

/** `value(result) / value(baseline result of the same workload)`, or undefined when either is missing. */
export function ratioToBaseline(
  report: Pick<BenchmarkReport, 'results' | 'baseline'>,
  result: RunResult,
  value: (r: RunResult) => number | undefined,
): number | undefined {
  const base = report.results.find((r) => r.workload === result.workload && r.runtime === report.baseline);
  const a = value(result);
  const b = base ? value(base) : undefined;
  if (a === undefined || b === undefined || b === 0) return undefined;
  return a / b;
}

/** Stable, pretty JSON; bigint (should any slip in) becomes a decimal string. */
export function reportToJSON(report: BenchmarkReport): string {
  if (report?.schema !== REPORT_SCHEMA) throw new InvalidArgumentError(`not a ${REPORT_SCHEMA} report`);
  return `${JSON.stringify(report, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`;
}
