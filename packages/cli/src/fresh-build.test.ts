import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// The launcher is plain JavaScript (it runs before anything is built).
import { isStale, workspaceRoot } from '../bin/fresh-build.js';

function pkg(): string {
  const dir = mkdtempSync(join(tmpdir(), 'polyvm-fresh-'));
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'package.json'), '{}');
  writeFileSync(join(dir, 'src', 'a.ts'), '');
  writeFileSync(join(dir, 'src', 'a.test.ts'), '');
  writeFileSync(join(dir, 'dist', 'index.js'), '');
  return dir;
}

const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

describe('the launcher rebuilds only stale packages', () => {
  it('is stale when dist is missing or older than a source, not when only a test changed', () => {
    const dir = pkg();
    for (const f of ['package.json', 'src/a.ts', 'src/a.test.ts']) at(join(dir, f), 1000);
    at(join(dir, 'dist', 'index.js'), 2000);
    expect(isStale(dir)).toBe(false);
    at(join(dir, 'src', 'a.test.ts'), 3000);
    expect(isStale(dir)).toBe(false);
    at(join(dir, 'src', 'a.ts'), 3000);
    expect(isStale(dir)).toBe(true);
    expect(isStale(mkdtempSync(join(tmpdir(), 'polyvm-empty-')))).toBe(true);
  });

  it('finds the checkout root, and none outside a checkout', () => {
    expect(workspaceRoot(import.meta.dirname)).toBe(join(import.meta.dirname, '../../..'));
    expect(workspaceRoot(tmpdir())).toBeUndefined();
  });
});
