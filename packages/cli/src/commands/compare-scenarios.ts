import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expectPositionals, integerFlag, listFlag, type ParsedArgs, stringFlag } from '../args.js';
import type { CliIO } from '../io.js';
import { prepareOutputDir } from '../output-dir.js';
import { loadScenario } from '../scenario/load.js';
import { measureScenarios, scenarioTables } from '../scenario/measure.js';
import { UsageError } from '../usage-error.js';

/** Flags of the workload comparison that mean nothing for scenarios. */
const WORKLOAD_ONLY = ['workloads', 'runtimes', 'baseline', 'check'];

/**
 * `compare --scenario a.yaml,b.yaml`: every step of every scenario on every VM it has artifacts for,
 * timed over warm-up and samples like the workloads, reported per tier (kernels, compiled, real).
 * Scenarios and --out are checked before anything runs; exit 1 when an expectation fails.
 */
export async function compareScenarios(args: ParsedArgs, io: CliIO, usage: string): Promise<number> {
  expectPositionals(args, [], usage);
  const misplaced = WORKLOAD_ONLY.find((f) => args.flags.has(f));
  if (misplaced) throw new UsageError(`--${misplaced} does not apply to --scenario`, usage);
  const files = listFlag(args, 'scenario', usage) ?? [];
  const scenarios = files.map(loadScenario);
  const warmup = integerFlag(args, 'warmup', 1, { min: 0, max: 1000 }, usage);
  const samples = integerFlag(args, 'samples', 5, { min: 1, max: 10_000 }, usage);
  const step = args.flags.get('step');
  const dir = prepareOutputDir(stringFlag(args, 'out', 'reports'), usage);
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
    return 1;
  }
  return 0;
}
