import {
  formatStep,
  InvalidArgumentError,
  JournaledState,
  logicalResultsEqual,
  normalizedCost,
  type StepEvent,
} from '@polyvm/core';
import { findImplementation } from '@polyvm/examples';
import { expectPositionals, integerFlag, parseArgs, switchFlag } from '../args.js';
import type { CliCommand } from '../command.js';
import { formatInteger, formatQuantity } from '../report/format.js';
import { describeResult } from '../report/lookup.js';
import { UsageError } from '../usage-error.js';
import { namesHelp } from './help.js';
import { requireRuntime, requireWorkload } from './select.js';

const USAGE = 'trace <runtime> <workload> [--limit N] [--json]';

/** Steps printed unless `--limit` says otherwise; 0 prints them all. */
export const DEFAULT_TRACE_LIMIT = 1000;

export const traceCommand: CliCommand = {
  name: 'trace',
  summary: 'Run one workload once and print its VM-neutral step trace (the same format on every VM)',
  usage: USAGE,
  details: (ctx) =>
    `Each line: call depth (indentation), location@pc, mnemonic, gas left before the step, its cost, and the\noperand stack or registers (top last). --json prints one StepEvent object per line.\n\n${namesHelp(ctx)}`,
  async run(argv, io, ctx) {
    const args = parseArgs(argv, { value: ['limit'], switch: ['json'] }, USAGE);
    const [runtimeName, workload] = expectPositionals(args, ['runtime', 'workload'], USAGE) as [
      string,
      string,
    ];
    const limit = integerFlag(
      args,
      'limit',
      DEFAULT_TRACE_LIMIT,
      { min: 0, max: Number.MAX_SAFE_INTEGER },
      USAGE,
    );
    const json = switchFlag(args, 'json');
    requireRuntime(ctx, runtimeName, USAGE);
    const spec = requireWorkload(ctx, workload, USAGE);
    let impl: ReturnType<typeof findImplementation>;
    try {
      impl = findImplementation(ctx.catalog, runtimeName, workload);
    } catch (err) {
      if (err instanceof InvalidArgumentError) throw new UsageError(err.message, USAGE);
      throw err;
    }
    const runtime = ctx.registry.create(runtimeName);
    const state = new JournaledState();
    const prepared = await impl.prepare(state, runtime);

    io.err(`tracing ${runtimeName}/${workload} (${impl.source})`);
    let steps = 0;
    const tracer = (event: StepEvent) => {
      steps++;
      if (limit === 0 || steps <= limit) io.out(json ? JSON.stringify(event) : formatStep(event));
    };
    const receipt = await prepared.run({ tracer });
    const result = await prepared.result(receipt, state);

    const hidden = limit === 0 ? 0 : Math.max(steps - limit, 0);
    const agrees = receipt.status === 'success' && logicalResultsEqual(spec.expected, result);
    io.err(
      `${formatInteger(steps)} steps${hidden > 0 ? ` (${formatInteger(hidden)} not shown; raise --limit, or --limit 0 for all)` : ''}`,
    );
    const normalized = formatQuantity(normalizedCost(receipt.gasUsed, runtime.gasSchedule));
    io.err(
      `status ${receipt.status}; gas ${formatInteger(receipt.gasUsed)} ${runtime.gasSchedule.unit} (normalized ${normalized}); ${formatInteger(receipt.metrics.instructions)} instructions`,
    );
    if (receipt.error) io.err(`error: ${receipt.error.name}: ${receipt.error.message}`);
    io.err(
      `result ${describeResult(result, Infinity)}; expected ${describeResult(spec.expected, Infinity)}: ${agrees ? 'agrees' : 'DISAGREES'}`,
    );
    if (steps === 0 && receipt.metrics.instructions > 0) {
      // A silent trace would look like an empty program; say whose side the gap is on.
      io.err(
        `polyvm: ${runtimeName} ran ${receipt.metrics.instructions} instructions but emitted no step events: its runtime does not support ExecuteOptions.tracer`,
      );
      return 1;
    }
    return agrees ? 0 : 1;
  },
};
