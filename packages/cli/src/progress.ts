import type { CliIO } from './io.js';

/**
 * A progress bar on stderr. On a terminal it redraws one line in place (`\r` + erase-line); when
 * stderr is a file or a pipe (CI logs) it prints one plain line per finished item instead, so logs
 * stay readable and nothing is written per sample.
 */
export interface Progress {
  /** An item starts: on a terminal, shows its label next to the bar. */
  begin(label: string): void;
  /** The current item is done; `note` (e.g. its median time) follows its label. */
  end(note?: string): void;
  /** Leaves a final summary line. */
  finish(): void;
}

const ERASE_LINE = '\r\u001b[2K';
const BAR_WIDTH = 24;

export function createProgress(io: CliIO, title: string, total: number): Progress {
  let done = 0;
  let label = '';
  const width = String(total).length;
  const count = () => `${String(done).padStart(width)}/${total}`;
  const redraw = () => {
    const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    const line = `${title} ${bar} ${count()} ${label}`;
    io.errRaw(`${ERASE_LINE}${fit(line, io.errColumns - 1)}`);
  };
  if (io.errIsTTY) redraw();
  return {
    begin(next) {
      label = next;
      if (io.errIsTTY) redraw();
    },
    end(note) {
      done++;
      if (io.errIsTTY) redraw();
      else io.err(`${title} ${count()} ${label}${note ? ` ${note}` : ''}`);
    },
    finish() {
      if (io.errIsTTY) io.errRaw(`${ERASE_LINE}${title}: ${count()} done\n`);
    },
  };
}

/** Cuts a line to the terminal width so a redraw never wraps (a wrapped line cannot be erased). */
function fit(line: string, columns: number): string {
  const max = Math.max(columns, 10);
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
