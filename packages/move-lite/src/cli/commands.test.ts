import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturesOrWarn, InvalidArgumentError } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { FIB_SOURCE } from '../testing/samples.js';
import { commandGroup } from './commands.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}
const command = (name: string) => commandGroup.commands.find((c) => c.name === name)!;

describe('polyvm move commands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'polyvm-move-'));
  const source = join(dir, 'fib.masm');
  writeFileSync(source, FIB_SOURCE);

  it('asm writes a binary that inspect prints back', async () => {
    const a = io();
    expect(await command('asm').run([source, '-o', join(dir, 'fib.mv')], a.io)).toBe(0);
    const b = io();
    expect(await command('inspect').run([join(dir, 'fib.mv'), '--offsets'], b.io)).toBe(0);
    expect(b.out.join('')).toContain('public fun fib(a0: u64): u64 {');
    expect(b.out.join('')).toMatch(/Call fib\s+\/\/ 9/);
  });

  it('run calls a function with BCS arguments and prints the result', async () => {
    const c = io();
    expect(await command('run').run([source, '--function', 'fib', '--arg', '0x0a00000000000000'], c.io)).toBe(
      0,
    );
    expect(c.out.join('')).toContain('return (bcs) 0x3700000000000000'); // fib(10) = 55
  });

  it('run executes a script with the stdlib published', async () => {
    const script = join(dir, 'hash.masm');
    writeFileSync(
      script,
      'script\nimport fun 0x1::hash::sha2_256(vector<u8>): vector<u8>\nfun main(data: vector<u8>) {\n MoveLoc data\n Call 0x1::hash::sha2_256\n Pop\n Ret\n}\n',
    );
    const c = io();
    expect(await command('run').run([script, '--stdlib', '--arg', '0x0161', '--trace'], c.io)).toBe(0);
    expect(c.out.join('')).toContain('status       success');
    expect(c.err.join('')).toContain('0x0::<SELF>::main');
  });

  it('refuses bad command lines with an InvalidArgumentError (exit 2 in the CLI)', async () => {
    const run = (...args: string[]) => command('run').run(args, io().io);
    await expect(run(source)).rejects.toThrow('--function is required to run a module');
    await expect(run()).rejects.toThrow('missing <module-or-script>');
    await expect(command('verify').run([], io().io)).rejects.toThrow('missing <file-or-dir>');
    await expect(run(source, '--address-width', '7')).rejects.toThrow(
      '--address-width must be 16 or 32, got "7"',
    );
    await expect(run(source, '--function', 'fib', '--arg', 'zz')).rejects.toThrow('--arg must be hex bytes');
    await expect(run(source, '--gas', '-1')).rejects.toThrow('--gas must be a non-negative integer');
    await expect(run(join(dir, 'none.mv'))).rejects.toThrow('cannot read Move file');
    await expect(command('verify').run([join(dir, 'none')], io().io)).rejects.toThrow(
      `cannot read "${join(dir, 'none')}": no such file or directory`,
    );
    await expect(command('inspect').run([source, '--bogus'], io().io)).rejects.toThrow(
      "Unknown option '--bogus'",
    );
  });

  it('detects a 16-byte address width, and names it when the flag is wrong', async () => {
    const wide = join(dir, 'fib16.mv');
    const a = io();
    expect(await command('asm').run([source, '-o', wide, '--address-width', '16'], a.io)).toBe(0);
    const c = io();
    expect(
      await command('run').run([wide, '--function', 'fib', '--arg', '0x0a00000000000000', '--json'], c.io),
    ).toBe(0);
    expect(JSON.parse(c.out.join(''))).toMatchObject({
      status: 'success',
      addressWidth: 16,
      returnData: '0x3700000000000000',
    });
    await expect(command('inspect').run([wide, '--address-width', '32'], io().io)).rejects.toThrow(
      'does not deserialize with --address-width 32, but does with --address-width 16',
    );
  });

  const fixtures = fixturesOrWarn('move', 'polyvm move verify on the Starcoin fixtures');
  it.skipIf(!fixtures)('verify accepts the Starcoin framework folder', async () => {
    const d = io();
    const code = await command('verify').run(
      [join(fixtures!, 'starcoin-framework-v6'), '--address-width', '16'],
      d.io,
    );
    expect(d.out.join('')).toContain('96/96 verified');
    expect(code).toBe(0);
  });
});

describe('polyvm move verify', () => {
  it('recurses into sub-folders', async () => {
    const root = mkdtempSync(join(tmpdir(), 'polyvm-move-verify-'));
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, 'top.masm'), FIB_SOURCE);
    writeFileSync(join(root, 'a', 'b', 'deep.masm'), FIB_SOURCE.replace('0x42::fib', '0x43::fib'));
    const v = io();
    expect(await command('verify').run([root], v.io)).toBe(0);
    expect(v.out.join('')).toContain('2/2 verified');
    expect(v.out.join('')).toContain(join('a', 'b', 'deep.masm'));
  });
});

describe('polyvm move usage errors are InvalidArgumentErrors (one line, exit 2 in the CLI), never an internal error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'polyvm-move-usage-'));
  const source = join(dir, 'fib.masm');
  writeFileSync(source, FIB_SOURCE);
  const cases: [string, string[]][] = [
    ['inspect', [join(dir, 'missing.mv')]],
    ['asm', [join(dir, 'missing.masm'), '-o', join(dir, 'x.mv')]],
    ['verify', [join(dir, 'missing-dir')]],
    ['inspect', [source, '--address-width', '7']],
    ['run', [source, '--function', 'fib', '--arg', 'zz']],
    ['run', [source, '--function', 'fib', '--gas', '-1']],
    ['run', [source, '--bogus']],
  ];
  for (const [name, args] of cases) {
    it(`move ${name} ${args.map((a) => a.replace(dir, '<dir>')).join(' ')}`, async () => {
      const error = await command(name)
        .run(args, io().io)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).not.toContain('\n');
    });
  }
});
