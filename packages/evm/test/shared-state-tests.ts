import { relative } from 'node:path';
import { fixturesOrWarn } from '@polyvm/core';
import { afterAll, describe, expect, it } from 'vitest';
import { collectFiles, runFile } from '../src/statetest/runner.js';

/**
 * The ethereum/tests GeneralStateTests in the shared fixtures, one vitest test per file (so a timeout
 * or failure names its file), split into `of` shards that run as separate test files: vitest runs
 * test files in parallel, so two shards use CI's two cores.
 */
/**
 * Per-file limit: VMTests/vmPerformance/loopMul (2^63 gas, three 256-bit MUL loops) takes ~130 s on a
 * loaded 2-core machine; every other file takes under 5 s.
 */
const FILE_TIMEOUT_MS = 300_000;

/**
 * Files that pass but take minutes: on CI (`CI` set) they are skipped, loudly, to keep CI inside its
 * time budget; `POLYVM_SLOW_FIXTURES=1` runs them there too. Locally they always run. loopMul took
 * 131 s alone and 504 s beside other test tasks on a loaded 2-core machine (a synchronous case, so the
 * vitest timeout cannot cut it short).
 */
const SLOW_FILES = new Set(['GeneralStateTests/VMTests/vmPerformance/loopMul.json']);
const skipSlow = Boolean(process.env.CI) && process.env.POLYVM_SLOW_FIXTURES !== '1';

export function sharedStateTests(shard: number, of: number): void {
  const dir = fixturesOrWarn('evm', 'ethereum/tests GeneralStateTests (Cancun)');
  const all = dir ? collectFiles([dir]).filter((_, i) => i % of === shard) : [];
  const isSlow = (file: string) => skipSlow && SLOW_FILES.has(relative(dir!, file).replaceAll('\\', '/'));
  const files = all.filter((file) => !isSlow(file));
  for (const file of all.filter(isSlow)) {
    console.warn(
      `!!! SKIPPING slow state test ${relative(dir!, file)} on CI (set POLYVM_SLOW_FIXTURES=1 to run it)`,
    );
  }
  describe.skipIf(!dir)(`GeneralStateTests shard ${shard + 1}/${of}: ${files.length} files`, () => {
    let passed = 0;
    let total = 0;
    afterAll(() => {
      console.log(
        `shared state tests, shard ${shard + 1}/${of}: ${passed}/${total} Cancun entries passed in ${files.length} files`,
      );
    });
    it.each(files.map((file) => [relative(dir!, file), file]))(
      '%s',
      (_name, file) => {
        const results = runFile(file!, 'Cancun');
        const failed = results.filter((r) => !r.pass);
        total += results.length;
        passed += results.length - failed.length;
        expect(failed.map((f) => `${f.test} ${JSON.stringify(f.index)}: ${f.message}`)).toEqual([]);
      },
      FILE_TIMEOUT_MS,
    );
    it('ran Cancun entries', () => {
      expect(files.length).toBeGreaterThan(0);
      expect(total).toBeGreaterThan(0);
    });
  });
}
