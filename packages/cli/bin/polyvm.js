#!/usr/bin/env node
// The `polyvm` executable. In a checkout of the monorepo it first makes sure dist/ is not older
// than the sources of the CLI and of every workspace package it depends on, rebuilding them with
// esbuild when it is (a stale build is never used silently). Installed from the registry, where no
// workspace surrounds it, it runs dist/ as is.
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
    // esbuild in this process: about a second for every package, where a turbo run spawning one
    // pnpm per package took several.
    const { buildPackage } = await import(pathToFileURL(join(root, 'scripts', 'build-js.mjs')).href);
    try {
      await Promise.all(stale.map(buildPackage));
    } catch {
      process.stderr.write('polyvm: the build failed (run `pnpm build` to see why)\n');
      process.exit(1);
    }
    // Mark each build current by its index.js, which the staleness check reads, even where the
    // rebuild wrote identical bytes or the change was outside index.js's import graph.
    const now = new Date();
    for (const dir of stale) utimesSync(join(dir, 'dist', 'index.js'), now, now);
  }
}

await import(pathToFileURL(join(cliDir, 'dist', 'main.js')).href);
