import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturesOrWarn, InvalidArgumentError } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { commandGroup } from './commands.js';

async function runCommand(
  name: string,
  args: string[],
): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const command = commandGroup.commands.find((c) => c.name === name)!;
  const code = await command.run(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'svm-cli-'));
const HELLO = join(dir, 'sum.s');
writeFileSync(
  HELLO,
  'entrypoint:\n  mov64 r0, 0\n  mov64 r6, 40\n  add64 r6, 2\n  syscall sol_log_compute_units_\n  exit\n',
);

describe('polyvm svm commands', () => {
  it('has run, trace, disasm and inspect', () => {
    expect(commandGroup.name).toBe('svm');
    expect(commandGroup.commands.map((c) => c.name).sort()).toEqual(['disasm', 'inspect', 'run', 'trace']);
  });

  it('run deploys an assembly program and reports logs and compute units', async () => {
    const { code, out } = await runCommand('run', [HELLO]);
    expect(code).toBe(0);
    expect(out).toContain('Program consumption: 199896 units remaining');
    expect(out.some((l) => l.startsWith('status success  compute units 105'))).toBe(true);
  });

  it('trace prints one line per executed instruction', async () => {
    const { code, out } = await runCommand('trace', [HELLO]);
    expect(code).toBe(0);
    expect(out.filter((l) => /^entrypoint@\s*\d+\s{2}\S/.test(l))).toHaveLength(5);
    expect(out[2]).toContain('entrypoint@');
    expect(out[2]).toContain('add64 r6, 0x2');
  });

  it('inspect lists every unresolved syscall instead of "loads: yes"', async () => {
    const source = join(dir, 'unresolved.s');
    writeFileSync(
      source,
      'entrypoint:\n  syscall sol_not_a_syscall\n  syscall sol_log_compute_units_\n  syscall sol_also_missing\n  exit\n',
    );
    const { code, out } = await runCommand('inspect', [source]);
    expect(code).toBe(1);
    expect(out.find((l) => l.startsWith('loads:'))).toMatch(/^loads: no {2}\(2 unresolved syscalls\)/);
    expect(out).toContain('  unresolved syscall: sol_also_missing');
    expect(out).toContain('  unresolved syscall: sol_not_a_syscall');
    expect(out).toContain('syscalls: sol_log_compute_units_');
  });

  it('inspect of a loadable program says it loads and passes the verifier', async () => {
    const { code, out } = await runCommand('inspect', [HELLO]);
    expect(code).toBe(0);
    expect(out.some((l) => l.startsWith('loads: yes'))).toBe(true);
    expect(out).toContain('verifier: passed');
  });

  it('--cu sends a SetComputeUnitLimit instruction; a bad limit is a usage error', async () => {
    const { code, out } = await runCommand('run', [HELLO, '--cu', '1000000']);
    expect(code).toBe(0);
    expect(out[0]).toBe('Program ComputeBudget111111111111111111111111111111 invoke [1]');
    // 1,000,000 − 150 (ComputeBudget) − 4 instructions − 100 (the syscall itself).
    expect(out).toContain('Program consumption: 999746 units remaining');
    for (const bad of [['--cu=-1'], ['--cu=lots'], ['--cu=4294967296'], ['--cu', '-1']]) {
      await expect(runCommand('run', [HELLO, ...bad])).rejects.toThrow(InvalidArgumentError);
    }
    await expect(runCommand('run', [HELLO, '--cu=4294967296'])).rejects.toThrow(
      '--cu must be at most 4294967295',
    );
  });

  it('a missing program file is a typed error, not a crash', async () => {
    await expect(runCommand('run', [join(dir, 'missing.so')])).rejects.toThrow(
      /cannot read program .*no such file/,
    );
  });

  it('disasm names syscalls', async () => {
    const { out } = await runCommand('disasm', [HELLO]);
    expect(out).toContain('entrypoint:');
    expect(out.some((l) => l.endsWith('syscall sol_log_compute_units_'))).toBe(true);
  });

  const programs = fixturesOrWarn('svm/programs', 'svm run of counter.so');
  it.skipIf(!programs)('run passes program-owned accounts and prints their data afterwards', async () => {
    const { code, out } = await runCommand('run', [
      join(programs!, 'counter.so'),
      '--input',
      '00',
      '--account',
      'w:29000000',
    ]);
    expect(code).toBe(0);
    expect(out).toContain('Program log: Counter state incremented to 42');
    // 41 -> 42: the same CU litesvm reports for this input (see the 'counter from 41' scenario).
    expect(out.some((l) => l.startsWith('status success  compute units 1070'))).toBe(true);
    expect(out.at(-1)).toMatch(/ data 0x2a000000$/);
  });

  it('refuses bad command lines with an InvalidArgumentError (exit 2 in the CLI)', async () => {
    await expect(runCommand('run', [])).rejects.toThrow('missing <program>');
    await expect(runCommand('run', ['x.so', '--cu', '-1'])).rejects.toThrow(
      '--cu must be a non-negative integer',
    );
    await expect(runCommand('trace', ['x.so', '--limit', '-1'])).rejects.toThrow(
      '--limit must be a non-negative integer',
    );
    await expect(runCommand('run', ['missing.so'])).rejects.toThrow('cannot read program "missing.so"');
    const wasm = join(tmpdir(), 'polyvm-svm-cli-x.wasm');
    writeFileSync(wasm, Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0));
    await expect(runCommand('run', [wasm])).rejects.toThrow(
      'is a WebAssembly module, not an ELF program (use polyvm wasm)',
    );
    await expect(runCommand('disasm', [wasm, '--bogus'])).rejects.toThrow("Unknown option '--bogus'");
  });

  const elfs = fixturesOrWarn('svm/elfs', 'svm inspect on a rejected ELF');
  it.skipIf(!elfs)('inspect says why a program does not load', async () => {
    const { code, out } = await runCommand('inspect', [join(elfs!, 'data_section_sbpfv0.so')]);
    expect(code).toBe(1);
    expect(out.at(-1)).toBe('loads: no  (WritableSectionNotSupported(".data"))');
  });
});
