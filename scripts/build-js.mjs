#!/usr/bin/env node
// Emits a package's dist/ JavaScript with esbuild: each src/**/*.ts (tests and .d.ts excepted) to
// the same path under dist/ as .js with a source map, no bundling, so the output mirrors
// `tsc -p tsconfig.build.json` (whose module specifiers already end in .js). It only transpiles:
// type checking stays in each package's `typecheck` task (`tsc --noEmit`) and declarations come
// from the `build:types` task. Run from the package folder, or import `buildPackage` (the CLI's
// launcher does, to rebuild stale packages in its own process).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    const isSource = e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts');
    return isSource ? [path] : [];
  });
}

/** Transpiles `dir`/src to `dir`/dist; rejects (after esbuild has printed the errors) on bad syntax. */
export async function buildPackage(dir) {
  await build({
    entryPoints: sources(join(dir, 'src')),
    outdir: join(dir, 'dist'),
    outbase: join(dir, 'src'),
    format: 'esm',
    platform: 'node',
    // The same language level as tsconfig.base.json's "target".
    target: 'es2022',
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildPackage(process.cwd());
}
