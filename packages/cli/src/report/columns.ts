import { type BenchmarkReport, type RunResult, ratioToBaseline, type TimeStats } from '@polyvm/core';
import type { RuntimeSummary } from '../compare/runtime-summary.js';
import { isSpreadHigh, relativeSpread } from '../provenance/spread.js';
import { agreementCell } from './agreement.js';
import { formatBytes, formatDuration, formatInteger, formatQuantity, formatRatio } from './format.js';

/** One column of the per-workload result table; the Markdown and HTML reports share these. */
export interface ResultColumn {
  header: string;
  /** Right-aligned (numbers) or left-aligned (names, statuses). */
  numeric: boolean;
  cell(result: RunResult, report: BenchmarkReport): string;
}

// Ratios only for rows that were measured (they agreed with the reference model).
const medianMs = (r: RunResult) => r.time?.medianMs;
const normalized = (r: RunResult) => (r.ok ? r.normalizedCost : undefined);
const instructions = (r: RunResult) => (r.ok ? r.instructions : undefined);

/** A cell from the timing statistics; `–` for runs that were not timed (failed or disagreeing). */
const timed =
  (format: (time: TimeStats) => string) =>
  (r: RunResult): string =>
    r.time ? format(r.time) : '–';

export const RESULT_COLUMNS: readonly ResultColumn[] = [
  { header: 'runtime', numeric: false, cell: (r) => r.runtime },
  {
    header: 'agrees',
    numeric: false,
    cell: (r, rep) =>
      agreementCell(r, rep.differential.find((c) => c.workload === r.workload)?.agree[r.runtime]),
  },
  { header: 'native gas', numeric: true, cell: (r) => `${formatInteger(r.gasUsed)} ${r.gasUnit}` },
  { header: 'normalized cost', numeric: true, cell: (r) => formatQuantity(r.normalizedCost) },
  {
    header: 'cost vs base',
    numeric: true,
    cell: (r, rep) => formatRatio(ratioToBaseline(rep, r, normalized)),
  },
  {
    header: 'median ± MAD',
    numeric: true,
    cell: timed((t) => `${formatDuration(t.medianMs)} ± ${formatDuration(t.madMs)}`),
  },
  {
    header: 'spread (MAD / median)',
    numeric: true,
    cell: timed((t) => {
      const spread = relativeSpread(t)!;
      return `${(spread * 100).toFixed(1)}%${isSpreadHigh(t) ? ' ⚠ high' : ''}`;
    }),
  },
  {
    header: 'min – max',
    numeric: true,
    cell: timed((t) => `${formatDuration(t.minMs)} – ${formatDuration(t.maxMs)}`),
  },
  { header: 'ops/s', numeric: true, cell: timed((t) => formatQuantity(t.opsPerSec)) },
  { header: 'time vs base', numeric: true, cell: (r, rep) => formatRatio(ratioToBaseline(rep, r, medianMs)) },
  { header: 'gas by category', numeric: false, cell: (r) => gasShares(r) },
  { header: 'instructions', numeric: true, cell: (r) => formatInteger(r.instructions) },
  {
    header: 'instr. vs base',
    numeric: true,
    cell: (r, rep) => formatRatio(ratioToBaseline(rep, r, instructions)),
  },
  { header: 'reads', numeric: true, cell: (r) => formatInteger(r.storage.reads) },
  { header: 'writes', numeric: true, cell: (r) => formatInteger(r.storage.writes) },
  {
    header: 'bytes read / written',
    numeric: true,
    cell: (r) => `${formatBytes(r.storage.bytesRead)} / ${formatBytes(r.storage.bytesWritten)}`,
  },
  { header: 'code size', numeric: true, cell: (r) => formatBytes(r.codeSize) },
  // 0 means the runtime does not meter deploys (an sBPF program deploy has no gas): n/a, not 0.
  {
    header: 'deploy gas',
    numeric: true,
    cell: (r) => (r.deployGas === 0 ? 'n/a' : formatInteger(r.deployGas)),
  },
];

/** `storage 93%, compute 7%`: where the native gas went, largest share first, shares under 1% left out. */
export function gasShares(r: RunResult): string {
  const total = Object.values(r.gasBreakdown).reduce((a, b) => a + b, 0);
  if (total === 0) return '–';
  return Object.entries(r.gasBreakdown)
    .filter(([, gas]) => gas / total >= 0.01)
    .sort(([, a], [, b]) => b - a)
    .map(([category, gas]) => `${category} ${Math.round((gas / total) * 100)}%`)
    .join(', ');
}

/** The runtimes table of the reports: each VM's cost table and the reference op it is normalized by. */
export const RUNTIME_HEADERS = [
  'runtime',
  'version',
  'gas unit',
  'cost table',
  'cost of one arithmetic op',
  'source',
];

export function runtimeRows(runtimes: readonly RuntimeSummary[]): string[][] {
  return runtimes.map((r) => [
    r.name,
    r.version,
    r.unit,
    r.schedule,
    formatInteger(r.referenceOpCost),
    r.source,
  ]);
}
