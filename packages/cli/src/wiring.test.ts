import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchmarkReport, formatStep, logicalResultsEqual, type StepEvent } from '@polyvm/core';
import { COMPILED_SPECS, isCompiledWorkload, WORKLOADS } from '@polyvm/examples';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { runDifferential } from './compare/matrix.js';
import { memoryIO } from './io.js';
import { defaultContext } from './wiring.js';

const ctx = defaultContext();
const RUNTIMES = ['evm', 'wasm', 'move', 'svm'];

// The real wiring, end to end: the four runtime packages and their example workloads.
describe('defaultContext', () => {
  it('registers the four runtimes and the CosmWasm profile, and mounts their command groups', () => {
    expect(ctx.registry.list().map((i) => i.name)).toEqual([...RUNTIMES, 'cosmwasm']);
    expect(ctx.groups.map((g) => g.name)).toEqual(RUNTIMES);
    expect(Object.keys(ctx.packages)).toContain('@polyvm/svm-lite');
  });

  it('compares the four VMs by default; the CosmWasm profile is opt-in', () => {
    expect(ctx.defaultRuntimes).toEqual(RUNTIMES);
  });

  it('has every kernel implemented on every runtime, CosmWasm included, and the compiled tier on evm', () => {
    for (const runtime of [...RUNTIMES, 'cosmwasm']) {
      const implemented = ctx.catalog.implementations
        .filter((i) => i.runtime === runtime && !isCompiledWorkload(i.workload))
        .map((i) => i.workload);
      expect(implemented.sort(), runtime).toEqual(WORKLOADS.map((s) => s.name).sort());
    }
    const compiledOnEvm = ctx.catalog.implementations.filter(
      (i) => i.runtime === 'evm' && isCompiledWorkload(i.workload),
    );
    expect(compiledOnEvm.map((i) => i.workload).sort()).toEqual(COMPILED_SPECS.map((s) => s.name).sort());
  });

  it('passes the differential check: all 28 kernel pairs, and every compiled pair a back end can express', async () => {
    const noProgress = () => ({ begin() {}, end() {}, finish() {} });
    const compiledRuntimes = [...RUNTIMES, 'cosmwasm'];
    const compiled = await runDifferential(
      ctx,
      { workloads: COMPILED_SPECS, runtimes: compiledRuntimes, baseline: 'evm', warmup: 0, samples: 1 },
      noProgress,
    );
    expect(compiled).toHaveLength(26 * compiledRuntimes.length);
    const compiledFailures = compiled
      .filter((r) => {
        if (r.status === 'n/a') return false;
        const expected = ctx.catalog.specs.find((s) => s.name === r.workload)!.expected;
        return r.status !== 'success' || !logicalResultsEqual(expected, r.result);
      })
      .map((r) => `${r.runtime}/${r.workload}: ${r.status} ${r.error ?? JSON.stringify(r.result)}`);
    const applicable = compiled.filter((r) => r.status !== 'n/a');
    console.log(
      `compiled tier: ${applicable.length - compiledFailures.length}/${compiled.length} pairs agree, ${compiled.length - applicable.length} n/a`,
    );
    expect(compiledFailures).toEqual([]);
    // Both EVM flavours run every compiled workload.
    expect(compiled.filter((r) => r.runtime === 'evm' && r.status === 'success')).toHaveLength(26);
    const selection = {
      workloads: WORKLOADS,
      runtimes: RUNTIMES,
      baseline: 'evm',
      warmup: 0,
      samples: 1,
    };
    const results = await runDifferential(ctx, selection, noProgress);
    const failures = results
      .filter((r) => {
        const expected = ctx.catalog.specs.find((s) => s.name === r.workload)!.expected;
        return r.status !== 'success' || !logicalResultsEqual(expected, r.result);
      })
      .map((r) => `${r.runtime}/${r.workload}: ${r.status} ${r.error ?? JSON.stringify(r.result)}`);
    console.log(`differential check: ${results.length - failures.length}/${results.length} pairs agree`);
    expect(results).toHaveLength(28);
    expect(failures).toEqual([]);
  });

  it.each(RUNTIMES)('traces %s in the shared step format', async (runtime) => {
    const json = memoryIO();
    expect(await runCli(['trace', runtime, 'counter', '--json'], ctx, json)).toBe(0);
    const events = json
      .stdout()
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as StepEvent);
    expect(events.length).toBeGreaterThan(5);
    for (const e of events) {
      expect(e).toMatchObject({
        runtime,
        depth: expect.any(Number),
        pc: expect.any(Number),
        op: expect.any(String),
      });
      expect(e.gasCost).toBeGreaterThanOrEqual(0);
      expect(Array.isArray(e.stack)).toBe(true);
    }
    expect(json.stderr()).toContain('result counter=1; expected counter=1: agrees');
    const text = memoryIO();
    expect(await runCli(['trace', runtime, 'counter'], ctx, text)).toBe(0);
    expect(text.stdout()).toBe(`${events.map(formatStep).join('\n')}\n`);
  });

  it('runs `polyvm compare` end to end and writes all three reports', async () => {
    const out = await mkdtemp(join(tmpdir(), 'polyvm-wiring-'));
    try {
      const io = memoryIO();
      const kernels = WORKLOADS.map((w) => w.name).join(',');
      const code = await runCli(
        ['compare', '--workloads', kernels, '--warmup', '0', '--samples', '1', '--out', out],
        ctx,
        io,
      );
      expect(code, io.stderr()).toBe(0);
      const report = JSON.parse(await readFile(join(out, 'compare.json'), 'utf8')) as BenchmarkReport;
      expect(report.baseline).toBe('evm');
      expect(report.results.filter((r) => r.ok && r.time)).toHaveLength(28);
      expect(report.environment.packages).toMatchObject({ '@polyvm/evm': expect.any(String) });
      expect(await readFile(join(out, 'compare.md'), 'utf8')).toContain(
        '## call-heavy: Calls: recursive Fibonacci',
      );
      expect((await readFile(join(out, 'compare.html'), 'utf8')).match(/<svg /g)).toHaveLength(4);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
