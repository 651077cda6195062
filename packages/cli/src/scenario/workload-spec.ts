import { InvalidArgumentError, type LogicalResult, type WorkloadSpec } from '@polyvm/core';
import type { Scenario } from './types.js';

/**
 * The workload a measured scenario implements, as `compare` checks it: the reference result is
 * what its `result` entries declare as `expected`, else the model of the built-in workload it
 * names. A scenario with neither, or that declares only some values, is a usage error (exit 2):
 * a result nobody checks would be timed unchecked.
 */
export function scenarioWorkloadSpec(scenario: Scenario, builtins: readonly WorkloadSpec[]): WorkloadSpec {
  const name = scenario.workload!;
  const entries = Object.entries(scenario.result ?? {});
  const declared = entries.filter(([, readers]) => readers.expected !== undefined);
  const builtin = builtins.find((spec) => spec.name === name);
  if (declared.length === 0 && builtin) return builtin;
  const undeclared = entries.find(([, readers]) => readers.expected === undefined);
  if (undeclared) {
    throw new InvalidArgumentError(
      builtin
        ? `${scenario.file}: result "${undeclared[0]}" declares no "expected" value; declare all of them or none (then the built-in "${name}" model is the reference)`
        : `${scenario.file}: result "${undeclared[0]}" declares no "expected" value and "${name}" is not a built-in workload`,
    );
  }
  const expected: LogicalResult = Object.fromEntries(declared.map(([key, r]) => [key, r.expected!]));
  return {
    name,
    title: scenario.name,
    description: scenario.description ?? `Scenario ${scenario.name}.`,
    params: {},
    expected,
  };
}
