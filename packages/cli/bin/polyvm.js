#!/usr/bin/env node
// The `polyvm` executable. In a checkout of the monorepo it first makes sure dist/ is not older
// than the sources of the CLI and of every workspace package it depends on, rebuilding them with
// turbo when it is (a stale build is never used silently). Installed from the registry, where no
// workspace surrounds it, it runs dist/ as is.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cliDir = dirname(dirname(realpathSync(fileURLToPath(import.meta.url))));

/** The folder holding pnpm-workspace.yaml above `dir`, or undefined outside a checkout. */
function workspaceRoot(dir) {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'pnpm-workspace.yaml')) && existsSync(join(d, 'turbo.json'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/** The package folder and the folders of its `workspace:` dependencies, transitively. */
function workspaceClosure(dir, seen = new Set()) {
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
function isStale(dir) {
  const built = join(dir, 'dist', 'index.js');
  if (!existsSync(built)) return true;
  const inputs = ['src', 'package.json'].map((p) => newest(join(dir, p)));
  return Math.max(...inputs) > statSync(built).mtimeMs;
}

const root = workspaceRoot(cliDir);
if (root !== undefined) {
  const stale = [...workspaceClosure(cliDir)].filter(isStale);
  if (stale.length > 0) {
    const names = stale.map((d) => JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')).name);
    process.stderr.write(`polyvm: sources changed in ${names.join(', ')}; rebuilding…\n`);
    const turbo = spawnSync(
      'pnpm',
      ['exec', 'turbo', 'run', 'build', '--filter=polyvm...', '--output-logs=errors-only'],
      {
        cwd: root,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
      },
    );
    if (turbo.status !== 0) {
      process.stderr.write('polyvm: the build failed (run `pnpm build` to see why)\n');
      process.exit(1);
    }
    // A cache hit may leave dist/ untouched (a source was saved without a change): mark it current.
    const now = new Date();
    for (const dir of stale) utimesSync(join(dir, 'dist', 'index.js'), now, now);
  }
}

await import(pathToFileURL(join(cliDir, 'dist', 'main.js')).href);
