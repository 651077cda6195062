import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchmarkReport, DecodeError, REPORT_SCHEMA } from '@polyvm/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIO } from '../io.js';
import { fakeContext } from '../testing/fake-context.js';
import { fakeWorkload, fakeWorkloads, PROGRAMS } from '../testing/fake-vm.js';

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'polyvm-compare-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

async function compare(ctx: ReturnType<typeof fakeContext>, ...flags: string[]) {
  const io = memoryIO();
  const code = await runCli(['compare', '--out', out, ...flags], ctx, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

async function readReport(): Promise<BenchmarkReport> {
  return JSON.parse(await readFile(join(out, 'compare.json'), 'utf8')) as BenchmarkReport;
}

describe('polyvm compare', () => {
  it('checks agreement, measures every pair and writes JSON, Markdown and HTML', async () => {
    const { code, stdout, stderr } = await compare(fakeContext(), '--warmup', '1', '--samples', '3');
    expect(code).toBe(0);
    const report = await readReport();
    expect(report.schema).toBe(REPORT_SCHEMA);
    expect(report.baseline).toBe('alpha');
    expect(report.settings).toEqual({ warmup: 1, samples: 3 });
    expect(report.environment.packages).toEqual({ polyvm: '9.9.9', '@polyvm/fake': '0.0.1' });
    expect(report.differential).toEqual([
      { workload: 'counter', expected: { counter: '1' }, agree: { alpha: true, beta: true } },
      { workload: 'square', expected: { x: '49' }, agree: { alpha: true, beta: true } },
    ]);
    expect(report.results.map((r) => `${r.runtime}/${r.workload}:${r.ok}`)).toEqual([
      'alpha/counter:true',
      'beta/counter:true',
      'alpha/square:true',
      'beta/square:true',
    ]);
    const betaCounter = report.results[1]!;
    // Costs come from the real run: 6 simple ops, 2 loads and 1 store at 3 gas per unit.
    expect(betaCounter.gasUsed).toBe(3 * 126);
    expect(betaCounter.normalizedCost).toBe(126);
    expect(betaCounter.instructions).toBe(9);
    // Three reads: the code, then slot 0 twice; one write.
    expect(betaCounter.storage).toMatchObject({ reads: 3, writes: 1 });
    // The stepping clock advances 2 ms per reading: every timed run reads it twice.
    expect(betaCounter.time).toMatchObject({ samples: 3, medianMs: 2, madMs: 0 });

    expect(stdout).toContain('## Differential check');
    expect(stdout).toContain('All runtimes produce the expected result for every workload.');
    expect(stdout).toMatch(/\| counter \| 126 \| 126 \(1\.00×\) \|/);
    expect(stderr).toContain(
      'polyvm compare: 2 workloads × 2 runtimes (alpha, beta), 1 warm-up + 3 samples each',
    );
    expect(stderr).toContain('measuring 4/4 beta/square 2.00 ms');
    expect(stderr).toContain(`wrote ${join(out, 'compare.{json,md,html,csv}')}`);

    const md = await readFile(join(out, 'compare.md'), 'utf8');
    expect(md).toContain('# polyvm cross-VM comparison');
    expect(md).toContain('## square: Square');
    expect(md).toContain('| beta | 0.0.1 | beta-gas | fake | 3 | test double |');
    const html = await readFile(join(out, 'compare.html'), 'utf8');
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html).toContain(
      '<tr><td>alpha</td><td>0.0.1</td><td>alpha-gas</td><td>fake</td><td>1</td><td>test double</td></tr>',
    );
  });

  it('names the disagreeing pair, skips measuring it, still writes the report and exits 1', async () => {
    const ctx = fakeContext([
      ...fakeWorkloads('alpha'),
      fakeWorkload('beta', 'counter', PROGRAMS.counter, 'counter'),
      fakeWorkload('beta', 'square', PROGRAMS.wrongSquare, 'x'),
    ]);
    const { code, stdout, stderr } = await compare(ctx, '--samples', '2');
    expect(code).toBe(1);
    expect(stderr).toContain('1 pair(s) disagree; they are left out of the measurements:');
    expect(stderr).toContain('beta/square: returned x=56, expected x=49');
    expect(stderr).toContain('measuring 3/3');
    expect(stderr).toContain('1 disagreement(s) with the reference results');
    expect(stdout).toMatch(/\| square \| x=49 \| ok \| WRONG \|/);
    const report = await readReport();
    expect(report.differential[1]!.agree).toEqual({ alpha: true, beta: false });
    const wrong = report.results.find((r) => r.runtime === 'beta' && r.workload === 'square')!;
    expect(wrong.time).toBeUndefined();
    expect(wrong.result).toEqual({ x: '56' });
  });

  it('reports a failing run as a disagreement and a missing implementation as n/a', async () => {
    const ctx = fakeContext([
      ...fakeWorkloads('alpha'),
      fakeWorkload('beta', 'counter', PROGRAMS.failing, 'counter'),
    ]);
    const { code, stdout } = await compare(ctx, '--samples', '1', '--baseline', 'beta');
    expect(code).toBe(1);
    expect(stdout).toMatch(/\| counter \| counter=1 \| ok \| FAIL \(revert\) \|/);
    expect(stdout).toMatch(/\| square \| x=49 \| ok \| n\/a \|/);
    expect(stdout).toContain('- beta/counter: revert: FAIL executed');
    expect(stdout).not.toContain('beta/square');
    const report = await readReport();
    expect(report.baseline).toBe('beta');
    expect(report.results.filter((r) => r.ok).map((r) => `${r.runtime}/${r.workload}`)).toEqual([
      'alpha/counter',
      'alpha/square',
    ]);
  });

  it('reports a workload that fails to deploy with its typed error', async () => {
    const broken = {
      ...fakeWorkload('beta', 'square', PROGRAMS.square, 'x'),
      prepare: () => {
        throw new DecodeError('module is truncated');
      },
    };
    const { code, stdout } = await compare(
      fakeContext([...fakeWorkloads('alpha'), broken]),
      '--workloads',
      'square',
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(/\| square \| x=49 \| ok \| FAIL \(error\) \|/);
    expect(stdout).toContain('- beta/square: DecodeError: module is truncated');
  });

  it('exits 0 when a runtime merely lacks an implementation (n/a, not a disagreement)', async () => {
    const ctx = fakeContext([
      ...fakeWorkloads('alpha'),
      fakeWorkload('beta', 'counter', PROGRAMS.counter, 'counter'),
    ]);
    const { code, stdout } = await compare(ctx, '--samples', '1');
    expect(stdout).toMatch(/\| square \| x=49 \| ok \| n\/a \|/);
    expect(stdout).toContain('Every implemented pair produces the expected result (n/a: no implementation).');
    expect(code).toBe(0);
  });

  it('with --check runs only the differential check and writes nothing', async () => {
    const ctx = fakeContext([
      ...fakeWorkloads('alpha'),
      fakeWorkload('beta', 'square', PROGRAMS.wrongSquare, 'x'),
    ]);
    const { code, stdout, stderr } = await compare(ctx, '--check');
    expect(code).toBe(1);
    expect(stdout).toContain('| counter | counter=1 | ok | n/a |\n| square | x=49 | ok | WRONG |');
    expect(stdout).toMatch(/\*\*1 disagreements?:\*\*/);
    expect(stderr).toContain('differential check only');
    expect(stderr).not.toContain('measuring');
    await expect(readFile(join(out, 'compare.json'))).rejects.toThrow(/ENOENT/);
    expect((await compare(fakeContext(), '--check')).code).toBe(0);
  });

  it('compares only the selected workloads and runtimes', async () => {
    const { code } = await compare(
      fakeContext(),
      '--workloads',
      'square',
      '--runtimes',
      'beta',
      '--samples',
      '1',
    );
    expect(code).toBe(0);
    const report = await readReport();
    expect(report.baseline).toBe('beta');
    expect(report.workloads.map((w) => w.name)).toEqual(['square']);
    expect(report.results.map((r) => r.runtime)).toEqual(['beta']);
  });

  it.each([
    [['--workloads', 'squares'], 'unknown workload "squares" (known: counter, square)'],
    [['--runtimes', 'alpha,gamma'], 'unknown runtime "gamma" (known: alpha, beta)'],
    [['--runtimes', 'alpha,alpha'], '--runtimes names "alpha" twice'],
    [['--baseline', 'gamma'], 'baseline "gamma" is not among the compared runtimes (alpha, beta)'],
    [['--samples', '0'], '--samples must be an integer from 1 to 10000, got "0"'],
    [['--warmup', '2.5'], '--warmup must be an integer from 0 to 1000, got "2.5"'],
    [['--sample', '3'], 'unknown flag --sample'],
    [['extra'], 'unexpected argument "extra"'],
  ])('refuses %j with a usage error', async (flags, message) => {
    const { code, stderr } = await compare(fakeContext(), ...flags);
    expect(code).toBe(2);
    expect(stderr).toContain(`polyvm: ${message}`);
    expect(stderr).toMatch(/^polyvm: .* \(see 'polyvm compare --help'\)\n$/);
  });
});
