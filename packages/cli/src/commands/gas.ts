import { GAS_CATEGORIES, type GasCategory } from '@polyvm/core';
import { parseArgs, stringFlag } from '../args.js';
import type { CliCommand } from '../command.js';
import { formatInteger, formatQuantity } from '../report/format.js';
import { textTable } from '../text-table.js';
import { UsageError } from '../usage-error.js';
import { namesHelp } from './help.js';
import { requireRuntime } from './select.js';

const USAGE = 'gas [runtime...] [--category compute|memory|storage|call|crypto|other]';

/**
 * Prints each runtime's cost table with every entry also expressed in that VM's own simple
 * arithmetic ops (cost / referenceOpCost): "one cold SLOAD costs 700 ADDs" is what makes the
 * schedules of VMs with unrelated units comparable.
 */
export const gasCommand: CliCommand = {
  name: 'gas',
  summary: "Print the runtimes' gas schedules, each cost also in units of the VM's own arithmetic op",
  usage: USAGE,
  details: namesHelp,
  async run(argv, io, ctx) {
    const args = parseArgs(argv, { value: ['category'] }, USAGE);
    const category = stringFlag(args, 'category', '');
    if (category !== '' && !(GAS_CATEGORIES as readonly string[]).includes(category)) {
      throw new UsageError(`unknown gas category "${category}" (known: ${GAS_CATEGORIES.join(', ')})`, USAGE);
    }
    const names =
      args.positionals.length > 0
        ? args.positionals.map((n) => requireRuntime(ctx, n, USAGE))
        : ctx.registry.list().map((i) => i.name);
    const blocks = names.map((name) => {
      const schedule = ctx.registry.create(name).gasSchedule;
      const entries = schedule.entries.filter(
        (e) => category === '' || e.category === (category as GasCategory),
      );
      const rows = entries.map((e) => [
        e.name,
        e.category,
        `${formatInteger(e.cost)}${e.per ? ` per ${e.per}` : ''}`,
        formatQuantity(e.cost / schedule.referenceOpCost),
        e.source ?? '',
      ]);
      const header = `${name}: ${schedule.name} (${schedule.unit}; one arithmetic op = ${formatInteger(schedule.referenceOpCost)}; ${schedule.source})`;
      const body =
        rows.length > 0 ? textTable(['ENTRY', 'CATEGORY', 'COST', 'IN OPS', 'SOURCE'], rows) : '(no entries)';
      return `${header}\n${body}`;
    });
    io.out(blocks.join('\n\n'));
    return 0;
  },
};
