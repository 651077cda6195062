import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIO } from '../io.js';
import { fakeContext } from '../testing/fake-context.js';

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'polyvm-compare-out-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

async function compare(...flags: string[]) {
  const io = memoryIO();
  const code = await runCli(
    ['compare', '--out', out, '--warmup', '0', '--samples', '3', ...flags],
    fakeContext(),
    io,
  );
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe('compare output: reproducibility, whole-transaction cost, CSV', () => {
  it('records provenance, raw samples and the prices used in compare.json', async () => {
    expect((await compare()).code).toBe(0);
    const json = JSON.parse(await readFile(join(out, 'compare.json'), 'utf8'));
    expect(json.provenance.git).toHaveProperty('commit');
    expect(json.provenance.loadBefore.loadAverage).toHaveLength(3);
    expect(Date.parse(json.provenance.finishedAt)).toBeGreaterThanOrEqual(
      Date.parse(json.provenance.startedAt),
    );
    expect(json.provenance.prices.isDefault).toBe(true);
    expect(json.results[0].samplesMs).toEqual([2, 2, 2]);
    // The fake runtimes have no chain: their rows say so instead of pricing them at 0.
    expect(json.wholeTransaction.rows[0]).toMatchObject({
      runtime: 'alpha',
      note: 'no chain cost profile for runtime alpha',
    });
    const md = await readFile(join(out, 'compare.md'), 'utf8');
    expect(md).toContain('## Reproducibility');
    expect(md).toContain('## Whole-transaction cost');
    expect(md).toMatch(/Prices: bundled default \(as of \d{4}-\d{2}-\d{2}, USD\)/);
  });

  it('prints the agreement table once, and the whole-transaction table with the prices used', async () => {
    const { stdout, stderr } = await compare();
    expect(stdout).toContain('## Whole-transaction cost');
    expect(stdout).toContain('| counter | alpha | no chain cost profile for runtime alpha |');
    expect(stdout).toMatch(/Prices: bundled default/);
    expect(`${stdout}${stderr}`.match(/\| workload \| expected/g)).toHaveLength(1);
  });

  it('--format csv prints one CSV row per pair, with raw samples and n/a for what does not apply', async () => {
    const { code, stdout } = await compare('--format', 'csv');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\r\n');
    expect(lines).toHaveLength(1 + 4);
    expect(lines[0]).toMatch(/^workload,runtime,agrees,native gas \(execution only\),/);
    expect(lines[1]).toMatch(/^counter,alpha,yes,/);
    expect(lines[1]).toContain(',2 2 2,n/a,');
    expect((await readFile(join(out, 'compare.csv'), 'utf8')).trim()).toBe(stdout.trim());
  });

  it('--prices names the file in the report; a bad file is an error before anything is measured', async () => {
    const prices = join(out, 'p.json');
    await writeFile(
      prices,
      JSON.stringify({
        schema: 'polyvm.prices/1',
        asOf: '2025-01-02',
        currency: 'EUR',
        source: 'test',
        chains: {},
      }),
    );
    expect((await compare('--prices', prices)).code).toBe(0);
    expect(await readFile(join(out, 'compare.md'), 'utf8')).toContain(
      `Prices: ${prices} (as of 2025-01-02, EUR): test`,
    );

    await writeFile(prices, '{"schema":"nope"}');
    const bad = await compare('--prices', prices);
    // A bad --prices file is a usage error (issue 17): exit 2, one line, nothing measured or printed first.
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('schema must be "polyvm.prices/1"');
    expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('rejects an unknown --format', async () => {
    const { code, stderr } = await compare('--format', 'xml');
    expect(code).toBe(2);
    expect(stderr).toContain('--format must be one of md, csv');
  });
});
