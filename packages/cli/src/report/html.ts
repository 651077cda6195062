import { type BenchmarkReport, GAS_CATEGORIES, type RunResult } from '@polyvm/core';
import type { RuntimeSummary } from '../compare/runtime-summary.js';
import { differentialTable, disagreements } from './agreement.js';
import { RESULT_COLUMNS, RUNTIME_HEADERS, runtimeRows } from './columns.js';
import { escapeXml } from './escape.js';
import { formatCompact, formatDuration, formatInteger, formatQuantity } from './format.js';
import { findResult, reportRuntimes, resultsFor } from './lookup.js';
import { type BarChart, renderBarChart, renderShareChart, type ShareChart } from './svg-chart.js';

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.ok { color: #0a6b2e; }
td.bad { color: #b00020; font-weight: 600; }
figure { margin: 1rem 0; overflow-x: auto; }
.note { color: #555; font-size: 0.9rem; }
`;

function table(
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

/** The self-contained `compare.html`: inline CSS and SVG, no script, no external asset. */
export function renderHtml(report: BenchmarkReport, runtimes: readonly RuntimeSummary[] = []): string {
  const charts: BarChart[] = [
    metricChart(
      report,
      'Normalized cost',
      'native gas / cost of one arithmetic op',
      (r) => r.normalizedCost,
      formatQuantity,
      formatCompact,
    ),
    metricChart(report, 'Median wall time per run', 'time', (r) => r.time?.medianMs, formatDuration),
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
    const rows = results.map((r) => RESULT_COLUMNS.map((c) => c.cell(r, report)));
    const errors = results
      .filter((r) => r.error)
      .map((r) => `<li>${escapeXml(`${r.runtime}: ${r.error}`)}</li>`)
      .join('');
    return [
      `<h3>${escapeXml(`${spec.name}: ${spec.title}`)}</h3>`,
      `<p>${escapeXml(spec.description)}</p>`,
      table(
        RESULT_COLUMNS.map((c) => c.header),
        rows,
        (_r, c) => (RESULT_COLUMNS[c]?.numeric ? 'num' : ''),
      ),
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
${runtimes.length > 0 ? `<h2>Runtimes and cost tables</h2>\n${table(RUNTIME_HEADERS, runtimeRows(runtimes), () => '')}` : ''}
<h2>Differential check</h2>
${differential(report)}
<h2>Charts</h2>
<p class="note">Normalized cost divides each VM's native gas by its cost of one simple arithmetic instruction. Axes switch to a log scale when values span two orders of magnitude or more.</p>
${charts.map((c) => `<figure>\n${renderBarChart(c)}\n</figure>`).join('\n')}
<figure>
${renderShareChart(gasShareChart(report))}
</figure>
<h2>Results per workload</h2>
${workloads.join('\n')}
</body>
</html>
`;
}
