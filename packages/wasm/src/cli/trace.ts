import { parseArgs } from 'node:util';
import { type Command, formatStep, type StepEvent } from '@polyvm/core';
import { formatReceipt, RUN_OPTIONS, setupRun } from './run.js';

export const traceCommand: Command = {
  name: 'trace',
  summary: 'like run, but on the pure-TS interpreter, printing every executed instruction with its gas',
  usage:
    'trace <file> [--profile near|cosmwasm] --method <name> [--args <text>] [--limit <steps>] [run options]',
  async run(args, io) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { ...RUN_OPTIONS, limit: { type: 'string', default: '10000' } },
    });
    const file = positionals[0];
    const limit = Number(values.limit);
    if (!file || !values.method || !Number.isSafeInteger(limit) || limit < 0) {
      io.err(`usage: polyvm wasm ${this.usage}\n`);
      return 2;
    }
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
    io.out(formatReceipt(values.method, receipt));
    return receipt.status === 'success' ? 0 : 1;
  },
};
