import { execFileSync } from 'node:child_process';

export interface GitState {
  /** Full commit hash, or null outside a git checkout. */
  commit: string | null;
  /** Whether tracked or untracked files differ from the commit; null when unknown. */
  dirty: boolean | null;
}

function git(args: string[], cwd: string): string | null {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** The commit the measured code comes from and whether the working tree had local changes. */
export function gitState(cwd: string = process.cwd()): GitState {
  const commit = git(['rev-parse', 'HEAD'], cwd);
  if (commit === null) return { commit: null, dirty: null };
  const status = git(['status', '--porcelain'], cwd);
  return { commit, dirty: status === null ? null : status.length > 0 };
}
