import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIXTURES_ENV, fixturesOrWarn, locateFixtures } from './fixtures.js';

describe('fixtures', () => {
  const saved = process.env[FIXTURES_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[FIXTURES_ENV];
    else process.env[FIXTURES_ENV] = saved;
    vi.restoreAllMocks();
  });

  it('honours the environment variable', () => {
    const root = mkdtempSync(join(tmpdir(), 'polyvm-fx-'));
    mkdirSync(join(root, 'wasm'));
    process.env[FIXTURES_ENV] = root;
    expect(locateFixtures('wasm').dir).toBe(join(root, 'wasm'));
  });

  it('warns loudly and returns undefined when the folder is missing', () => {
    process.env[FIXTURES_ENV] = join(tmpdir(), 'polyvm-definitely-missing');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(fixturesOrWarn('svm', 'sBPF conformance')).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/SKIPPING sBPF conformance: fixtures not found/));
  });

  it('defaults to ../shared/fixtures beside the repository root', () => {
    delete process.env[FIXTURES_ENV];
    expect(locateFixtures('wasm').searched).toMatch(/shared[/\\]fixtures[/\\]wasm$/);
  });
});
