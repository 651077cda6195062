import { implementedWorkloads } from '@polyvm/examples';
import { expectPositionals, parseArgs } from '../args.js';
import type { CliCommand } from '../command.js';
import { textTable } from '../text-table.js';

const USAGE = 'runtimes';

export const runtimesCommand: CliCommand = {
  name: 'runtimes',
  summary: 'List the registered runtimes with their gas unit and workload coverage',
  usage: USAGE,
  async run(argv, io, ctx) {
    const args = parseArgs(argv, {}, USAGE);
    expectPositionals(args, [], USAGE);
    const total = ctx.catalog.specs.length;
    const rows = ctx.registry.list().map((info) => {
      const runtime = ctx.registry.create(info.name);
      const schedule = runtime.gasSchedule;
      return [
        info.name,
        info.version,
        `${runtime.addressWidth} B`,
        schedule.unit,
        String(schedule.referenceOpCost),
        `${implementedWorkloads(ctx.catalog, info.name).length}/${total}`,
        info.description,
      ];
    });
    io.out(
      textTable(['NAME', 'VERSION', 'ADDRESS', 'GAS UNIT', 'REF OP COST', 'WORKLOADS', 'DESCRIPTION'], rows),
    );
    return 0;
  },
};
