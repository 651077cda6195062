import { type CommandGroup, InvalidArgumentError } from '@polyvm/core';
import type { CliIO } from '../io.js';
import { UsageError } from '../usage-error.js';
import { isHelpFlag, renderCommandHelp, renderGroupHelp } from './help.js';

/**
 * Runs `polyvm <group> <command> [args]` for a runtime's command group. A runtime command signals
 * a bad argument with core's `InvalidArgumentError` (core has no usage error of its own), which
 * is reported like any usage error: exit 2 with that command's usage line.
 */
export async function runGroup(group: CommandGroup, argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || isHelpFlag(name)) {
    const text = renderGroupHelp(group);
    if (name === undefined) {
      io.err(text);
      return 2;
    }
    io.out(text);
    return 0;
  }
  const command = group.commands.find((c) => c.name === name);
  if (!command) {
    const known = group.commands.map((c) => c.name).join(', ') || 'none';
    throw new UsageError(
      `unknown command "${group.name} ${name}" (known: ${known})`,
      `${group.name} <command>`,
    );
  }
  const prefix = `polyvm ${group.name}`;
  if (rest.some(isHelpFlag)) {
    io.out(renderCommandHelp(command, prefix));
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof InvalidArgumentError && !(err instanceof UsageError)) {
      throw new UsageError(err.message, `${group.name} ${command.usage}`);
    }
    throw err;
  }
}
