import {
  type Command,
  expectPositionals,
  formatStep,
  InvalidArgumentError,
  integerOption,
  parseCommandLine,
  type StepEvent,
} from '@polyvm/core';
import { formatReceipt, RUN_OPTIONS, setupRun } from './run.js';

export const traceCommand: Command = {
  name: 'trace',
  summary: 'like run, but on the pure-TS interpreter, printing every executed instruction with its gas',
  usage:
    'trace <file> [--profile near|cosmwasm] --method <name> [--args <text>] [--limit <steps>] [run options]',
  async run(args, io) {
    const { positionals, values } = parseCommandLine(args, {
      ...RUN_OPTIONS,
      limit: { type: 'string' },
    } as const);
    const [file] = expectPositionals(positionals, ['file']);
    const limit = Number(integerOption(values.limit, 'limit', 10_000n, BigInt(Number.MAX_SAFE_INTEGER)));
    if (!values.method) throw new InvalidArgumentError('--method is required');
    const setup = await setupRun(file!, values);
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
    io.out(formatReceipt(values.method, receipt));
    return receipt.status === 'success' ? 0 : 1;
  },
};
