import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The environment variable that points tests at the shared conformance fixtures. */
export const FIXTURES_ENV = 'POLYVM_FIXTURES';

export interface FixturesLocation {
  /** Absolute path of the requested fixture folder, when it exists. */
  dir: string | undefined;
  /** Where we looked, for the skip message. */
  searched: string;
}

/**
 * Finds `<fixtures>/<sub>`, where `<fixtures>` is `$POLYVM_FIXTURES` or `../shared/fixtures` next to
 * the repository root (the folder holding pnpm-workspace.yaml, found upward from `from`).
 */
export function locateFixtures(sub: string, from: string = process.cwd()): FixturesLocation {
  const env = process.env[FIXTURES_ENV];
  const root = env ? resolve(env) : resolve(findRepoRoot(from), '..', 'shared', 'fixtures');
  const searched = join(root, sub);
  return { dir: existsSync(searched) ? searched : undefined, searched };
}

/**
 * For test files: returns the folder, or prints a loud warning naming what is skipped and why.
 * Use with `describe.skipIf(!dir)` so a missing fixture set shows up as skipped, never as passed.
 */
export function fixturesOrWarn(sub: string, what: string, from?: string): string | undefined {
  const { dir, searched } = locateFixtures(sub, from);
  if (!dir) {
    console.warn(
      `\n!!! SKIPPING ${what}: fixtures not found at ${searched}\n!!! set ${FIXTURES_ENV} to the shared fixtures folder to run them.\n`,
    );
  }
  return dir;
}

function findRepoRoot(from: string): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(from);
    dir = parent;
  }
}
