import { expectPositionals, listFlag, parseArgs, switchFlag } from '../args.js';
import type { CliCommand } from '../command.js';
import { loadScenario } from '../scenario/load.js';
import { printStep, stepJson, stringifyJson } from '../scenario/print.js';
import { runScenario } from '../scenario/run.js';
import { SCENARIO_VMS, type ScenarioVm } from '../scenario/types.js';
import { UsageError } from '../usage-error.js';

const USAGE = 'run <scenario.yaml|json> [--vms evm,near,cosmwasm,move,svm] [--json]';

export const runScenarioCommand: CliCommand = {
  name: 'run',
  summary: 'Run a scenario file on every VM it names, with persistent state across steps and expectations',
  usage: USAGE,
  details: () =>
    'Each step prints its outcome, gas, decoded return value, events and state changes; a VM for which a\ncontract has no artifact is n/a. Exit 1 when an expectation fails. The file format is the JSON Schema\nin schema/scenario.schema.json of the polyvm package.',
  async run(argv, io) {
    const args = parseArgs(argv, { value: ['vms'], switch: ['json'] }, USAGE);
    const [file] = expectPositionals(args, ['scenario'], USAGE) as [string];
    const vms = listFlag(args, 'vms', USAGE);
    const unknown = vms?.find((vm) => !(SCENARIO_VMS as readonly string[]).includes(vm));
    if (unknown) throw new UsageError(`unknown VM "${unknown}" (known: ${SCENARIO_VMS.join(', ')})`, USAGE);
    const scenario = loadScenario(file);
    const json = switchFlag(args, 'json');
    if (!json) io.out(`scenario ${scenario.name}: ${scenario.steps.length} step(s)`);
    const runs = await runScenario(
      scenario,
      vms as ScenarioVm[] | undefined,
      json ? undefined : (r) => printStep(io, r),
    );
    let failed = 0;
    const summary = runs.map((run) => {
      if (run.notApplicable) return `${run.vm} n/a (${run.notApplicable})`;
      const bad = run.steps.filter((s) => s.failures.length > 0).length;
      failed += bad;
      return `${run.vm} ${run.steps.length - bad}/${run.steps.length} steps as expected`;
    });
    if (json) {
      io.out(
        stringifyJson({
          scenario: scenario.name,
          runs: runs.map((run) => ({
            vm: run.vm,
            ...(run.notApplicable ? { notApplicable: run.notApplicable } : {}),
            steps: run.steps.map(stepJson),
          })),
        }),
      );
    } else {
      io.out(`summary: ${summary.join('; ')}`);
    }
    return failed > 0 ? 1 : 0;
  },
};
