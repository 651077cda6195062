import { basename } from 'node:path';
import {
  InvalidArgumentError,
  type JournaledState,
  type PreparedWorkload,
  type Runtime,
  type WorkloadImplementation,
} from '@polyvm/core';
import { readResult } from './result-reader.js';
import { createSession, scenarioVms } from './run.js';
import type { StepOutcome, VmSession } from './session.js';
import { type Scenario, type ScenarioVm, type Step, stepContract, stepLabel, stepRunsOn } from './types.js';

/** The registry's runtime for each scenario VM (the NEAR profile is the `wasm` runtime). */
export const RUNTIME_OF_VM: Readonly<Record<ScenarioVm, string>> = {
  evm: 'evm',
  near: 'wasm',
  cosmwasm: 'cosmwasm',
  move: 'move',
  svm: 'svm',
};

/** What the scenario's first contract is written in on `vm`, for the report's "Sources" line. */
function artifactKind(scenario: Scenario, vm: ScenarioVm): string {
  const spec = Object.values(scenario.contracts)[0]!;
  switch (vm) {
    case 'evm':
      return spec.evm?.asm ? 'EVM assembly' : spec.evm?.solc ? 'solc output' : 'EVM bytecode';
    case 'near':
    case 'cosmwasm':
      return /\.wat$/.test(spec[vm]!.wasm) ? `WAT (${vm === 'near' ? 'NEAR host ABI' : 'CosmWasm'})` : 'wasm';
    case 'move':
      return spec.move!.module.endsWith('.masm') ? 'Move assembler (.masm)' : 'Move bytecode';
    case 'svm':
      return /\.(s|asm)$/.test(spec.svm!.program) ? 'sBPF assembly' : 'sBPF ELF';
  }
}

const callerOf = (scenario: Scenario, step: Step) => step.caller ?? scenario.callers?.[0] ?? 'deployer';

function runStep(session: VmSession, scenario: Scenario, step: Step): Promise<StepOutcome> {
  const contract = stepContract(step);
  const spec = scenario.contracts[contract]!;
  return step.deploy
    ? session.deploy(contract, spec, step, callerOf(scenario, step))
    : session.prepareCall(contract, spec, step, callerOf(scenario, step))();
}

/**
 * A scenario that implements a built-in workload, as `compare` measures it on `vm`: the steps
 * before the `measure` step are the set-up (their gas is the deploy gas), the `measure` step is the
 * transaction timed and re-run, and `result` reads the logical result the reference model checks.
 * The steps run through the same session code as `polyvm run`, on the harness's state and runtime.
 */
export function scenarioImplementation(scenario: Scenario, vm: ScenarioVm): WorkloadImplementation {
  const measured = scenario.steps.findIndex((s) => s.measure);
  const step = scenario.steps[measured]!;
  return {
    runtime: RUNTIME_OF_VM[vm],
    workload: scenario.workload!,
    source: `${artifactKind(scenario, vm)}, scenario ${basename(scenario.file)}`,
    async prepare(state: JournaledState, runtime: Runtime): Promise<PreparedWorkload> {
      const session = createSession(vm, scenario, { state, runtime });
      let deployGas = 0;
      let codeSize = 0;
      for (const [index, setup] of scenario.steps.slice(0, measured).entries()) {
        if (!stepRunsOn(setup, vm)) continue;
        const outcome = await runStep(session, scenario, setup);
        if (outcome.receipt.status !== 'success') {
          throw new InvalidArgumentError(
            `${scenario.name} on ${vm}: set-up step ${stepLabel(setup, index)} ended ${outcome.receipt.status}${outcome.reason ? ` (${outcome.reason})` : ''}`,
          );
        }
        deployGas += outcome.receipt.gasUsed + (outcome.setupGas ?? 0);
        codeSize += outcome.codeSize ?? 0;
      }
      const contract = stepContract(step);
      const spec = scenario.contracts[contract]!;
      const caller = callerOf(scenario, step);
      const execute = session.prepareCall(contract, spec, step, caller);
      let last: StepOutcome | undefined;
      return {
        codeSize,
        deployGas,
        run: async (options) => {
          last = await execute(options);
          return last.receipt;
        },
        result: () => readResult(scenario, vm, last!),
      };
    },
  };
}

/** The workload implementations of a scenario: one per VM it has artifacts for. */
export function scenarioImplementations(scenario: Scenario): WorkloadImplementation[] {
  return scenarioVms(scenario)
    .filter((v) => v.missing === undefined)
    .map(({ vm }) => scenarioImplementation(scenario, vm));
}
