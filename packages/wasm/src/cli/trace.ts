import { type Command, formatStep, type StepEvent } from '@polyvm/core';
import { parseCommandArgs, pathProblem, runOptionsProblem, usageError } from './args.js';
import { formatReceipt, RUN_OPTIONS, setupRun } from './run.js';

export const traceCommand: Command = {
  name: 'trace',
  summary: 'like run, but on the pure-TS interpreter, printing every executed instruction with its gas',
  usage:
    'trace <file> [--profile near|cosmwasm] --method <name> [--args <text>] [--limit <steps>] [run options]',
  async run(args, io) {
    const parsed = parseCommandArgs(args, { ...RUN_OPTIONS, limit: { type: 'string', default: '10000' } });
    if (typeof parsed === 'string') return usageError(io, this.usage, parsed);
    const { positionals } = parsed;
    const values = parsed.values as Record<string, string | undefined>;
    const file = positionals[0];
    if (!file || !values.method) return usageError(io, this.usage);
    if (!/^\d+$/.test(values.limit ?? '')) {
      return usageError(io, this.usage, `--limit must be a non-negative integer, got ${values.limit}`);
    }
    const limit = Number(values.limit);
    const problem = pathProblem(file, 'file') ?? runOptionsProblem(values);
    if (problem) return usageError(io, this.usage, problem);
    const setup = await setupRun(file, values);
    io.out(formatReceipt('deploy', setup.deploy));
    if (setup.deploy.status !== 'success') return 1;
    let printed = 0;
    let total = 0;
    const tracer = (event: StepEvent): void => {
      total++;
      if (printed < limit) {
        io.out(`${formatStep(event)}\n`);
        printed++;
      }
    };
    const receipt = setup.call({ tracer });
    if (total > printed) io.out(`... ${total - printed} more steps (raise --limit)\n`);
    io.out(`${total} instructions executed\n`);
    io.out(formatReceipt(values.method!, receipt));
    return receipt.status === 'success' ? 0 : 1;
  },
};
