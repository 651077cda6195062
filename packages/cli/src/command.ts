import type { CliContext } from './context.js';
import type { CliIO } from './io.js';

/** A built-in `polyvm` command. Unlike a runtime's `Command` it sees the whole CLI context. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** More help after the usage line, e.g. the names the arguments accept in this context. */
  details?(ctx: CliContext): string;
  /** Returns the exit code; throws `UsageError` for a bad command line. */
  run(args: readonly string[], io: CliIO, ctx: CliContext): Promise<number>;
}
