import { UsageError } from './usage-error.js';

/** Which flags a command accepts: `value` flags take an argument, `switch` flags do not. */
export interface FlagSpec {
  value?: readonly string[];
  switch?: readonly string[];
}

export interface ParsedArgs {
  positionals: string[];
  /** Flag name (without `--`) to its value; switches map to `true`. */
  flags: Map<string, string | true>;
}

/**
 * A small strict parser: `--name value`, `--name=value`, `--switch`, and `--` to end flags. An
 * unknown flag, a repeated flag or a value flag without a value is a usage error: a typo must
 * never be silently ignored.
 */
export function parseArgs(argv: readonly string[], spec: FlagSpec, usage?: string): ParsedArgs {
  const valueFlags = new Set(spec.value ?? []);
  const switchFlags = new Set(spec.switch ?? []);
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (flags.has(name)) throw new UsageError(`--${name} is given twice`, usage);
    if (switchFlags.has(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`, usage);
      flags.set(name, true);
    } else if (valueFlags.has(name)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '' || (eq === -1 && value.startsWith('--'))) {
        throw new UsageError(`--${name} needs a value`, usage);
      }
      flags.set(name, value);
    } else {
      const known = [...valueFlags, ...switchFlags].map((f) => `--${f}`).join(', ') || 'none';
      throw new UsageError(`unknown flag --${name} (accepted: ${known})`, usage);
    }
  }
  return { positionals, flags };
}

/** A value flag as a string, or `fallback` when absent. */
export function stringFlag(args: ParsedArgs, name: string, fallback: string): string {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : fallback;
}

/** A value flag as an integer in `[min, max]`; decimal digits only, so `1e3` or `0x10` are refused. */
export function integerFlag(
  args: ParsedArgs,
  name: string,
  fallback: number,
  range: { min: number; max: number },
  usage?: string,
): number {
  const value = args.flags.get(name);
  if (typeof value !== 'string') return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < range.min || n > range.max) {
    throw new UsageError(
      `--${name} must be an integer from ${range.min} to ${range.max}, got "${value}"`,
      usage,
    );
  }
  return n;
}

/** A comma-separated list flag (`--runtimes evm,wasm`), or undefined when absent. */
export function listFlag(args: ParsedArgs, name: string, usage?: string): string[] | undefined {
  const value = args.flags.get(name);
  if (typeof value !== 'string') return undefined;
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new UsageError(`--${name} has an empty item: "${value}"`, usage);
  const repeated = items.find((s, i) => items.indexOf(s) !== i);
  if (repeated !== undefined) throw new UsageError(`--${name} names "${repeated}" twice`, usage);
  return items;
}

export function switchFlag(args: ParsedArgs, name: string): boolean {
  return args.flags.get(name) === true;
}

/** Checks the positional count, naming what is missing or extra. */
export function expectPositionals(args: ParsedArgs, names: readonly string[], usage: string): string[] {
  if (args.positionals.length < names.length) {
    throw new UsageError(`missing <${names[args.positionals.length]}>`, usage);
  }
  if (args.positionals.length > names.length) {
    throw new UsageError(`unexpected argument "${args.positionals[names.length]}"`, usage);
  }
  return args.positionals;
}
