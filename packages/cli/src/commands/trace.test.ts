import { DecodeError, formatStep, type StepEvent, type WorkloadImplementation } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIO } from '../io.js';
import { fakeContext } from '../testing/fake-context.js';
import { fakeWorkload, fakeWorkloads, PROGRAMS } from '../testing/fake-vm.js';

async function trace(argv: string[], ctx = fakeContext()) {
  const io = memoryIO();
  const code = await runCli(['trace', ...argv], ctx, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('polyvm trace', () => {
  it('prints one formatted step per instruction and a summary on stderr', async () => {
    const { code, out, err } = await trace(['beta', 'square']);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    const mul: StepEvent = {
      runtime: 'beta',
      depth: 0,
      pc: 18,
      op: 'MUL',
      gasBefore: 999_994,
      gasCost: 3,
      stack: ['7', '7'],
    };
    expect(lines[2]).toBe(formatStep(mul));
    expect(err).toContain('tracing beta/square (fake assembly)\n4 steps\n');
    expect(err).toContain('status success; gas 12 beta-gas (normalized 4); 4 instructions');
    expect(err).toContain('result x=49; expected x=49: agrees');
  });

  it('prints JSON lines with --json', async () => {
    const { code, out } = await trace(['alpha', 'counter', '--json']);
    expect(code).toBe(0);
    const events = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as StepEvent);
    expect(events.map((e) => e.op)).toEqual([
      'PUSH',
      'PUSH',
      'LOAD',
      'PUSH',
      'ADD',
      'STORE',
      'PUSH',
      'LOAD',
      'RETURN',
    ]);
    expect(events[5]).toMatchObject({ runtime: 'alpha', pc: 29, gasCost: 100, stack: ['0', '1'] });
  });

  it('stops printing at --limit but still runs to the end', async () => {
    const { code, out, err } = await trace(['alpha', 'counter', '--limit', '2']);
    expect(code).toBe(0);
    expect(out.trimEnd().split('\n')).toHaveLength(2);
    expect(err).toContain('9 steps (7 not shown; raise --limit, or --limit 0 for all)');
    expect(err).toContain('result counter=1');
  });

  it('exits 1 when the traced run fails or disagrees', async () => {
    const ctx = fakeContext([
      fakeWorkload('alpha', 'counter', PROGRAMS.failing, 'counter'),
      fakeWorkload('alpha', 'square', PROGRAMS.wrongSquare, 'x'),
    ]);
    const failing = await trace(['alpha', 'counter'], ctx);
    expect(failing.code).toBe(1);
    expect(failing.err).toContain('status revert');
    expect(failing.err).toContain('error: ExecutionError: FAIL executed');
    const wrong = await trace(['alpha', 'square'], ctx);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('result x=56; expected x=49: DISAGREES');
  });

  it.each([
    [[], 'missing <runtime>'],
    [['alpha'], 'missing <workload>'],
    [['alpha', 'square', 'more'], 'unexpected argument "more"'],
    [['gamma', 'square'], 'unknown runtime "gamma" (known: alpha, beta)'],
    [['alpha', 'cube'], 'unknown workload "cube" (known: counter, square)'],
    [['alpha', 'square', '--limit', '-1'], '--limit must be an integer from 0'],
    [['alpha', 'square', '--limit', 'x'], '--limit must be an integer'],
  ])('refuses %j with a usage error', async (argv, message) => {
    const { code, err } = await trace(argv);
    expect(code).toBe(2);
    expect(err).toContain(`polyvm: ${message}`);
    expect(err).toMatch(/^polyvm: .* \(see 'polyvm trace --help'\)\n$/);
  });

  it('says which runtime lacks the workload', async () => {
    const ctx = fakeContext([
      ...fakeWorkloads('alpha'),
      fakeWorkload('beta', 'counter', PROGRAMS.counter, 'counter'),
    ]);
    const { code, err } = await trace(['beta', 'square'], ctx);
    expect(code).toBe(2);
    expect(err).toContain('runtime "beta" does not implement "square" (it has: counter)');
  });

  it('reports a workload that cannot even be deployed as a typed error, exit 1', async () => {
    const broken = {
      ...fakeWorkload('alpha', 'counter', PROGRAMS.counter, 'counter'),
      prepare: () => {
        throw new DecodeError('module is truncated', { details: { offset: 8 } });
      },
    };
    const { code, out, err } = await trace(['alpha', 'counter'], fakeContext([broken]));
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe('polyvm: DecodeError [DECODE]: module is truncated\n  details: {"offset":8}\n');
  });

  it('fails loudly when a runtime ignores the tracer', async () => {
    const silent = {
      ...fakeWorkload('alpha', 'square', PROGRAMS.square, 'x'),
      prepare: async (...args: Parameters<WorkloadImplementation['prepare']>) => {
        const prepared = await fakeWorkload('alpha', 'square', PROGRAMS.square, 'x').prepare(...args);
        return { ...prepared, run: () => prepared.run() };
      },
    };
    const { code, out, err } = await trace(['alpha', 'square'], fakeContext([silent]));
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('alpha ran 4 instructions but emitted no step events');
  });
});
