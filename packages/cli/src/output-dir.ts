import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from './usage-error.js';

/**
 * Makes sure `--out` names a folder the report can be written to, BEFORE any measuring: it exists
 * or is created (one level at a time: Node's recursive mkdir loops forever under /proc), and a
 * probe file can be created in it. Any failure is a usage error naming the folder and the reason.
 */
export function prepareOutputDir(path: string, usage: string, flag = '--out'): string {
  const dir = resolve(path);
  const missing: string[] = [];
  let existing = dir;
  for (;;) {
    const stat = statOrUndefined(existing);
    if (stat) {
      if (!stat.isDirectory()) {
        throw new UsageError(`${flag} ${path}: ${existing} is a file, not a folder`, usage);
      }
      break;
    }
    const parent = dirname(existing);
    if (parent === existing) break;
    missing.unshift(existing);
    existing = parent;
  }
  try {
    for (const folder of missing) mkdirSync(folder);
    const probe = join(dir, `.polyvm-write-test-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (err) {
    const code = (err as { code?: string }).code ?? (err as Error).message;
    throw new UsageError(`${flag} ${path}: cannot write there (${code})`, usage);
  }
  return dir;
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
