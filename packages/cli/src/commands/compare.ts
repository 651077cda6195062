import { join } from 'node:path';
import { catalogRuntimes } from '@polyvm/examples';
import {
  expectPositionals,
  integerFlag,
  listFlag,
  type ParsedArgs,
  parseArgs,
  stringFlag,
  switchFlag,
} from '../args.js';
import type { CliCommand } from '../command.js';
import { buildReport, type CompareSelection, runDifferential, runMeasurements } from '../compare/matrix.js';
import { summarizeRuntimes } from '../compare/runtime-summary.js';
import type { CliContext } from '../context.js';
import { measureCosts } from '../cost/pair-cost.js';
import { loadPrices } from '../cost/prices.js';
import { prepareOutputDir } from '../output-dir.js';
import { createProgress } from '../progress.js';
import { startProvenance } from '../provenance/provenance.js';
import { disagreements } from '../report/agreement.js';
import { differentialSection, renderSummary } from '../report/markdown.js';
import { UsageError } from '../usage-error.js';
import { pricesAndFormat, writeCompareFiles } from './compare-output.js';
import { compareScenarios } from './compare-scenarios.js';
import { namesHelp } from './help.js';
import { requireRuntime, requireWorkload } from './select.js';

const USAGE =
  'compare [--workloads a,b] [--runtimes evm,wasm,move,svm] [--warmup N] [--samples N] [--baseline evm] [--out reports/] [--prices file] [--format md|csv] [--check] | compare --scenario a.yaml,b.yaml [--step name] [--warmup N] [--samples N] [--out reports/]';

/** Defaults sized so all 7 workloads on 4 runtimes finish well under a minute on 2 cores. */
export const COMPARE_DEFAULTS = { warmup: 2, samples: 7, baseline: 'evm', out: 'reports' } as const;

function select(
  ctx: CliContext,
  args: ParsedArgs,
): CompareSelection & { out: string; checkOnly: boolean; prices?: string; format: string } {
  expectPositionals(args, [], USAGE);

  const specs = ctx.catalog.specs;
  const workloadNames = listFlag(args, 'workloads', USAGE) ?? specs.map((s) => s.name);
  const workloads = workloadNames.map((name) => requireWorkload(ctx, name, USAGE));

  const registered = ctx.registry.list().map((info) => info.name);
  const withWorkloads = catalogRuntimes(ctx.catalog);
  const runtimes =
    listFlag(args, 'runtimes', USAGE) ??
    ctx.defaultRuntimes?.slice() ??
    registered.filter((n) => withWorkloads.includes(n));
  for (const name of runtimes) requireRuntime(ctx, name, USAGE);
  if (runtimes.length === 0) throw new UsageError('no runtime implements any workload yet', USAGE);

  const fallbackBaseline = runtimes.includes(COMPARE_DEFAULTS.baseline)
    ? COMPARE_DEFAULTS.baseline
    : runtimes[0]!;
  const baseline = stringFlag(args, 'baseline', fallbackBaseline);
  if (!runtimes.includes(baseline)) {
    throw new UsageError(
      `baseline "${baseline}" is not among the compared runtimes (${runtimes.join(', ')})`,
      USAGE,
    );
  }
  return {
    workloads,
    runtimes,
    baseline,
    warmup: integerFlag(args, 'warmup', COMPARE_DEFAULTS.warmup, { min: 0, max: 1000 }, USAGE),
    samples: integerFlag(args, 'samples', COMPARE_DEFAULTS.samples, { min: 1, max: 10_000 }, USAGE),
    out: stringFlag(args, 'out', COMPARE_DEFAULTS.out),
    checkOnly: switchFlag(args, 'check'),
    ...pricesAndFormat(args, USAGE),
  };
}

export const compareCommand: CliCommand = {
  name: 'compare',
  summary: 'Check that every runtime computes the same results, then measure and report costs',
  usage: USAGE,
  details: (ctx) =>
    `Defaults: every workload, every runtime that implements one, --warmup ${COMPARE_DEFAULTS.warmup}, --samples ${COMPARE_DEFAULTS.samples}, --baseline ${COMPARE_DEFAULTS.baseline} (or the first runtime), --out ${COMPARE_DEFAULTS.out}.\n--check runs only the differential check: agreement table on stdout, nothing timed, no files written.
Exit status 1 when any runtime disagrees with the reference result (the report is still written).\n\n${namesHelp(ctx)}`,
  async run(argv, io, ctx) {
    const args = parseArgs(
      argv,
      {
        value: [
          'workloads',
          'runtimes',
          'warmup',
          'samples',
          'baseline',
          'out',
          'prices',
          'format',
          'scenario',
          'step',
        ],
        switch: ['check'],
      },
      USAGE,
    );
    if (args.flags.has('scenario')) return compareScenarios(args, io, USAGE);
    if (args.flags.has('step')) throw new UsageError('--step applies to --scenario only', USAGE);
    const selection = select(ctx, args);
    const dir = selection.checkOnly ? undefined : prepareOutputDir(selection.out, USAGE);
    const progress = (title: string, total: number) => createProgress(io, title, total);
    const timing = selection.checkOnly
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
    if (dir === undefined) {
      // --check: the agreement table only, no files.
      io.out(differentialSection(early));
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
    io.out(selection.format === 'csv' ? written.csv : `${renderSummary(report)}\n${written.costSummary}`);
    io.err(`wrote ${join(written.dir, 'compare.{json,md,html,csv}')}`);

    const problems = disagreements(report);
    if (problems.length > 0) {
      io.err(`polyvm compare: ${problems.length} disagreement(s) with the reference results; see the report`);
      return 1;
    }
    return 0;
  },
};
