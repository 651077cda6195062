import { join } from 'node:path';
import { fixturesOrWarn } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { commandGroup } from './command.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

async function run(name: string, args: string[]) {
  const command = commandGroup.commands.find((c) => c.name === name)!;
  const c = capture();
  const code = await command.run(args, c.io);
  return { code, out: c.out.join(''), err: c.err.join('') };
}

const contracts = fixturesOrWarn('wasm/contracts', 'wasm CLI runs on the real contracts');

describe('polyvm wasm commands', () => {
  it('exposes run, inspect, trace and spec', () => {
    expect(commandGroup.name).toBe('wasm');
    expect(commandGroup.commands.map((c) => c.name)).toEqual(['run', 'inspect', 'trace', 'spec']);
  });

  it('prints usage and exit code 2 without arguments', async () => {
    for (const name of ['run', 'inspect', 'trace']) {
      const r = await run(name, []);
      expect(r.code).toBe(2);
      expect(r.err).toContain('usage');
    }
  });

  it('refuses bad arguments with exit code 2 and a one-line reason, not an internal error', async () => {
    const wat = join(import.meta.dirname, '..', 'package.json');
    const cases: Array<[string, string[], RegExp]> = [
      ['run', ['/no/such/file.wasm', '--method', 'm'], /no such file/],
      ['inspect', ['/no/such/file.wasm'], /no such file/],
      ['trace', ['/no/such/file.wasm', '--method', 'm'], /no such file/],
      ['run', [wat, '--method', 'm', '--profile', 'bogus'], /--profile must be near or cosmwasm/],
      ['run', [wat, '--method', 'm', '--gas=-1'], /--gas must be a non-negative integer/],
      ['run', [wat, '--method', 'm', '--gas', '-1'], /gas/],
      ['run', [wat, '--method', 'm', '--args-hex', 'zz'], /--args-hex must be hex/],
      ['run', [wat, '--method', 'm', '--bogus'], /Unknown option/],
      ['trace', [wat, '--method', 'm', '--limit=-1'], /--limit must be a non-negative integer/],
      ['spec', ['/no/such/dir'], /no such directory/],
    ];
    for (const [name, args, message] of cases) {
      const r = await run(name, args);
      expect(r.code, `${name} ${args.join(' ')}`).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).toContain('usage: polyvm wasm');
    }
  });

  describe.skipIf(!contracts)('on the fixture contracts', () => {
    it('inspect reports imports, exports and profile acceptance', async () => {
      const r = await run('inspect', [join(contracts!, 'near_status_message.wasm')]);
      expect(r.code).toBe(0);
      expect(r.out).toContain('import env.storage_write (func)');
      expect(r.out).toContain('near: accepted');
      expect(r.out).toMatch(/cosmwasm: rejected \(VALIDATION\)/);
    });

    it('run calls a NEAR method and shows the state change', async () => {
      const r = await run('run', [
        join(contracts!, 'near_status_message.wasm'),
        '--method',
        'set_status',
        '--args',
        '{"message":"hi"}',
      ]);
      expect(r.code).toBe(0);
      expect(r.out).toContain('set_status: success');
      expect(r.out).toContain('log: alice.near set_status with message hi');
      expect(r.out).toContain('state wasm/storage');
    });

    it('run instantiates and queries a CosmWasm contract', async () => {
      const verifier = 'cosmwasm1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqsgdfxwq';
      const r = await run('run', [
        join(contracts!, 'cosmwasm_hackatom.wasm'),
        '--profile',
        'cosmwasm',
        '--init-args',
        JSON.stringify({ verifier, beneficiary: verifier }),
        '--method',
        'query',
        '--args',
        '{"verifier":{}}',
      ]);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`"verifier":"${verifier}"`);
    });

    it('trace prints instructions with gas and a final count', async () => {
      const r = await run('trace', [
        join(contracts!, 'near_status_message.wasm'),
        '--method',
        'get_status',
        '--args',
        '{"account_id":"alice.near"}',
        '--limit',
        '5',
      ]);
      expect(r.code).toBe(0);
      const lines = r.out.split('\n').filter((l) => / cost=/.test(l));
      expect(lines).toHaveLength(5);
      // Locations are function names (here the exported method) and byte offsets.
      expect(lines[0]).toMatch(/get_status@\s*\d+/);
      expect(r.out).toMatch(/\d+ instructions executed/);
      expect(r.out).toContain('more steps');
    });
  });
});
