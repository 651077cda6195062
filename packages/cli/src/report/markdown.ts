import { type BenchmarkReport, ratioToBaseline } from '@polyvm/core';
import type { RuntimeSummary } from '../compare/runtime-summary.js';
import { differentialTable, disagreements, MISSING_STATUS } from './agreement.js';
import { RESULT_COLUMNS, RUNTIME_HEADERS, runtimeRows } from './columns.js';
import { formatDuration, formatInteger, formatQuantity, formatRatio } from './format.js';
import { findResult, reportRuntimes, resultsFor } from './lookup.js';

/** A GitHub-flavoured Markdown table; `numeric` columns are right-aligned. */
export function markdownTable(
  headers: readonly string[],
  rows: readonly string[][],
  numeric: readonly boolean[] = [],
): string {
  const escapeCell = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  const rule = headers.map((_, i) => (numeric[i] ? '---:' : '---'));
  return [line(headers), `|${rule.join('|')}|`, ...rows.map(line)].join('\n');
}

export function environmentSection(report: BenchmarkReport): string {
  const env = report.environment;
  const packages = Object.entries(env.packages)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  return [
    markdownTable(
      ['CPU', 'cores', 'Node', 'platform'],
      [[env.cpu, String(env.cores), env.node, env.platform]],
    ),
    '',
    `Packages: ${packages || '(none recorded)'}.`,
    '',
    `Settings: ${report.settings.warmup} warm-up runs and ${report.settings.samples} timed samples per pair, each from the same deployed state; baseline runtime: **${report.baseline}**. Normalized cost is native gas divided by the runtime's cost of one simple arithmetic instruction.`,
  ].join('\n');
}

export function differentialSection(report: BenchmarkReport): string {
  const { headers, rows } = differentialTable(report);
  const problems = disagreements(report);
  const missing = report.results.some((r) => r.status === MISSING_STATUS);
  const verdict =
    problems.length === 0
      ? missing
        ? 'Every implemented pair produces the expected result (n/a: no implementation).'
        : 'All runtimes produce the expected result for every workload.'
      : `**${problems.length} disagreement${problems.length === 1 ? '' : 's'}:**\n\n${problems.map((p) => `- ${p}`).join('\n')}`;
  return `${markdownTable(headers, rows)}\n\n${verdict}`;
}

/** Workloads as rows, runtimes as columns, one value (and its ratio to the baseline) per cell. */
function matrix(
  report: BenchmarkReport,
  value: (r: BenchmarkReport['results'][number]) => number | undefined,
  format: (n: number) => string,
): string {
  const runtimes = reportRuntimes(report);
  const rows = report.workloads.map((spec) => [
    spec.name,
    ...runtimes.map((rt) => {
      const r = findResult(report, spec.name, rt);
      const v = r?.ok ? value(r) : undefined;
      if (!r || v === undefined) return '–';
      return rt === report.baseline
        ? format(v)
        : `${format(v)} (${formatRatio(ratioToBaseline(report, r, value))})`;
    }),
  ]);
  return markdownTable(['workload', ...runtimes], rows, [false, ...runtimes.map(() => true)]);
}

/** The short version printed to stdout: agreement plus the two headline matrices. */
export function renderSummary(report: BenchmarkReport): string {
  return [
    '## Differential check',
    '',
    differentialSection(report),
    '',
    `## Normalized cost (ratio to ${report.baseline})`,
    '',
    matrix(report, (r) => r.normalizedCost, formatQuantity),
    '',
    `## Median wall time per run (ratio to ${report.baseline})`,
    '',
    matrix(report, (r) => r.time?.medianMs, formatDuration),
    '',
    `## Instructions executed (ratio to ${report.baseline})`,
    '',
    matrix(report, (r) => r.instructions, formatInteger),
    '',
  ].join('\n');
}

/** The full `compare.md`: environment, agreement, headline matrices and one detailed table per workload. */
export function renderMarkdown(report: BenchmarkReport, runtimes: readonly RuntimeSummary[] = []): string {
  const sections = ['# polyvm cross-VM comparison', '', environmentSection(report), ''];
  if (runtimes.length > 0) {
    sections.push(
      '## Runtimes and cost tables',
      '',
      markdownTable(RUNTIME_HEADERS, runtimeRows(runtimes)),
      '',
    );
  }
  sections.push(renderSummary(report));
  for (const spec of report.workloads) {
    const results = resultsFor(report, spec.name);
    sections.push(`## ${spec.name}: ${spec.title}`, '', spec.description, '');
    sections.push(
      markdownTable(
        RESULT_COLUMNS.map((c) => c.header),
        results.map((r) => RESULT_COLUMNS.map((c) => c.cell(r, report))),
        RESULT_COLUMNS.map((c) => c.numeric),
      ),
      '',
    );
    for (const r of results) {
      if (r.error) sections.push(`- ${r.runtime}: ${r.error}`);
    }
    if (results.some((r) => r.error)) sections.push('');
    sections.push(`Sources: ${results.map((r) => `${r.runtime}: ${r.source}`).join('; ')}.`, '');
  }
  return sections.join('\n');
}
