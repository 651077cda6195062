import type { CommandIO } from '@polyvm/core';

/**
 * Where the CLI writes. `out` and `err` print whole lines (a missing trailing newline is added), so
 * commands written against core's `CommandIO` work whether or not they end their text with one.
 * `errRaw` writes as-is: the progress bar redraws a line in place through it.
 */
export interface CliIO extends CommandIO {
  errRaw(text: string): void;
  /** Whether stderr is a terminal; progress redraws in place only then. */
  errIsTTY: boolean;
  /** Terminal width for the progress bar. */
  errColumns: number;
}

const FALLBACK_COLUMNS = 80;

export function asLine(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** The process's real stdout/stderr. */
export function processIO(): CliIO {
  return {
    out: (text) => process.stdout.write(asLine(text)),
    err: (text) => process.stderr.write(asLine(text)),
    errRaw: (text) => process.stderr.write(text),
    errIsTTY: process.stderr.isTTY === true,
    errColumns: process.stderr.columns || FALLBACK_COLUMNS,
  };
}
