import { formatDuration, formatInteger } from '../report/format.js';
import { markdownTable } from '../report/markdown.js';
import { runScenario } from './run.js';
import type { Scenario, ScenarioVm } from './types.js';

/** One step of one scenario on one VM, measured. */
export interface StepMeasurement {
  scenario: string;
  tier: string;
  vm: ScenarioVm;
  step: string;
  status: string;
  gas: number;
  /** Median wall time of the step over the samples, in milliseconds. */
  medianMs: number;
  /** Failed expectations in the first run (a wrong result is not a cost). */
  failures: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Measures scenarios as `compare` measures workloads: `warmup` discarded runs, then `samples` runs,
 * each on a fresh state (so every step sees the same state each time), timing each step. Gas is
 * deterministic and taken from the first run. `clock` is injectable for tests.
 */
export async function measureScenarios(
  scenarios: readonly Scenario[],
  options: { warmup: number; samples: number; vms?: readonly ScenarioVm[]; clock?: () => number },
): Promise<{ rows: StepMeasurement[]; notApplicable: string[] }> {
  const clock = options.clock ?? (() => performance.now());
  const rows: StepMeasurement[] = [];
  const notApplicable: string[] = [];
  for (const scenario of scenarios) {
    const times = new Map<string, number[]>();
    let first: Awaited<ReturnType<typeof runScenario>> | undefined;
    for (let i = 0; i < options.warmup + options.samples; i++) {
      let started = clock();
      const runs = await runScenario(scenario, options.vms, () => {}, {
        before: () => {
          started = clock();
        },
        after: (vm, step) => {
          if (i < options.warmup) return;
          const key = `${vm}\0${step}`;
          times.set(key, [...(times.get(key) ?? []), clock() - started]);
        },
      });
      first ??= runs;
    }
    const missing = (first ?? []).filter((run) => run.notApplicable).map((run) => run.vm);
    if (missing.length > 0)
      notApplicable.push(`${scenario.name}: n/a on ${missing.join(', ')} (no artifact)`);
    for (const run of first ?? []) {
      if (run.notApplicable) continue;
      for (const s of run.steps) {
        rows.push({
          scenario: scenario.name,
          tier: scenarioTier(scenario),
          vm: run.vm,
          step: s.step,
          status: s.outcome.receipt.status,
          gas: s.outcome.receipt.gasUsed,
          medianMs: median(times.get(`${run.vm}\0${s.step}`) ?? [0]),
          failures: s.failures.length,
        });
      }
    }
  }
  return { rows, notApplicable };
}

const TIERS = ['kernel', 'compiled', 'real', 'user'] as const;
/** The report's tiers; a scenario that declares none is the user's own. */
export const TIER_TITLES: Record<string, string> = {
  kernel: 'Kernels (hand-written workloads)',
  compiled: 'Compiled (from one source)',
  real: 'Real artifacts (what chains run)',
  user: 'User scenarios',
};

/** The tier a scenario is reported in. */
export const scenarioTier = (scenario: Scenario): string => scenario.tier ?? 'user';

/** The measurements as Markdown, one table per tier; `step` keeps only steps whose label contains it. */
export function scenarioTables(rows: readonly StepMeasurement[], step?: string): string {
  const kept = rows.filter((r) => step === undefined || r.step.includes(step));
  const sections: string[] = [];
  for (const tier of TIERS) {
    const inTier = kept.filter((r) => r.tier === tier);
    if (inTier.length === 0) continue;
    const table = markdownTable(
      ['scenario', 'VM', 'step', 'status', 'gas (native unit)', 'median time'],
      inTier.map((r) => [
        r.scenario,
        r.vm,
        r.step,
        r.failures > 0 ? `${r.status} (${r.failures} failed expectation(s))` : r.status,
        formatInteger(r.gas),
        formatDuration(r.medianMs),
      ]),
      [false, false, false, false, true, true],
    );
    sections.push(`### ${TIER_TITLES[tier]}\n\n${table}`);
  }
  return sections.join('\n\n');
}
