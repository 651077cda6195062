import { join } from 'node:path';
import { buildReport, type CompareSelection, runDifferential, runMeasurements } from '../compare/matrix.js';
import { summarizeRuntimes } from '../compare/runtime-summary.js';
import type { CliContext } from '../context.js';
import { measureCosts } from '../cost/pair-cost.js';
import { loadPrices } from '../cost/prices.js';
import type { CliIO } from '../io.js';
import { createProgress } from '../progress.js';
import { startProvenance } from '../provenance/provenance.js';
import { disagreements } from '../report/agreement.js';
import { differentialSection, renderSummary } from '../report/markdown.js';
import { writeCompareFiles } from './compare-output.js';

export interface WorkloadComparison extends CompareSelection {
  prices?: string;
  format: string;
  /** Where compare.{json,md,html,csv} go; `undefined` for --check (agreement table only, no files). */
  dir: string | undefined;
  /** A Markdown heading printed before the summary (the tier, for scenario files). */
  heading?: string;
}

/**
 * The workload comparison, the same for the built-in kernels and a user's measured scenarios (the
 * context's catalog holds what is compared): the differential check of every pair against the
 * reference result, then the timed matrix of the pairs that agreed, the costs and the report files.
 * Exit 1 when a pair disagrees, naming it.
 */
export async function compareWorkloads(
  ctx: CliContext,
  selection: WorkloadComparison,
  io: CliIO,
): Promise<number> {
  const { dir } = selection;
  const progress = (title: string, total: number) => createProgress(io, title, total);
  const timing =
    dir === undefined
      ? 'differential check only'
      : `${selection.warmup} warm-up + ${selection.samples} samples each`;
  // Read the price file first: a bad one is a usage error (one line, exit 2) before any output or
  // minutes of measuring.
  const prices = await loadPrices(selection.prices);
  io.err(
    `polyvm compare: ${selection.workloads.length} workloads × ${selection.runtimes.length} runtimes (${selection.runtimes.join(', ')}), ${timing}`,
  );
  const provenance = startProvenance(prices);
  const checked = await runDifferential(ctx, selection, progress);
  const early = buildReport(ctx, selection, checked);
  const heading = selection.heading === undefined ? '' : `${selection.heading}\n\n`;
  if (dir === undefined) {
    // --check: the agreement table only, no files.
    io.out(`${heading}${differentialSection(early)}`);
    return disagreements(early).length > 0 ? 1 : 0;
  }
  // The agreement table is printed once, in the summary; here only what goes wrong.
  const earlyProblems = disagreements(early);
  if (earlyProblems.length > 0) {
    io.err(`${earlyProblems.length} pair(s) disagree; they are left out of the measurements:`);
    for (const line of earlyProblems) io.err(`  ${line}`);
  }

  const results = await runMeasurements(ctx, selection, checked, progress);
  const costs = await measureCosts(ctx, selection.workloads, selection.runtimes, prices.prices);
  const report = buildReport(ctx, selection, results);
  const written = await writeCompareFiles(dir, report, summarizeRuntimes(ctx, selection.runtimes), {
    costs,
    prices,
    provenance: provenance.finish(),
  });
  io.out(
    selection.format === 'csv' ? written.csv : `${heading}${renderSummary(report)}\n${written.costSummary}`,
  );
  io.err(`wrote ${join(written.dir, 'compare.{json,md,html,csv}')}`);

  const problems = disagreements(report);
  if (problems.length > 0) {
    io.err(`polyvm compare: ${problems.length} disagreement(s) with the reference results; see the report`);
    return 1;
  }
  return 0;
}
