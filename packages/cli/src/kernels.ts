import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { WorkloadImplementation } from '@polyvm/core';
import { loadScenario } from './scenario/load.js';
import { scenarioImplementations } from './scenario/workload.js';

/** The built-in kernels' scenario files, shipped with @polyvm/examples (`scenarios/kernels`). */
export function kernelScenarioDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@polyvm/examples/package.json')), 'scenarios', 'kernels');
}

/**
 * The kernels as `compare` measures them: each scenario file loaded and checked like a user's
 * (`loadScenario`), one implementation per VM it has an artifact for, run through the scenario
 * sessions.
 */
export function kernelImplementations(dir: string = kernelScenarioDir()): WorkloadImplementation[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  return files.flatMap((f) => scenarioImplementations(loadScenario(join(dir, f))));
}
