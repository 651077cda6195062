import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { WasmProfile } from '../profile.js';
import {
  addTally,
  emptyTally,
  runSpecScript,
  type SpecMode,
  type SpecReport,
  type SpecTally,
} from './runner.js';

export interface SuiteReport {
  mode: SpecMode;
  files: number;
  total: SpecTally;
  byCommand: Record<string, SpecTally>;
  failures: string[];
}

/** Runs every `*.json` script in `dir` (or just `files`) and sums the tallies. */
export function runSpecSuite(
  dir: string,
  mode: SpecMode,
  files?: readonly string[],
  profile?: WasmProfile,
): SuiteReport {
  const names =
    files ??
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  const report: SuiteReport = { mode, files: names.length, total: emptyTally(), byCommand: {}, failures: [] };
  for (const name of names) {
    const r: SpecReport = runSpecScript(join(dir, name), mode, profile);
    addTally(report.total, r.total);
    for (const [cmd, tally] of Object.entries(r.byCommand))
      addTally((report.byCommand[cmd] ??= emptyTally()), tally);
    report.failures.push(...r.failures);
  }
  return report;
}

export function formatSuite(report: SuiteReport): string {
  const lines = [
    `spec suite (${report.mode}): ${report.files} scripts, ${report.total.passed} passed, ${report.total.failed} failed, ${report.total.skipped} skipped`,
  ];
  for (const [cmd, t] of Object.entries(report.byCommand).sort()) {
    lines.push(
      `  ${cmd.padEnd(22)} ${String(t.passed).padStart(6)} passed ${String(t.failed).padStart(4)} failed ${String(t.skipped).padStart(4)} skipped`,
    );
  }
  return lines.join('\n');
}
