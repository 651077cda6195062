import { assertSizeInRange, findSizedWorkload, type SizedWorkload } from '@polyvm/examples';
import { expectPositionals, integerFlag, listFlag, parseArgs, stringFlag } from '../args.js';
import type { CliCommand } from '../command.js';
import type { CliContext } from '../context.js';
import { createProgress } from '../progress.js';
import { gitState } from '../provenance/git.js';
import { machineLoad } from '../provenance/load.js';
import { markdownTable } from '../report/markdown.js';
import { inShard, parseShard, type Shard } from '../sweep/shard.js';
import { exponentTable, writeSweep } from '../sweep/sweep-output.js';
import { fitLines, planSweep, SWEEP_SCHEMA, type SweepReport } from '../sweep/sweep-report.js';
import { runSweep } from '../sweep/sweep-run.js';
import { UsageError } from '../usage-error.js';

const USAGE =
  'sweep <workload> --param n=16,64,256,1024 [--runtimes evm] [--shard i/n] [--warmup N] [--samples N] [--out reports/]';

export const SWEEP_DEFAULTS = { warmup: 1, samples: 3, out: 'reports' } as const;

/** `--param n=16,64` or `--param slots=16,64`: the sizes, each an integer in the declared range. */
function parseParam(sized: SizedWorkload, text: string): number[] {
  const eq = text.indexOf('=');
  const name = text.slice(0, eq);
  if (eq < 0 || (name !== 'n' && name !== sized.parameter.name)) {
    throw new UsageError(
      `--param must be n=<sizes> or ${sized.parameter.name}=<sizes> for ${sized.workload}, got "${text}"`,
      USAGE,
    );
  }
  const values = text
    .slice(eq + 1)
    .split(',')
    .map((v) => (/^\d+$/.test(v.trim()) ? Number(v.trim()) : Number.NaN));
  if (values.some(Number.isNaN) || values.length < 2) {
    throw new UsageError(`--param needs at least two integer sizes, got "${text}"`, USAGE);
  }
  if (new Set(values).size !== values.length)
    throw new UsageError(`--param repeats a size: "${text}"`, USAGE);
  for (const n of values) assertSizeInRange(sized, n);
  return values.sort((a, b) => a - b);
}

function sizedRuntimes(sized: SizedWorkload): string[] {
  return sized.implementations(sized.parameter.default).map((i) => i.runtime);
}

export const sweepCommand: CliCommand = {
  name: 'sweep',
  summary: 'Run a workload over a range of sizes and fit how gas, time and instructions grow',
  usage: USAGE,
  details: () =>
    `Writes sweep-<workload>.{json,csv,md,html} (log-log charts with the fitted growth exponent per runtime). With --shard i/n only every n-th point is run and only the JSON is written; join the shards with 'polyvm merge'.\nDefaults: --warmup ${SWEEP_DEFAULTS.warmup}, --samples ${SWEEP_DEFAULTS.samples}, every runtime with a sized implementation.`,
  async run(argv, io, ctx: CliContext) {
    const args = parseArgs(
      argv,
      { value: ['param', 'runtimes', 'shard', 'warmup', 'samples', 'out'] },
      USAGE,
    );
    const [workload] = expectPositionals(args, ['workload'], USAGE);
    const sized = findSizedWorkload(workload!);
    const paramText = args.flags.get('param');
    if (typeof paramText !== 'string') throw new UsageError('missing --param n=<sizes>', USAGE);
    const values = parseParam(sized, paramText);
    const available = sizedRuntimes(sized);
    const runtimes = listFlag(args, 'runtimes', USAGE) ?? available;
    for (const rt of runtimes) {
      if (!available.includes(rt)) {
        throw new UsageError(
          `runtime "${rt}" has no sized implementation of ${sized.workload} (sweepable on: ${available.join(', ')})`,
          USAGE,
        );
      }
    }
    const shardText = args.flags.get('shard');
    const shard: Shard | null = typeof shardText === 'string' ? parseShard(shardText, USAGE) : null;
    const warmup = integerFlag(args, 'warmup', SWEEP_DEFAULTS.warmup, { min: 0, max: 1000 }, USAGE);
    const samples = integerFlag(args, 'samples', SWEEP_DEFAULTS.samples, { min: 1, max: 10_000 }, USAGE);
    const out = stringFlag(args, 'out', SWEEP_DEFAULTS.out);

    const plan = planSweep(sized.parameter, values, runtimes);
    const all = plan.points;
    const points = inShard(all, shard);
    for (const skip of plan.skipped) io.err(`skipping ${skip.runtime} n=${skip.n}: ${skip.reason}`);
    io.err(
      `polyvm sweep: ${sized.workload}, ${sized.parameter.name} = ${values.join(', ')} on ${runtimes.join(', ')}${shard ? `, shard ${shard.index}/${shard.count} (${points.length} of ${all.length} points)` : ''}`,
    );
    const loadBefore = machineLoad();
    const git = gitState();
    const measured = await runSweep(
      { sized, points, warmup, samples },
      (name) => ctx.registry.create(name),
      createProgress(io, 'sweeping', points.length),
      ctx.clock,
    );
    const loadAfter = machineLoad();
    const report: SweepReport = {
      schema: SWEEP_SCHEMA,
      workload: sized.workload,
      parameter: sized.parameter,
      values,
      runtimes,
      settings: { warmup, samples },
      shard,
      runs: [{ startedAt: loadBefore.at, finishedAt: loadAfter.at, git, loadBefore, loadAfter, shard }],
      packages: { ...ctx.packages },
      points: measured,
      skipped: plan.skipped,
    };
    const base = shard
      ? `sweep-${sized.workload}.shard-${shard.index}-of-${shard.count}`
      : `sweep-${sized.workload}`;
    const files = await writeSweep(out, base, report);
    if (!shard) {
      const { headers, rows } = exponentTable(report, fitLines(report));
      io.out(markdownTable(headers, rows));
    }
    io.err(`wrote ${files.join(', ')}`);
    return measured.every((p) => p.ok) ? 0 : 1;
  },
};
