/**
 * How a runtime package contributes sub-commands to the `polyvm` CLI without the CLI knowing its
 * internals: `polyvm <group> <command> [args]`, e.g. `polyvm evm statetest fixtures/`.
 */
export interface CommandIO {
  /** Standard output (results, reports). */
  out(text: string): void;
  /** Standard error (progress, diagnostics). */
  err(text: string): void;
}

export interface Command {
  name: string;
  summary: string;
  /** One usage line, e.g. `statetest <file-or-dir>... [--fork Cancun]`. */
  usage: string;
  /** Returns the process exit code. Arguments are what follows the command name. */
  run(args: string[], io: CommandIO): Promise<number>;
}

export interface CommandGroup {
  name: string;
  summary: string;
  commands: Command[];
}
