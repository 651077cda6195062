import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildCatalog } from '@polyvm/examples';
import {
  expectPositionals,
  integerFlag,
  listFlag,
  type ParsedArgs,
  stringFlag,
  switchFlag,
} from '../args.js';
import type { CliContext } from '../context.js';
import type { CliIO } from '../io.js';
import { prepareOutputDir } from '../output-dir.js';
import { loadScenario } from '../scenario/load.js';
import { measureScenarios, scenarioTables, scenarioTier, TIER_TITLES } from '../scenario/measure.js';
import { scenarioVms } from '../scenario/run.js';
import type { Scenario } from '../scenario/types.js';
import { RUNTIME_OF_VM, scenarioImplementations } from '../scenario/workload.js';
import { scenarioWorkloadSpec } from '../scenario/workload-spec.js';
import { UsageError } from '../usage-error.js';
import { COMPARE_DEFAULTS } from './compare-defaults.js';
import { pricesAndFormat } from './compare-output.js';
import { compareWorkloads } from './compare-workloads.js';

/** Flags of the built-in workload comparison that mean nothing for scenarios. */
const WORKLOAD_ONLY = ['workloads', 'runtimes'];
/** Flags of the workload matrix, which per-step timing has no use for. */
const MATRIX_ONLY = ['baseline', 'prices', 'format'];

/**
 * `compare --scenario a.yaml,b.yaml`. A scenario that implements a workload (`workload`, one
 * `measure` step, `result`) goes through exactly the kernels' path: the differential check of its
 * result against the reference on every VM it has artifacts for (others are n/a), then the timed
 * matrix, costs and report files, one report per tier. Other scenarios are timed step by step.
 * Scenarios and --out are checked before anything runs; exit 1 naming the pair or step that failed.
 */
export async function compareScenarios(
  ctx: CliContext,
  args: ParsedArgs,
  io: CliIO,
  usage: string,
): Promise<number> {
  expectPositionals(args, [], usage);
  const misplaced = WORKLOAD_ONLY.find((f) => args.flags.has(f));
  if (misplaced) throw new UsageError(`--${misplaced} does not apply to --scenario`, usage);
  const files = listFlag(args, 'scenario', usage) ?? [];
  const scenarios = files.map(loadScenario);
  const measured = scenarios.filter((s) => s.workload !== undefined);
  const stepwise = scenarios.filter((s) => s.workload === undefined);
  const checkOnly = switchFlag(args, 'check');
  if (checkOnly && stepwise.length > 0)
    throw new UsageError(`--check needs a "measure" step; ${stepwise[0]!.file} has none`, usage);
  const matrixOnly = MATRIX_ONLY.find((f) => args.flags.has(f));
  if (matrixOnly && measured.length === 0)
    throw new UsageError(`--${matrixOnly} applies to scenarios with a "measure" step; none has one`, usage);
  const warmup = integerFlag(args, 'warmup', 1, { min: 0, max: 1000 }, usage);
  const samples = integerFlag(args, 'samples', 5, { min: 1, max: 10_000 }, usage);
  const step = args.flags.get('step');
  const extras = pricesAndFormat(args, usage);
  const tiers = tierComparisons(ctx, measured, args, usage);
  const dir = checkOnly ? undefined : prepareOutputDir(stringFlag(args, 'out', COMPARE_DEFAULTS.out), usage);

  let failed = 0;
  for (const tier of tiers) {
    const tierDir = dir === undefined ? undefined : tiers.length > 1 ? join(dir, tier.tier) : dir;
    const code = await compareWorkloads(
      tier.ctx,
      { ...tier.selection, ...extras, warmup, samples, dir: tierDir, heading: `# ${TIER_TITLES[tier.tier]}` },
      io,
    );
    if (code !== 0) failed++;
  }
  if (stepwise.length > 0 && dir !== undefined) {
    if (await compareStepwise(stepwise, { warmup, samples, dir, io, step })) failed++;
  }
  return failed > 0 ? 1 : 0;
}

/**
 * The measured scenarios grouped by tier, each group as a catalog of its own: the workload specs
 * (reference results) and one implementation per VM a scenario has artifacts for. The columns are
 * the default runtimes plus any other a scenario names (the CosmWasm profile).
 */
function tierComparisons(ctx: CliContext, scenarios: readonly Scenario[], args: ParsedArgs, usage: string) {
  const seen = new Map<string, string>();
  for (const s of scenarios) {
    const other = seen.get(s.workload!);
    if (other) throw new UsageError(`${s.file} and ${other} both implement workload "${s.workload}"`, usage);
    seen.set(s.workload!, s.file);
  }
  const named = new Set(
    scenarios.flatMap((s) =>
      scenarioVms(s)
        .filter((v) => v.missing === undefined)
        .map((v) => RUNTIME_OF_VM[v.vm]),
    ),
  );
  const registered = ctx.registry.list().map((info) => info.name);
  const shown = ctx.defaultRuntimes ?? registered;
  const runtimes = registered.filter((n) => shown.includes(n) || named.has(n));
  const fallback = runtimes.includes(COMPARE_DEFAULTS.baseline) ? COMPARE_DEFAULTS.baseline : runtimes[0]!;
  const baseline = stringFlag(args, 'baseline', fallback);
  if (scenarios.length > 0 && !runtimes.includes(baseline))
    throw new UsageError(
      `baseline "${baseline}" is not among the compared runtimes (${runtimes.join(', ')})`,
      usage,
    );
  const byTier = new Map<string, Scenario[]>();
  for (const s of scenarios) byTier.set(scenarioTier(s), [...(byTier.get(scenarioTier(s)) ?? []), s]);
  return [...byTier].map(([tier, group]) => {
    const workloads = group.map((s) => scenarioWorkloadSpec(s, ctx.catalog.specs));
    const catalog = buildCatalog(workloads, group.flatMap(scenarioImplementations));
    return {
      tier,
      ctx: { ...ctx, catalog },
      selection: {
        workloads,
        runtimes,
        baseline,
        scenarioWorkloads: new Set(workloads.map((w) => w.name)),
      },
    };
  });
}

/** Scenarios without a `measure` step: every step on every VM, timed, one table per tier. */
async function compareStepwise(
  scenarios: readonly Scenario[],
  options: { warmup: number; samples: number; dir: string; io: CliIO; step: string | true | undefined },
): Promise<boolean> {
  const { warmup, samples, dir, io, step } = options;
  io.err(`polyvm compare: ${scenarios.length} scenario(s), ${warmup} warm-up + ${samples} samples each`);
  const { rows, notApplicable } = await measureScenarios(scenarios, { warmup, samples });
  const markdown = `## Scenarios\n\n${scenarioTables(rows, typeof step === 'string' ? step : undefined)}\n\n${notApplicable.map((l) => `- ${l}`).join('\n')}\n`;
  io.out(markdown);
  await writeFile(join(dir, 'scenarios.md'), markdown);
  await writeFile(join(dir, 'scenarios.json'), `${JSON.stringify(rows, null, 2)}\n`);
  io.err(`wrote ${join(dir, 'scenarios.{json,md}')}`);
  const failed = rows.filter((r) => r.failures > 0);
  if (failed.length > 0) {
    io.err(`polyvm compare: ${failed.length} step(s) failed their expectations; see the report`);
    return true;
  }
  return false;
}
