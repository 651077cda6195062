#!/usr/bin/env node
// The `polyvm` executable. In a checkout of the monorepo it first makes sure dist/ is not older
// than the sources of the CLI and of every workspace package it depends on, rebuilding them with
// turbo when it is (a stale build is never used silently). Installed from the registry, where no
// workspace surrounds it, it runs dist/ as is.
import { spawnSync } from 'node:child_process';
import { readFileSync, realpathSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isStale, workspaceClosure, workspaceRoot } from './fresh-build.js';

const cliDir = dirname(dirname(realpathSync(fileURLToPath(import.meta.url))));

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
