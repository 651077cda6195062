import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIO } from '../io.js';
import { kernelScenarioDir } from '../kernels.js';
import { defaultContext } from '../wiring.js';

const ctx = defaultContext();
const dir = mkdtempSync(join(tmpdir(), 'polyvm-compare-scenario-'));
const put = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

// NEAR: `set` stores key "c" = u64 LE 1 (data: "c" at 0, the 8-byte value at 8).
put(
  'set.near.wat',
  `(module
  (import "env" "storage_write" (func $sw (param i64 i64 i64 i64 i64) (result i64)))
  (memory (export "memory") 1)
  (data (i32.const 0) "c")
  (data (i32.const 8) "\\01\\00\\00\\00\\00\\00\\00\\00")
  (func (export "set") (drop (call $sw (i64.const 1) (i64.const 0) (i64.const 8) (i64.const 8) (i64.const 0)))))`,
);

/** A user's workload scenario: one measured call that leaves 1 in storage, on the VMs given. */
function scenario(name: string, expected: string, vms: { evm?: boolean; near?: boolean }): string {
  const contracts = [
    vms.evm ? '    evm: { asm: "PUSH 1 PUSH0 SSTORE STOP" }' : '',
    vms.near ? '    near: { wasm: set.near.wat }' : '',
  ].filter(Boolean);
  const readers = [vms.evm ? 'evm: "storage:0x0"' : '', vms.near ? 'near: "storage:c"' : ''].filter(Boolean);
  return put(
    `${name}.yaml`,
    `name: ${name}
workload: ${name}
contracts:
  c:
${contracts.join('\n')}
result:
  stored: { expected: "${expected}", ${readers.join(', ')} }
steps:
  - deploy: c
  - call: c
    measure: true
    near: { method: set }
`,
  );
}

async function compare(...argv: string[]) {
  const io = memoryIO();
  const code = await runCli(['compare', ...argv], ctx, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

const cells = (out: string, workload: string) =>
  out
    .split('\n')
    .find((l) => l.startsWith(`| ${workload} |`))
    ?.split('|')
    .map((c) => c.trim())
    .filter(Boolean);

describe('compare --scenario: a workload scenario goes through the kernels’ path', () => {
  it('checks the declared result on every VM it names, then times it into the report files', async () => {
    const file = scenario('user-set', '1', { evm: true, near: true });
    const out = join(dir, 'agree');
    const r = await compare('--scenario', file, '--warmup', '0', '--samples', '1', '--out', out);
    expect(r.err).toContain('1 workloads × 4 runtimes');
    expect(r.code).toBe(0);
    expect(r.out).toContain('# User scenarios');
    // workload, expected, evm, wasm, move, svm
    expect(cells(r.out, 'user-set')?.slice(0, 6)).toEqual(['user-set', 'stored=1', 'ok', 'ok', 'n/a', 'n/a']);
    // The timed matrix: both named VMs have a median time, the others none.
    expect(r.out).toContain('## Median wall time per run');
    const json = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8')) as {
      results: { runtime: string; time?: { medianMs: number } }[];
    };
    const timed = json.results.filter((x) => x.time !== undefined).map((x) => x.runtime);
    expect(timed.sort()).toEqual(['evm', 'wasm']);
  });

  it('a declared result the VMs do not produce exits 1 naming each pair', async () => {
    const file = scenario('user-wrong', '2', { evm: true, near: true });
    const r = await compare(
      '--scenario',
      file,
      '--warmup',
      '0',
      '--samples',
      '1',
      '--out',
      join(dir, 'wrong'),
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('evm/user-wrong: returned stored=1, expected stored=2');
    expect(r.err).toContain('wasm/user-wrong: returned stored=1, expected stored=2');
  });

  it('VMs the scenario does not name are n/a, not disagreements', async () => {
    const file = scenario('user-evm-only', '1', { evm: true });
    const r = await compare('--scenario', file, '--check');
    expect(r.code).toBe(0);
    expect(cells(r.out, 'user-evm-only')?.slice(0, 6)).toEqual([
      'user-evm-only',
      'stored=1',
      'ok',
      'n/a',
      'n/a',
      'n/a',
    ]);
  });

  it('a scenario naming a built-in workload is checked against its reference model, in its tier', async () => {
    const r = await compare('--scenario', join(kernelScenarioDir(), 'counter.yaml'), '--check');
    expect(r.code).toBe(0);
    expect(r.out).toContain('# Kernels (hand-written workloads)');
    expect(cells(r.out, 'counter')?.slice(0, 6)).toEqual(['counter', 'counter=1', 'ok', 'ok', 'ok', 'ok']);
  });

  it('matrix flags with only per-step scenarios are usage errors, not ignored', async () => {
    const file = put(
      'steps.yaml',
      'name: steps\ncontracts:\n  c: { evm: { asm: "STOP" } }\nsteps:\n  - deploy: c\n',
    );
    const r = await compare('--scenario', file, '--baseline', 'evm');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--baseline applies to scenarios with a "measure" step/);
  });

  it('a result without a reference (no "expected", not a built-in workload) is a usage error', async () => {
    const file = put(
      'no-ref.yaml',
      'name: no-ref\nworkload: no-ref\ncontracts:\n  c: { evm: { asm: "STOP" } }\nresult:\n  x: { evm: "return:hex" }\nsteps:\n  - deploy: c\n  - call: c\n    measure: true\n',
    );
    const r = await compare('--scenario', file, '--check');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/result "x" declares no "expected" value and "no-ref" is not a built-in workload/);
  });
});
