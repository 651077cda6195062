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
    const message = userErrorMessage(err);
    if (message !== undefined && !(err instanceof UsageError)) {
      throw new UsageError(message, `${group.name} ${command.usage}`);
    }
    throw err;
  }
}

/** File-system error codes that mean "the path given on the command line is not usable". */
const PATH_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
};

/**
 * The one-line message of an error caused by the command line, or undefined for anything else.
 * Besides core's `InvalidArgumentError`, a command that calls Node directly may let through
 * `node:util` parseArgs errors (unknown flag, missing value) and file-system errors on a path it
 * was given: both are the user's input, never a crash.
 */
function userErrorMessage(err: unknown): string | undefined {
  if (err instanceof InvalidArgumentError) return err.message;
  const { code, path } = (err ?? {}) as { code?: unknown; path?: unknown };
  if (typeof code !== 'string') return undefined;
  if (code.startsWith('ERR_PARSE_ARGS_')) return (err as Error).message.split('. ')[0]!.replace(/\.$/, '');
  if (PATH_ERRORS[code] && typeof path === 'string') return `cannot read "${path}": ${PATH_ERRORS[code]}`;
  return undefined;
}
