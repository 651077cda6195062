import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StateTestFile } from './format.js';
import { collectFiles, quantity, runCase, runFile } from './runner.js';

const REPO_FIXTURES = join(import.meta.dirname, '../../test/fixtures/state');

describe('state-test runner on the repository fixtures', () => {
  const files = collectFiles([REPO_FIXTURES]);
  it('passes every post entry', () => {
    const results = files.flatMap((file) => runFile(file, 'Cancun'));
    const failed = results.filter((r) => !r.pass);
    console.log(
      `repo state tests: ${results.length - failed.length}/${results.length} passed in ${files.length} files`,
    );
    expect(failed).toEqual([]);
    expect(results.length).toBe(18);
  });

  it('fails when the expected root is wrong', () => {
    const parsed = JSON.parse(
      readFileSync(join(REPO_FIXTURES, 'valueTransfer.json'), 'utf8'),
    ) as StateTestFile;
    const test = parsed.valueTransfer!;
    const entry = { ...test.post.Cancun![0]!, hash: `0x${'11'.repeat(32)}` };
    expect(runCase(test, entry)).toMatchObject({ pass: false, message: expect.stringMatching(/state root/) });
  });

  it('fails when an expected exception does not happen, or an unexpected one does', () => {
    const parsed = JSON.parse(
      readFileSync(join(REPO_FIXTURES, 'valueTransfer.json'), 'utf8'),
    ) as StateTestFile;
    const test = parsed.valueTransfer!;
    const [valid, , , invalid] = test.post.Cancun!;
    expect(runCase(test, { ...valid!, expectException: 'TR_Anything' }).pass).toBe(false);
    const { expectException: _, ...noException } = invalid!;
    expect(runCase(test, noException)).toMatchObject({
      pass: false,
      message: expect.stringMatching(/intrinsic gas/),
    });
  });

  it('fails when the transaction is invalid for another reason than the expected one', () => {
    const parsed = JSON.parse(
      readFileSync(join(REPO_FIXTURES, 'valueTransfer.json'), 'utf8'),
    ) as StateTestFile;
    const test = parsed.valueTransfer!;
    const invalid = test.post.Cancun![3]!; // an intrinsic-gas failure
    expect(runCase(test, invalid).pass).toBe(true);
    const relabelled = { ...invalid, expectException: 'TransactionException.NONCE_IS_MAX' };
    expect(runCase(test, relabelled)).toMatchObject({
      pass: false,
      message: expect.stringMatching(/expected exception .*NONCE_IS_MAX, got INTRINSIC_GAS_TOO_LOW/),
    });
    const alternatives =
      'TransactionException.INSUFFICIENT_ACCOUNT_FUNDS|TransactionException.INTRINSIC_GAS_TOO_LOW';
    expect(runCase(test, { ...invalid, expectException: alternatives }).pass).toBe(true);
    expect(runCase(test, { ...invalid, expectException: 'TR_NoFunds' }).pass).toBe(false);
  });

  it("reads retesteth's 0x:bigint quantities", () => {
    expect(quantity('0x:bigint 0x10000000000000000000000000000000000000000000000000000000000000001')).toBe(
      (1n << 256n) + 1n,
    );
    expect(quantity('0x0a')).toBe(10n);
    expect(quantity('')).toBe(0n);
  });

  it('reports an unreadable file as one failure instead of aborting', () => {
    const results = runFile(join(REPO_FIXTURES, 'PROVENANCE.md'), 'Cancun');
    expect(results).toMatchObject([
      { test: '(file)', pass: false, message: expect.stringMatching(/cannot read/) },
    ]);
  });

  it('reports a file whose tests lack a post section as one failure (found by pnpm fuzz)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runner-'));
    for (const [name, text] of [
      ['no-post.json', '{"t": {"env": {}}}'],
      ['null.json', 'null'],
      ['null-entry.json', '{"t": {"post": {"Cancun": [null]}}}'],
    ]) {
      writeFileSync(join(dir, name!), text!);
      expect(runFile(join(dir, name!), 'Cancun')).toMatchObject([
        { test: '(file)', pass: false, message: expect.stringMatching(/cannot read/) },
      ]);
    }
  });

  it('fails on a wrong logs hash', () => {
    const parsed = JSON.parse(
      readFileSync(join(REPO_FIXTURES, 'logsAndRevert.json'), 'utf8'),
    ) as StateTestFile;
    const test = parsed.logsAndRevert!;
    const entry = {
      ...test.post.Cancun![0]!,
      logs: '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347',
    };
    expect(runCase(test, entry)).toMatchObject({ pass: false, message: expect.stringMatching(/logs hash/) });
  });
});
