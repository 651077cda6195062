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

/**
 * The process's real stdout/stderr. A reader that closes the pipe early (`polyvm trace … | head`)
 * is its own choice, not a failure: once stdout reports EPIPE, further output is dropped instead of
 * crashing the process with an unhandled stream error.
 */
export function processIO(): CliIO {
  let stdoutClosed = false;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    stdoutClosed = true;
  });
  return {
    out: (text) => {
      if (!stdoutClosed) process.stdout.write(asLine(text));
    },
    err: (text) => process.stderr.write(asLine(text)),
    errRaw: (text) => process.stderr.write(text),
    errIsTTY: process.stderr.isTTY === true,
    errColumns: process.stderr.columns || FALLBACK_COLUMNS,
  };
}

/** An in-memory IO, for embedding the CLI and for tests: everything written is kept as text. */
export function memoryIO(options: { tty?: boolean; columns?: number } = {}): CliIO & {
  stdout: () => string;
  stderr: () => string;
} {
  let stdout = '';
  let stderr = '';
  return {
    out: (text) => {
      stdout += asLine(text);
    },
    err: (text) => {
      stderr += asLine(text);
    },
    errRaw: (text) => {
      stderr += text;
    },
    errIsTTY: options.tty ?? false,
    errColumns: options.columns ?? FALLBACK_COLUMNS,
    stdout: () => stdout,
    stderr: () => stderr,
  };
}
