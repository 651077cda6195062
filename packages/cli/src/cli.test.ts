import { describe, expect, it } from 'vitest';
import { BUILTINS, runCli } from './cli.js';
import { BUILTIN_COMMANDS } from './context.js';
import { memoryIO } from './io.js';
import { fakeContext } from './testing/fake-context.js';

async function cli(...argv: string[]) {
  const io = memoryIO();
  const code = await runCli(argv, fakeContext(), io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('polyvm top level', () => {
  it('prints help listing every command and mounted group', async () => {
    const { code, out } = await cli('--help');
    expect(code).toBe(0);
    for (const c of BUILTINS) expect(out).toContain(`  ${c.name}`);
    expect(out).toMatch(/^ {2}alpha +alpha tools$/m);
    expect(out).toContain('polyvm 9.9.9');
  });

  it('treats no arguments as a usage error and shows help on stderr', async () => {
    const { code, out, err } = await cli();
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('usage: polyvm <command>');
  });

  it('prints the version', async () => {
    expect(await cli('--version')).toMatchObject({ code: 0, out: '9.9.9\n' });
  });

  it('rejects unknown commands and options with exit 2', async () => {
    const unknown = await cli('compair');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain(
      'polyvm: unknown command "compair" (known: runtimes, workloads, gas, compare, trace, run, sweep, merge, build, call, alpha)',
    );
    const option = await cli('--verbose');
    expect(option).toMatchObject({ code: 2 });
    expect(option.err).toContain('unknown option --verbose');
  });

  it('shows a command usage on --help and in help <command>', async () => {
    const a = await cli('trace', '--help');
    const b = await cli('help', 'trace');
    expect(a.code).toBe(0);
    expect(a.out).toContain('usage: polyvm trace <runtime> <workload> [--limit N] [--json]');
    expect(b.out).toBe(a.out);
    expect(a.out).toContain('runtimes:  alpha, beta\nworkloads: counter, square\n');
    expect((await cli('compare', '--help')).out).toContain('--warmup 2, --samples 7, --baseline evm');
    expect((await cli('help', 'nothing')).code).toBe(2);
  });

  it('keeps the reserved names in step with the built-in commands', () => {
    expect([...BUILTIN_COMMANDS].sort()).toEqual(['help', ...BUILTINS.map((c) => c.name)].sort());
  });
});

describe('polyvm runtimes / workloads', () => {
  it('lists runtimes with unit, reference op cost and coverage', async () => {
    const { code, out } = await cli('runtimes');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME +VERSION +ADDRESS +GAS UNIT +REF OP COST +WORKLOADS +DESCRIPTION$/);
    expect(lines[1]).toMatch(/^alpha +0\.0\.1 +8 B +alpha-gas +1 +2\/2 +fake stack machine "alpha"$/);
    expect(lines[2]).toMatch(/^beta +0\.0\.1 +8 B +beta-gas +3 +2\/2 /);
    expect((await cli('runtimes', 'extra')).code).toBe(2);
  });

  it('lists workloads with description, params, expected result and implementations', async () => {
    const { code, out } = await cli('workloads');
    expect(code).toBe(0);
    expect(out).toContain('square: Square\n  Returns 7 * 7.\n  params:   x=7\n  expected: x=49\n');
    expect(out).toContain('runtimes: alpha (fake assembly), beta (fake assembly)');
  });
});

describe('mounted command groups', () => {
  it('runs a group command with its arguments', async () => {
    expect(await cli('alpha', 'echo', 'hello', 'world')).toMatchObject({ code: 0, out: 'hello world\n' });
    // Only --help/-h are intercepted after a command name: `help` is an ordinary argument there.
    expect(await cli('alpha', 'echo', 'help')).toMatchObject({ code: 0, out: 'help\n' });
  });

  it('lists the group commands', async () => {
    const { code, out } = await cli('alpha', '--help');
    expect(code).toBe(0);
    expect(out).toMatch(/polyvm alpha echo <words>\.\.\. +prints its arguments/);
    expect((await cli('help', 'alpha')).out).toBe(out);
    expect((await cli('alpha')).code).toBe(2);
  });

  it('shows a group command usage', async () => {
    const { code, out } = await cli('alpha', 'echo', '--help');
    expect(code).toBe(0);
    expect(out).toContain('usage: polyvm alpha echo <words>...');
  });

  it('reports an unknown group command and a bad argument as usage errors', async () => {
    const unknown = await cli('alpha', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "alpha nope" (known: echo, decode)');
    const bad = await cli('alpha', 'echo');
    expect(bad.code).toBe(2);
    expect(bad.err).toBe("polyvm: echo needs at least one word (see 'polyvm alpha echo --help')\n");
  });

  it('prints a typed error with its code, details and cause, exit 1', async () => {
    const { code, err } = await cli('alpha', 'decode', '00');
    expect(code).toBe(1);
    expect(err).toBe(
      'polyvm: DecodeError [DECODE]: bad opcode 0xfe\n  details: {"offset":3}\n  caused by: Error: truncated\n',
    );
  });
});
