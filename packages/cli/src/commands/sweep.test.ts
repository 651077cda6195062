import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIO } from '../io.js';
import { fitLines, type SweepReport } from '../sweep/sweep-report.js';
import { defaultContext } from '../wiring.js';

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'polyvm-sweep-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const io = memoryIO();
  const code = await runCli(argv, defaultContext(), io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

async function sweep(workload: string, sizes: string, ...flags: string[]): Promise<SweepReport> {
  const { code, stderr } = await cli(
    'sweep',
    workload,
    '--param',
    `n=${sizes}`,
    '--warmup',
    '0',
    '--samples',
    '1',
    '--out',
    out,
    ...flags,
  );
  expect(code, stderr).toBe(0);
  return JSON.parse(await readFile(join(out, `sweep-${workload}.json`), 'utf8')) as SweepReport;
}

const gasLine = (report: SweepReport, runtime: string) =>
  fitLines(report).find((f) => f.runtime === runtime && f.metric === 'gas');
const gasExponent = (report: SweepReport, runtime: string) => gasLine(report, runtime)?.upper?.exponent;

// Gas, not time: deterministic, so the tolerances can be tight. Sizes span two orders of magnitude or more.
describe('polyvm sweep: fitted growth exponents of gas', () => {
  it.each([
    ['compute-arith', '100,1000,10000,100000', 1],
    ['storage-heavy', '8,64,512,1024', 1],
    ['compute-hash', '10,100,1000', 1],
  ])('%s grows linearly on every runtime (exponent ≈ 1)', async (workload, sizes, expected) => {
    const report = await sweep(workload, sizes);
    expect(report.runtimes).toEqual(['evm', 'wasm', 'move', 'svm', 'cosmwasm']);
    expect(report.points.every((p) => p.ok)).toBe(true);
    for (const runtime of report.runtimes)
      expect(gasExponent(report, runtime), runtime).toBeCloseTo(expected, 1);
    // The EVM line has no fixed cost to speak of once the intrinsic gas is out: the fit over every size agrees.
    expect(gasLine(report, 'evm')?.fit?.exponent).toBeCloseTo(expected, 1);
  });

  it('insertion sort grows quadratically (exponent ≈ 2) and is not flagged', async () => {
    const report = await sweep('memory-sort', '8,32,128,512,1024');
    // sBPF keeps the array in one 4 KiB stack frame: its sizes stop at 320, too narrow a range to judge.
    // Move stops at 200 (Aptos' 920M max_execution_gas).
    expect(report.skipped.map((p) => `${p.runtime}@${p.n}`)).toEqual([
      'move@512',
      'svm@512',
      'move@1024',
      'svm@1024',
    ]);
    for (const runtime of ['evm', 'wasm', 'move', 'cosmwasm']) {
      const exponent = gasExponent(report, runtime)!;
      expect(exponent, runtime).toBeGreaterThan(1.9);
      expect(exponent, runtime).toBeLessThan(2.1);
    }
    expect(fitLines(report).some((f) => f.exceedsDeclared)).toBe(false);
    const html = await readFile(join(out, 'sweep-memory-sort.html'), 'utf8');
    expect(html.match(/<svg/g)).toHaveLength(3);
    const csv = await readFile(join(out, 'sweep-memory-sort.csv'), 'utf8');
    expect(csv.trim().split('\r\n')).toHaveLength(1 + 5 * 3 + 3 * 2);
  });
});

describe('polyvm sweep --shard and polyvm merge', () => {
  it('shards cover the sweep and merge into the same points as one run', async () => {
    const whole = await sweep('compute-arith', '10,100,1000');
    for (const shard of ['1/2', '2/2']) {
      expect(
        (
          await cli(
            'sweep',
            'compute-arith',
            '--param',
            'n=10,100,1000',
            '--samples',
            '1',
            '--warmup',
            '0',
            '--shard',
            shard,
            '--out',
            out,
          )
        ).code,
      ).toBe(0);
    }
    const shards = ['1-of-2', '2-of-2'].map((s) => join(out, `sweep-compute-arith.shard-${s}.json`));
    const merged = await cli('merge', ...shards, '--out', join(out, 'merged'));
    expect(merged.code, merged.stderr).toBe(0);
    const report = JSON.parse(
      await readFile(join(out, 'merged', 'sweep-compute-arith.json'), 'utf8'),
    ) as SweepReport;
    expect(report.points.map((p) => [p.runtime, p.n, p.gasUsed])).toEqual(
      whole.points.map((p) => [p.runtime, p.n, p.gasUsed]),
    );
    expect(report.runs).toHaveLength(2);

    const missing = await cli('merge', shards[0]!, '--out', join(out, 'merged'));
    // Naming too few shard files is a usage error (issue 17): exit 2, one line.
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('the shards do not cover the sweep: missing wasm@10');
    expect(missing.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('polyvm sweep: bad command lines', () => {
  it.each([
    [['sweep', 'counter', '--param', 'n=1,2'], 2, 'has no size parameter'],
    [
      ['sweep', 'memory-sort', '--param', 'n=16,4096'],
      2,
      'length = 4096 is outside its declared range 2..1024',
    ],
    [['sweep', 'memory-sort', '--param', 'm=16,32'], 2, '--param must be n=<sizes> or length=<sizes>'],
    [['sweep', 'memory-sort', '--param', 'n=16,32', '--runtimes', 'evm,x'], 2, 'has no sized implementation'],
    [['sweep', 'memory-sort', '--param', 'n=16,32', '--shard', '3/2'], 2, '--shard must be i/n'],
  ])('%j exits %i', async (argv, code, message) => {
    const result = await cli(...argv);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(message);
    // Every usage error is one line (issue 17).
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
