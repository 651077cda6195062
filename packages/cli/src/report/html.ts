import { type BenchmarkReport, GAS_CATEGORIES, type RunResult } from '@polyvm/core';
import type { RuntimeSummary } from '../compare/runtime-summary.js';
import { differentialTable, disagreements } from './agreement.js';
import { RESULT_COLUMNS, RUNTIME_HEADERS, runtimeRows } from './columns.js';

/** The per-workload columns in two groups (costs, then time and storage), each led by the runtime. */
const RESULT_COLUMN_GROUPS = [RESULT_COLUMNS.slice(0, 5), [RESULT_COLUMNS[0]!, ...RESULT_COLUMNS.slice(5)]];

import { escapeXml } from './escape.js';
import { formatCompact, formatDuration, formatInteger, formatQuantity } from './format.js';
import { findResult, reportRuntimes, resultsFor } from './lookup.js';
import { type BarChart, renderBarChart, renderShareChart, type ShareChart } from './svg-chart.js';

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 1rem 2rem; padding: 0; color: #222; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.85rem; max-width: 100%; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.4rem; overflow-wrap: break-word; }
td:first-child { white-space: nowrap; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.ok { color: #0a6b2e; }
td.bad { color: #b00020; font-weight: 600; }
figure { margin: 1rem 0; }
figure svg { width: 100%; height: auto; }
figcaption, .note { color: #555; font-size: 0.9rem; }
.wide { max-width: 100%; overflow-x: auto; }
`;

export function table(
  headers: readonly string[],
  rows: readonly string[][],
  cellClass: (row: number, col: number) => string,
): string {
  const head = `<tr>${headers.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr>`;
  const body = rows
    .map((row, r) => {
      const cells = row.map((cell, c) => {
        const cls = cellClass(r, c);
        return `<td${cls ? ` class="${cls}"` : ''}>${escapeXml(cell)}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<table>\n${head}\n${body}\n</table>`;
}

/** `value` of every measured (workload, runtime) pair, workloads as rows; undefined where not measured. */
function measuredGrid<T>(
  report: BenchmarkReport,
  value: (r: RunResult) => T | undefined,
): Array<Array<T | undefined>> {
  const runtimes = reportRuntimes(report);
  return report.workloads.map((w) =>
    runtimes.map((rt) => {
      const r = findResult(report, w.name, rt);
      return r?.ok ? value(r) : undefined;
    }),
  );
}

function metricChart(
  report: BenchmarkReport,
  title: string,
  axisLabel: string,
  value: (r: RunResult) => number | undefined,
  format: (n: number) => string,
  formatTick: (n: number) => string = format,
): BarChart {
  return {
    title,
    axisLabel,
    categories: report.workloads.map((w) => w.name),
    series: reportRuntimes(report),
    values: measuredGrid(report, value),
    format,
    formatTick,
  };
}

function gasShareChart(report: BenchmarkReport): ShareChart {
  return {
    title: 'Where the gas goes',
    categories: report.workloads.map((w) => w.name),
    series: reportRuntimes(report),
    parts: GAS_CATEGORIES,
    amounts: measuredGrid(report, (r) => GAS_CATEGORIES.map((category) => r.gasBreakdown[category])),
  };
}

function environment(report: BenchmarkReport): string {
  const env = report.environment;
  const rows = [
    ['CPU', env.cpu],
    ['cores', String(env.cores)],
    ['Node', env.node],
    ['platform', env.platform],
    ...Object.entries(env.packages),
    ['settings', `${report.settings.warmup} warm-up, ${report.settings.samples} samples per pair`],
    ['baseline', report.baseline],
  ];
  return table(['', ''], rows, (_r, c) => (c === 0 ? '' : 'num'));
}

function differential(report: BenchmarkReport): string {
  const { headers, rows } = differentialTable(report);
  const problems = disagreements(report);
  const verdict =
    problems.length === 0
      ? '<p>All runtimes produce the expected result for every workload.</p>'
      : `<p class="bad">${problems.length} disagreement(s):</p><ul>${problems.map((p) => `<li>${escapeXml(p)}</li>`).join('')}</ul>`;
  const cls = (r: number, c: number) => (c < 2 ? '' : rows[r]?.[c] === 'ok' ? 'ok' : 'bad');
  return `${table(headers, rows, cls)}\n${verdict}`;
}

/** Sections other modules add: reproducibility metadata after the environment, more after the charts. */
export interface HtmlExtras {
  provenance?: string;
  sections?: string;
}

/** What each chart's axis measures and what it leaves out, printed under the chart. */
const CHART_CAPTIONS = [
  'Measures: execution gas metered by each VM divided by its cost of one simple arithmetic instruction. Leaves out: intrinsic/base gas, fees, storage deposits (see Whole-transaction cost) and real time.',
  'Measures: median wall-clock time of one run in this process on this machine, whiskers ± median absolute deviation. Leaves out: deploy, JIT warm-up (excluded runs), network, consensus and disk I/O of a real node.',
  'Measures: VM instructions executed (EVM opcodes, wasm instructions, Move bytecodes, sBPF instructions); host functions count as one. Leaves out: the work inside host functions and precompiles.',
];
const SHARE_CAPTION =
  'Measures: the share of each VM’s execution gas per category. Leaves out: absolute amounts (see above) and intrinsic/base gas.';

/** The self-contained `compare.html`: inline CSS and SVG, no script, no external asset. */
export function renderHtml(
  report: BenchmarkReport,
  runtimes: readonly RuntimeSummary[] = [],
  extra: HtmlExtras = {},
): string {
  const charts: BarChart[] = [
    metricChart(
      report,
      'Normalized cost',
      'native gas / cost of one arithmetic op',
      (r) => r.normalizedCost,
      formatQuantity,
      formatCompact,
    ),
    {
      ...metricChart(report, 'Median wall time per run', 'time', (r) => r.time?.medianMs, formatDuration),
      errors: measuredGrid(report, (r) => r.time?.madMs),
    },
    metricChart(
      report,
      'Instructions executed',
      'VM instructions',
      (r) => r.instructions,
      formatInteger,
      formatCompact,
    ),
  ];
  const workloads = report.workloads.map((spec) => {
    const results = resultsFor(report, spec.name);
    // Two narrower tables instead of one with every column, so each fits a 1280 px viewport.
    const tables = RESULT_COLUMN_GROUPS.map((group) =>
      table(
        group.map((c) => c.header),
        results.map((r) => group.map((c) => c.cell(r, report))),
        (_r, c) => (group[c]?.numeric ? 'num' : ''),
      ),
    );
    const errors = results
      .filter((r) => r.error)
      .map((r) => `<li>${escapeXml(`${r.runtime}: ${r.error}`)}</li>`)
      .join('');
    return [
      `<h3>${escapeXml(`${spec.name}: ${spec.title}`)}</h3>`,
      `<p>${escapeXml(spec.description)}</p>`,
      ...tables,
      errors ? `<ul class="bad">${errors}</ul>` : '',
      `<p class="note">${escapeXml(results.map((r) => `${r.runtime}: ${r.source}`).join('; '))}</p>`,
    ].join('\n');
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>polyvm cross-VM comparison</title>
<style>${STYLE}</style>
</head>
<body>
<h1>polyvm cross-VM comparison</h1>
<h2>Environment</h2>
${environment(report)}
${extra.provenance ?? ''}
${runtimes.length > 0 ? `<h2>Runtimes and cost tables</h2>\n${table(RUNTIME_HEADERS, runtimeRows(runtimes), () => '')}` : ''}
<h2>Differential check</h2>
${differential(report)}
<h2>Charts</h2>
<p class="note">Normalized cost divides each VM's native gas by its cost of one simple arithmetic instruction. Axes switch to a log scale when values span two orders of magnitude or more.</p>
${charts.map((c, i) => `<figure>\n${renderBarChart(c)}\n<figcaption>${escapeXml(CHART_CAPTIONS[i] ?? '')}</figcaption>\n</figure>`).join('\n')}
<figure>
${renderShareChart(gasShareChart(report))}
<figcaption>${escapeXml(SHARE_CAPTION)}</figcaption>
</figure>
${extra.sections ?? ''}
<h2>Results per workload</h2>
${workloads.join('\n')}
</body>
</html>
`;
}
