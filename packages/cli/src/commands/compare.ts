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
import type { CompareSelection } from '../compare/matrix.js';
import type { CliContext } from '../context.js';
import { prepareOutputDir } from '../output-dir.js';
import { UsageError } from '../usage-error.js';
import { COMPARE_DEFAULTS } from './compare-defaults.js';
import { pricesAndFormat } from './compare-output.js';
import { compareScenarios } from './compare-scenarios.js';
import { compareWorkloads } from './compare-workloads.js';
import { namesHelp } from './help.js';
import { requireRuntime, requireWorkload } from './select.js';

const USAGE =
  'compare [--workloads a,b] [--runtimes evm,wasm,move,svm] [--warmup N] [--samples N] [--baseline evm] [--out reports/] [--prices file] [--format md|csv] [--check] | compare --scenario a.yaml,b.yaml [--step name] [--warmup N] [--samples N] [--baseline evm] [--out reports/] [--prices file] [--format md|csv] [--check]';

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
Exit status 1 when any runtime disagrees with the reference result (the report is still written).
--scenario: a scenario with a "measure" step is checked and measured exactly like a built-in workload (its declared "expected" result, or the built-in model; VMs it does not name are n/a), one report per tier; other scenarios are timed step by step.\n\n${namesHelp(ctx)}`,
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
    if (args.flags.has('scenario')) return compareScenarios(ctx, args, io, USAGE);
    if (args.flags.has('step')) throw new UsageError('--step applies to --scenario only', USAGE);
    const selection = select(ctx, args);
    const dir = selection.checkOnly ? undefined : prepareOutputDir(selection.out, USAGE);
    return compareWorkloads(ctx, { ...selection, dir }, io);
  },
};
