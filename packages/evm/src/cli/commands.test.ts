import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/assembler.js';
import { commandGroup } from './commands.js';

async function run(name: string, args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const command = commandGroup.commands.find((c) => c.name === name)!;
  const code = await command.run(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}

describe('polyvm evm commands', () => {
  it('statetest prints PASS lines and a summary', async () => {
    const dir = join(import.meta.dirname, '../../test/fixtures/state');
    const { code, out } = await run('statetest', [dir]);
    expect(code).toBe(0);
    expect(out.filter((l) => l.startsWith('PASS'))).toHaveLength(18);
    expect(out.at(-1)).toBe('18 passed, 0 failed, 18 total (fork Cancun)');
  });

  it('statetest --trace writes EIP-3155 lines to stderr', async () => {
    const file = join(import.meta.dirname, '../../test/fixtures/state/transientStorage.json');
    const out: string[] = [];
    const err: string[] = [];
    const command = commandGroup.commands.find((c) => c.name === 'statetest')!;
    expect(await command.run([file, '--trace'], { out: (t) => out.push(t), err: (t) => err.push(t) })).toBe(
      0,
    );
    const steps = err.map((l) => JSON.parse(l));
    expect(steps[0]).toMatchObject({ pc: 0, opName: 'PUSH1', depth: 1 });
    expect(steps.some((s) => s.depth === 2 && s.opName === 'TLOAD')).toBe(true);
    expect(out.at(-1)).toBe('1 passed, 0 failed, 1 total (fork Cancun)');
  });

  it('statetest with no fixtures for the fork exits non-zero', async () => {
    const dir = join(import.meta.dirname, '../../test/fixtures/state');
    const { code, out } = await run('statetest', [dir, '--fork', 'Prague']);
    expect(code).toBe(1);
    expect(out.at(-1)).toBe('0 passed, 0 failed, 0 total (fork Prague)');
  });

  it('statetest refuses an unknown or unsupported fork with exit 2', async () => {
    const dir = join(import.meta.dirname, '../../test/fixtures/state');
    for (const fork of ['Shanghai', 'Bogus']) {
      const { code, err } = await run('statetest', [dir, '--fork', fork]);
      expect(code).toBe(2);
      expect(err.join('\n')).toMatch(/unsupported fork/);
    }
  });

  it('statetest gives up on a case after --time-limit seconds and runs the rest', async () => {
    // 2^32 − 1 BLAKE2F rounds under a 2^62 gas limit: affordable, but hours of work.
    const hostile = assemble(
      'PUSH 0xffffffff PUSH 224 SHL PUSH0 MSTORE PUSH0 PUSH0 PUSH 213 PUSH0 PUSH 9 GAS STATICCALL STOP',
    );
    const file = join(mkdtempSync(join(tmpdir(), 'polyvm-evm-')), 'blake2f-rounds.json');
    const entry = (data: number) => ({
      hash: `0x${'00'.repeat(32)}`,
      logs: '0x',
      indexes: { data, gas: 0, value: 0 },
    });
    const test = {
      env: {
        currentCoinbase: '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba',
        currentGasLimit: `0x${(1n << 62n).toString(16)}`,
        currentNumber: '0x01',
        currentTimestamp: '0x03e8',
        currentBaseFee: '0x00',
      },
      pre: {
        '0x00000000000000000000000000000000000c0de0': {
          balance: '0x00',
          code: toHex(hostile),
          nonce: '0x01',
          storage: {},
        },
        '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b': {
          balance: '0x00',
          code: '0x',
          nonce: '0x00',
          storage: {},
        },
      },
      transaction: {
        data: ['0x', '0x'],
        gasLimit: [`0x${(1n << 62n).toString(16)}`],
        value: ['0x00'],
        nonce: '0x00',
        to: '0x00000000000000000000000000000000000c0de0',
        sender: '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b',
        gasPrice: '0x00',
      },
      post: { Cancun: [entry(0), entry(1)] },
    };
    writeFileSync(file, JSON.stringify({ hostile: test }));
    const started = performance.now();
    const { code, out } = await run('statetest', [file, '--time-limit', '1']);
    expect(code).toBe(1);
    expect(out.filter((l) => /timed out after 1000 ms/.test(l))).toHaveLength(2);
    expect(out.at(-1)).toBe('0 passed, 2 failed, 2 total (fork Cancun)');
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it('run --trace prints EIP-3155 lines with exact gas and a summary', async () => {
    const { code, out } = await run('run', ['0x6001600201', '--trace']);
    expect(code).toBe(0);
    const steps = out.slice(0, -1).map((l) => JSON.parse(l));
    expect(steps.map((s) => s.opName)).toEqual(['PUSH1', 'PUSH1', 'ADD', 'STOP']);
    expect(steps[0]).toMatchObject({
      pc: 0,
      op: 0x60,
      gasCost: '0x3',
      depth: 1,
      stack: [],
      refund: 0,
      memSize: 0,
    });
    expect(steps[2]).toMatchObject({ pc: 4, op: 1, stack: ['0x1', '0x2'], gasCost: '0x3' });
    expect(BigInt(steps[0].gas) - BigInt(steps[3].gas)).toBe(9n);
    const summary = JSON.parse(out.at(-1)!);
    expect(summary).toMatchObject({ output: '0x', gasUsed: `0x${(21000 + 9).toString(16)}`, pass: true });
  });

  it('run reports reverts and returns exit code 1', async () => {
    const { code, out } = await run('run', [
      '--asm',
      'PUSH 0xbeef PUSH 0 MSTORE PUSH 2 PUSH 30 REVERT',
      '--json',
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(out[0]!)).toMatchObject({
      status: 'revert',
      returnData: '0xbeef',
      revertReason: 'unknown revert data 0xbeef',
    });
  });

  it('run --fork Prague reaches the EIP-2537 precompiles', async () => {
    // STATICCALL G1ADD (0x0b) with 256 zero bytes (0 + 0) and return RETURNDATASIZE.
    const code =
      'PUSH 0 PUSH 0 PUSH 256 PUSH 0 PUSH 11 GAS STATICCALL POP RETURNDATASIZE PUSH0 MSTORE PUSH 32 PUSH0 RETURN';
    const size = async (fork: string) => {
      const { code: exit, out } = await run('run', ['--asm', code, '--fork', fork, '--json']);
      expect(exit).toBe(0);
      return BigInt(JSON.parse(out[0]!).returnData);
    };
    expect(await size('Cancun')).toBe(0n);
    expect(await size('Prague')).toBe(128n);
    await expect(run('run', ['0x00', '--fork', 'Osaka'])).rejects.toThrow(
      '--fork must be one of Cancun, Prague, got "Osaka"',
    );
  });

  it('asm and disasm round-trip', async () => {
    const asm = await run('asm', ['--code', 'PUSH 0x2a PUSH @end JUMP end: JUMPDEST STOP']);
    expect(asm.out).toEqual(['0x602a610006565b00']);
    const disasm = await run('disasm', [asm.out[0]!]);
    expect(disasm.out[0]!.split('\n').map((l) => l.trim())).toEqual([
      '0  PUSH1 0x2a',
      '2  PUSH2 0x0006',
      '5  JUMP',
      '6  JUMPDEST',
      '7  STOP',
    ]);
  });

  it('bad input is an InvalidArgumentError (a usage error for the CLI), not a crash', async () => {
    await expect(run('disasm', ['0xabc'])).rejects.toThrow('hex has an odd number of digits');
    await expect(run('run', ['0x'])).rejects.toThrow('"0x" is empty: no bytecode to run');
    await expect(run('run', ['0x00', '--gas', '-1'])).rejects.toThrow(
      '--gas must be a non-negative integer, got "-1"',
    );
    await expect(run('asm', ['--code', 'PUSH'])).rejects.toThrow(
      'EVM assembly: asm line 1: PUSH needs an argument',
    );
  });

  it('run prints events, storage writes and a decoded Error(string) revert', async () => {
    // LOG1 with topic 0x01 and one data word, SSTORE slot 0 := 5, then REVERT with Error("no").
    const logAndStore = 'PUSH 7 PUSH0 MSTORE PUSH 1 PUSH 32 PUSH0 LOG1 PUSH 5 PUSH0 SSTORE STOP';
    const ok = await run('run', ['--asm', logAndStore]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(
      `event    0x000000000000000000000000000000000000c0de topics [0x${'0'.repeat(63)}1] data 0x${'0'.repeat(63)}7`,
    );
    expect(ok.out).toContain('storage  0x000000000000000000000000000000000000c0de slot 0x0: 0x0 -> 0x5');
    const revert = [
      'PUSH 0x08c379a0 PUSH 224 SHL PUSH0 MSTORE', // selector of Error(string)
      'PUSH 32 PUSH 4 MSTORE PUSH 2 PUSH 36 MSTORE', // offset, length
      'PUSH 0x6e6f PUSH 240 SHL PUSH 68 MSTORE', // "no"
      'PUSH 100 PUSH0 REVERT',
    ].join(' ');
    const failed = await run('run', ['--asm', revert]);
    expect(failed.code).toBe(1);
    expect(failed.out).toContain('reason   Error("no")');
  });
});
