import { InvalidArgumentError } from '@polyvm/core';
import type { CliCommand } from './command.js';
import { buildCommand } from './commands/build.js';
import { callCommand } from './commands/call.js';
import { compareCommand } from './commands/compare.js';
import { gasCommand } from './commands/gas.js';
import { runGroup } from './commands/group.js';
import { isHelpFlag, renderBuiltinHelp, renderHelp } from './commands/help.js';
import { mergeCommand } from './commands/merge.js';
import { runScenarioCommand } from './commands/run.js';
import { runtimesCommand } from './commands/runtimes.js';
import { sweepCommand } from './commands/sweep.js';
import { traceCommand } from './commands/trace.js';
import { workloadsCommand } from './commands/workloads.js';
import type { CliContext } from './context.js';
import { formatError } from './error-message.js';
import type { CliIO } from './io.js';
import { UsageError } from './usage-error.js';

export const BUILTINS: readonly CliCommand[] = [
  runtimesCommand,
  workloadsCommand,
  gasCommand,
  compareCommand,
  traceCommand,
  runScenarioCommand,
  sweepCommand,
  mergeCommand,
  buildCommand,
  callCommand,
];

/**
 * The whole CLI as a function: parses `argv` (without `node` and the script), runs the command
 * against the injected context and returns the exit code. It never throws: usage errors exit 2
 * with the command's usage line, typed errors exit 1 with their code and cause chain.
 */
export async function runCli(argv: readonly string[], ctx: CliContext, io: CliIO): Promise<number> {
  try {
    return await dispatch(argv, ctx, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(usageLine(err));
      return 2;
    }
    // A built-in command's input (a scenario file, an artifact it names) that core refuses.
    if (err instanceof InvalidArgumentError) {
      io.err(`polyvm: ${err.message}`);
      return 2;
    }
    io.err(formatError(err));
    return 1;
  }
}

/**
 * A usage error as ONE line: what is wrong, then where the full usage is. The usage line itself
 * stays in `--help`: several lines of usage after every typo would bury the message.
 */
function usageLine(err: UsageError): string {
  const path: string[] = [];
  for (const word of err.usage?.split(' ') ?? []) {
    if (!/^[a-z][\w-]*$/.test(word)) break;
    path.push(word);
  }
  return `polyvm: ${err.message} (see 'polyvm ${[...path, '--help'].join(' ')}')`;
}

async function dispatch(argv: readonly string[], ctx: CliContext, io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(renderHelp(ctx, BUILTINS));
    return 2;
  }
  if (isHelpFlag(name)) {
    io.out(renderHelp(ctx, BUILTINS));
    return 0;
  }
  if (name === 'help') return help(rest, ctx, io);
  if (name === '--version' || name === '-V') {
    io.out(ctx.version);
    return 0;
  }
  const builtin = BUILTINS.find((c) => c.name === name);
  if (builtin) {
    if (rest.some(isHelpFlag)) {
      io.out(renderBuiltinHelp(builtin, ctx));
      return 0;
    }
    return builtin.run(rest, io, ctx);
  }
  const group = ctx.groups.find((g) => g.name === name);
  if (group) return runGroup(group, rest, io);
  if (name.startsWith('-')) throw new UsageError(`unknown option ${name}`);
  const known = [...BUILTINS.map((c) => c.name), ...ctx.groups.map((g) => g.name)].join(', ');
  throw new UsageError(`unknown command "${name}" (known: ${known})`);
}

/** `polyvm help [command | group [command]]`. */
async function help(topic: readonly string[], ctx: CliContext, io: CliIO): Promise<number> {
  const [name, ...rest] = topic;
  if (name === undefined) {
    io.out(renderHelp(ctx, BUILTINS));
    return 0;
  }
  const builtin = BUILTINS.find((c) => c.name === name);
  if (builtin && rest.length === 0) {
    io.out(renderBuiltinHelp(builtin, ctx));
    return 0;
  }
  const group = ctx.groups.find((g) => g.name === name);
  if (group) return runGroup(group, rest.length === 0 ? ['--help'] : [...rest, '--help'], io);
  throw new UsageError(`no help for "${topic.join(' ')}"`, 'help [command | group [command]]');
}
