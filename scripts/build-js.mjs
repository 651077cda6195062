#!/usr/bin/env node
// Emits a package's dist/ JavaScript with esbuild: each src/**/*.ts (tests and .d.ts excepted) to
// the same path under dist/ as .js with a source map, no bundling, so the output mirrors
// `tsc -p tsconfig.build.json` (whose module specifiers already end in .js). It only transpiles:
// type checking stays in each package's `typecheck` task (`tsc --noEmit`) and declarations come
// from the `build:types` task. Run from the package folder.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    const isSource = e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts');
    return isSource ? [path] : [];
  });
}

await build({
  entryPoints: sources('src'),
  outdir: 'dist',
  outbase: 'src',
  format: 'esm',
  platform: 'node',
  // The same language level as tsconfig.base.json's "target".
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
});
