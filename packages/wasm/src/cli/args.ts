import { statSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `parseArgs` that reports an unknown option or a missing value as a message instead of throwing. */
export function parseCommandArgs<T extends Options>(
  args: string[],
  options: T,
): { positionals: string[]; values: Record<string, string | boolean | string[] | undefined> } | string {
  try {
    return parseArgs({ args, allowPositionals: true, options, strict: true });
  } catch (err) {
    return (err as Error).message;
  }
}

/** A problem with a path argument: missing, or not the kind expected. */
export function pathProblem(path: string, kind: 'file' | 'directory'): string | undefined {
  try {
    const stat = statSync(path);
    if (kind === 'file' && !stat.isFile()) return `${path} is not a file`;
    if (kind === 'directory' && !stat.isDirectory()) return `${path} is not a directory`;
    return undefined;
  } catch {
    return `no such ${kind}: ${path}`;
  }
}

/** Checks the options `run` and `trace` share: the profile name and a gas limit that is a u64. */
export function runOptionsProblem(values: Record<string, unknown>): string | undefined {
  if (values.profile !== 'near' && values.profile !== 'cosmwasm') {
    return `--profile must be near or cosmwasm, got ${String(values.profile)}`;
  }
  const gas = values.gas;
  if (gas !== undefined && (typeof gas !== 'string' || !/^\d+$/.test(gas) || BigInt(gas) >= 2n ** 64n)) {
    return `--gas must be a non-negative integer, got ${String(gas)}`;
  }
  const hex = values['args-hex'];
  if (hex !== undefined && (typeof hex !== 'string' || !/^(0x)?([0-9a-fA-F]{2})*$/.test(hex))) {
    return `--args-hex must be hex bytes, got ${String(hex)}`;
  }
  return undefined;
}

/** Prints the problem and the usage line; the exit code of a usage error. */
export function usageError(io: { err(text: string): void }, usage: string, problem?: string): number {
  if (problem) io.err(`polyvm wasm: ${problem}\n`);
  io.err(`usage: polyvm wasm ${usage}\n`);
  return 2;
}
