import { EvmSession } from './evm-session.js';
import { checkExpectations } from './expect.js';
import { MoveSession } from './move-session.js';
import type { SessionEnv, StepOutcome, VmSession } from './session.js';
import { SvmSession } from './svm-session.js';
import {
  SCENARIO_VMS,
  type Scenario,
  type ScenarioVm,
  stepContract,
  stepLabel,
  stepRunsOn,
} from './types.js';
import { WasmSession } from './wasm-session.js';

export interface StepResult {
  vm: ScenarioVm;
  step: string;
  outcome: StepOutcome;
  failures: string[];
}

/** One VM's run of a scenario: every step, or "n/a" when a contract has no artifact for it. */
export interface VmRun {
  vm: ScenarioVm;
  /** Why the VM was not run, e.g. a contract without an artifact for it. */
  notApplicable?: string;
  steps: StepResult[];
}

/** The session of `vm`, on its own fresh state, or on `env` (the harness's state and runtime). */
export function createSession(vm: ScenarioVm, scenario: Scenario, env?: SessionEnv): VmSession {
  switch (vm) {
    case 'evm':
      return new EvmSession(scenario, env);
    case 'near':
    case 'cosmwasm':
      return new WasmSession(scenario, vm, env);
    case 'move':
      return new MoveSession(scenario, env);
    case 'svm':
      return new SvmSession(scenario, env);
  }
}

/** The VMs for which every contract of the scenario has an artifact. */
export function scenarioVms(scenario: Scenario): { vm: ScenarioVm; missing?: string }[] {
  return SCENARIO_VMS.map((vm) => {
    const missing = Object.entries(scenario.contracts).find(([, spec]) => spec[vm] === undefined)?.[0];
    return missing === undefined ? { vm } : { vm, missing };
  });
}

/**
 * Runs the scenario's steps in order on one persistent state per VM. A VM for which some contract
 * has no artifact is "n/a", never a failure. `onStep` sees each result as it is produced.
 */
/** Called around each step's execution, for timing (the measurement excludes printing and checks). */
export interface StepHooks {
  before(): void;
  after(vm: ScenarioVm, step: string): void;
}

export async function runScenario(
  scenario: Scenario,
  vms: readonly ScenarioVm[] | undefined,
  onStep: (result: StepResult) => void = () => {},
  hooks?: StepHooks,
): Promise<VmRun[]> {
  const runs: VmRun[] = [];
  const selected = scenarioVms(scenario).filter(({ vm }) => vms === undefined || vms.includes(vm));
  for (const { vm, missing } of selected) {
    if (missing !== undefined) {
      runs.push({ vm, notApplicable: `contract "${missing}" has no ${vm} artifact`, steps: [] });
      continue;
    }
    const vmSession = createSession(vm, scenario);
    const steps: StepResult[] = [];
    for (const [index, step] of scenario.steps.entries()) {
      if (!stepRunsOn(step, vm)) continue;
      const contract = stepContract(step);
      const spec = scenario.contracts[contract]!;
      const caller = step.caller ?? scenario.callers?.[0] ?? 'deployer';
      hooks?.before();
      const outcome = step.deploy
        ? await vmSession.deploy(contract, spec, step, caller)
        : await vmSession.prepareCall(contract, spec, step, caller)();
      hooks?.after(vm, stepLabel(step, index));
      const result = {
        vm,
        step: stepLabel(step, index),
        outcome,
        failures: checkExpectations(vm, outcome, step.expect),
      };
      steps.push(result);
      onStep(result);
    }
    runs.push({ vm, steps });
  }
  return runs;
}
