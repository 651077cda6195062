import type { CommandGroup } from '@polyvm/core';
import type { CliCommand } from '../command.js';
import type { CliContext } from '../context.js';
import { alignColumns } from '../text-table.js';

/** `--help` or `-h`, accepted after any command. */
export const isHelpFlag = (arg: string | undefined): boolean => arg === '--help' || arg === '-h';

export function renderHelp(ctx: CliContext, builtins: readonly CliCommand[]): string {
  const lines = [
    `polyvm ${ctx.version}: run the same contract logic on EVM, WASM, Move and sBPF runtimes and compare them.`,
    '',
    'usage: polyvm <command> [arguments]',
    '       polyvm <group> <command> [arguments]',
    '',
    'commands:',
    indent(alignColumns(builtins.map((c) => [c.name, c.summary]))),
    '',
  ];
  if (ctx.groups.length > 0) {
    lines.push('runtime command groups (polyvm <group> --help lists their commands):');
    lines.push(indent(alignColumns(ctx.groups.map((g) => [g.name, g.summary]))));
    lines.push('');
  }
  lines.push(
    'options: --help (also after any command), --version',
    'exit status: 0 success, 1 failure (a disagreement, a runtime error), 2 bad command line',
  );
  return lines.join('\n');
}

export function renderCommandHelp(command: Pick<CliCommand, 'summary' | 'usage'>, prefix = 'polyvm'): string {
  return `usage: ${prefix} ${command.usage}\n\n${command.summary}`;
}

/** A built-in command's help: usage, summary, then what its arguments accept here. */
export function renderBuiltinHelp(command: CliCommand, ctx: CliContext): string {
  const details = command.details?.(ctx);
  return details ? `${renderCommandHelp(command)}\n\n${details}` : renderCommandHelp(command);
}

/** The names `compare` and `trace` accept, from the context. */
export function namesHelp(ctx: CliContext): string {
  const runtimes = ctx.registry.list().map((i) => i.name);
  return [
    `runtimes:  ${runtimes.join(', ') || '(none registered)'}`,
    `workloads: ${ctx.catalog.specs.map((s) => s.name).join(', ')}`,
  ].join('\n');
}

export function renderGroupHelp(group: CommandGroup): string {
  return [
    `polyvm ${group.name}: ${group.summary}`,
    '',
    'commands:',
    indent(alignColumns(group.commands.map((c) => [`polyvm ${group.name} ${c.usage}`, c.summary]))),
  ].join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
