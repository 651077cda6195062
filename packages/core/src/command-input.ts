import { readFileSync, statSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { InvalidArgumentError, PolyvmError } from './errors.js';

/**
 * Input handling shared by the runtimes' command groups, so every `polyvm <vm> <command>` treats a
 * bad command line the same way: one `InvalidArgumentError` with a one-line message, which the CLI
 * prints as a usage error (exit 2). Nothing here lets a Node error with a stack reach the user.
 */

type Options = NonNullable<ParseArgsConfig['options']>;

/** The parsed flags: strings, booleans, or arrays of them for `multiple` options. */
export type CommandLineValues<O extends Options> = {
  [K in keyof O]?: O[K] extends { type: 'boolean' }
    ? O[K] extends { multiple: true }
      ? boolean[]
      : boolean
    : O[K] extends { multiple: true }
      ? string[]
      : string;
};

export interface CommandLine<O extends Options> {
  values: CommandLineValues<O>;
  positionals: string[];
}

/**
 * `node:util` parseArgs in strict mode with two fixes: a value flag takes the next argument even
 * when it starts with one dash (`--gas -1` reaches the number check instead of "ambiguous"), and
 * Node's parse errors become `InvalidArgumentError`s with the first sentence of Node's message.
 */
export function parseCommandLine<O extends Options>(args: readonly string[], options: O): CommandLine<O> {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : undefined;
    const next = args[i + 1];
    if (name && options[name]?.type === 'string' && next !== undefined && /^-[^-]/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  try {
    const { values, positionals } = parseArgs({
      args: joined,
      options,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as CommandLineValues<O>, positionals };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) throw err;
    const message = (err as Error).message.split('. ')[0]!.replace(/\.$/, '');
    const known = Object.keys(options)
      .map((o) => `--${o}`)
      .join(', ');
    throw new InvalidArgumentError(
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? `${message} (accepted: ${known || 'none'})` : message,
    );
  }
}

/**
 * A non-negative integer flag: decimal digits or `0x` hex, at most `max`. `fallback` when absent.
 * Negative, fractional or exponent forms are refused so a typo never becomes a different limit.
 */
export function integerOption(
  value: string | undefined,
  flag: string,
  fallback: bigint,
  max: bigint = 2n ** 64n - 1n,
): bigint {
  if (value === undefined) return fallback;
  if (!/^(\d+|0x[0-9a-fA-F]+)$/.test(value)) {
    throw new InvalidArgumentError(`--${flag} must be a non-negative integer, got "${value}"`);
  }
  const n = BigInt(value);
  if (n > max) throw new InvalidArgumentError(`--${flag} must be at most ${max}, got ${value}`);
  return n;
}

/** A flag that takes one of a fixed set of words; anything else is refused, never defaulted. */
export function choiceOption<const C extends string>(
  value: string | undefined,
  flag: string,
  choices: readonly C[],
  fallback: C,
): C {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`--${flag} must be one of ${choices.join(', ')}, got "${value}"`);
  }
  return value as C;
}

/** Hex bytes from a flag, with or without `0x`; odd length or other characters are refused. */
export function hexOption(value: string | undefined, flag: string): Uint8Array {
  if (value === undefined) return new Uint8Array(0);
  const digits = value.startsWith('0x') || value.startsWith('0X') ? value.slice(2) : value;
  if (!/^([0-9a-fA-F]{2})*$/.test(digits)) {
    throw new InvalidArgumentError(`--${flag} must be hex bytes (e.g. 0x01ff), got "${value}"`);
  }
  return Uint8Array.from(Buffer.from(digits, 'hex'));
}

/**
 * Reads a file named on the command line. A missing, unreadable or empty file, or a folder, is an
 * `InvalidArgumentError` naming the path and the reason, not Node's ENOENT with a stack.
 */
export function readInputFile(path: string, what = 'file'): Uint8Array {
  let bytes: Uint8Array;
  try {
    if (statSync(path).isDirectory()) throw new InvalidArgumentError(`${what} "${path}" is a directory`);
    bytes = new Uint8Array(readFileSync(path));
  } catch (err) {
    if (err instanceof InvalidArgumentError) throw err;
    throw new InvalidArgumentError(`cannot read ${what} "${path}": ${fsReason(err)}`, { cause: err });
  }
  if (bytes.length === 0) throw new InvalidArgumentError(`${what} "${path}" is empty`);
  return bytes;
}

/**
 * Whether a path named on the command line is a folder (else a file). A missing or unreadable path is
 * an `InvalidArgumentError` worded like `readInputFile`'s: `cannot read [what ]"path": reason`.
 */
export function isDirectoryInput(path: string, what?: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch (err) {
    const label = what === undefined ? '' : `${what} `;
    throw new InvalidArgumentError(`cannot read ${label}"${path}": ${fsReason(err)}`, { cause: err });
  }
}

/** Checks that a path names an existing folder. */
export function requireDirectory(path: string, what = 'folder'): void {
  if (!isDirectoryInput(path, what)) throw new InvalidArgumentError(`${what} "${path}" is not a directory`);
}

function fsReason(err: unknown): string {
  switch ((err as { code?: string }).code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a parent of it is not a directory';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/**
 * Runs a parser of user-supplied text or bytes (assembly, `.wat`, hex) and turns its decode or
 * validation error into an `InvalidArgumentError` prefixed with `what`: a typo in the user's source
 * is a bad command line (exit 2), not a runtime failure.
 */
export function parseUserInput<T>(what: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (
      err instanceof PolyvmError &&
      (err.code === 'DECODE' || err.code === 'VALIDATION' || err.code === 'INVALID_ARGUMENT')
    ) {
      throw new InvalidArgumentError(`${what}: ${err.message}`, { cause: err });
    }
    throw err;
  }
}

/** Exactly the named positional arguments: a missing one or an extra one is named in the error. */
export function expectPositionals<const N extends readonly string[]>(
  positionals: readonly string[],
  names: N,
): { [K in keyof N]: string } {
  if (positionals.length < names.length)
    throw new InvalidArgumentError(`missing <${names[positionals.length]}>`);
  if (positionals.length > names.length) {
    throw new InvalidArgumentError(`unexpected argument "${positionals[names.length]}"`);
  }
  return [...positionals] as { [K in keyof N]: string };
}
