import { lookupImplementation } from '@polyvm/examples';
import { expectPositionals, parseArgs } from '../args.js';
import type { CliCommand } from '../command.js';
import { describeResult } from '../report/lookup.js';

const USAGE = 'workloads';

export const workloadsCommand: CliCommand = {
  name: 'workloads',
  summary: 'List the workloads, what they compute and which runtimes implement them',
  usage: USAGE,
  async run(argv, io, ctx) {
    const args = parseArgs(argv, {}, USAGE);
    expectPositionals(args, [], USAGE);
    const runtimes = ctx.registry.list().map((i) => i.name);
    const blocks = ctx.catalog.specs.map((spec) => {
      const params = Object.entries(spec.params).map(([k, v]) => `${k}=${v}`);
      const impls = runtimes.flatMap((rt) => {
        const impl = lookupImplementation(ctx.catalog, rt, spec.name);
        return impl ? [`${rt} (${impl.source})`] : [];
      });
      return [
        `${spec.name}: ${spec.title}`,
        `  ${spec.description}`,
        `  params:   ${params.join(' ') || '(none)'}`,
        `  expected: ${describeResult(spec.expected, Infinity)}`,
        `  runtimes: ${impls.join(', ') || '(none yet)'}`,
      ].join('\n');
    });
    io.out(blocks.join('\n\n'));
    return 0;
  },
};
