// Which workspace packages need a rebuild before the CLI runs from a checkout: the ones whose
// dist/index.js is missing or older than a build input (src/ without tests, package.json).
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding pnpm-workspace.yaml above `dir`, or undefined outside a checkout. */
export function workspaceRoot(dir) {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'pnpm-workspace.yaml')) && existsSync(join(d, 'turbo.json'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/** The package folder and the folders of its `workspace:` dependencies, transitively. */
export function workspaceClosure(dir, seen = new Set()) {
  if (seen.has(dir)) return seen;
  seen.add(dir);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
    if (!String(range).startsWith('workspace:')) continue;
    workspaceClosure(realpathSync(join(dir, 'node_modules', name)), seen);
  }
  return seen;
}

/** Newest modification time of the build inputs under `path` (tests excepted), 0 when none. */
function newest(path) {
  if (!existsSync(path) || path.endsWith('.test.ts')) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

/** A package's build is stale when dist/index.js is missing or older than a build input. */
export function isStale(dir) {
  const built = join(dir, 'dist', 'index.js');
  if (!existsSync(built)) return true;
  const inputs = ['src', 'package.json'].map((p) => newest(join(dir, p)));
  return Math.max(...inputs) > statSync(built).mtimeMs;
}
