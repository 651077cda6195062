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

  it('refuses a bad command line with an InvalidArgumentError (exit 2 in the CLI)', async () => {
    for (const name of ['run', 'inspect', 'trace']) {
      await expect(run(name, [])).rejects.toThrow('missing <file>');
    }
    const wat = join(import.meta.dirname, '..', 'package.json');
    await expect(run('run', [wat, '--method', 'm'])).rejects.toThrow('is not a WebAssembly module');
    await expect(run('run', ['x.wasm', '--profile', 'bogus'])).rejects.toThrow(
      '--profile must be one of near, cosmwasm, got "bogus"',
    );
    await expect(run('run', ['x.wasm', '--method', 'm', '--gas', '-1'])).rejects.toThrow(
      '--gas must be a non-negative integer',
    );
    await expect(run('run', ['missing.wasm', '--method', 'm'])).rejects.toThrow(
      'cannot read module "missing.wasm": no such file or directory',
    );
    await expect(run('inspect', ['x.wasm', '--bogus'])).rejects.toThrow("Unknown option '--bogus'");
  });

  it('refuses every malformed argument before running anything', async () => {
    const wat = join(import.meta.dirname, '..', 'package.json');
    const cases: Array<[string, string[], RegExp]> = [
      ['inspect', ['/no/such/file.wasm'], /no such file/],
      ['trace', ['/no/such/file.wasm', '--method', 'm'], /no such file/],
      ['run', [wat, '--method', 'm', '--gas=-1'], /--gas must be a non-negative integer/],
      ['run', [wat, '--method', 'm', '--args-hex', 'zz'], /--args-hex must be hex/],
      ['run', [wat, '--method', 'm', '--bogus'], /Unknown option/],
      ['trace', [wat, '--method', 'm', '--limit=-1'], /--limit must be a non-negative integer/],
      ['spec', ['/no/such/dir'], /no such file or directory|does not exist|cannot read/],
    ];
    for (const [name, args, message] of cases) {
      await expect(run(name, args), `${name} ${args.join(' ')}`).rejects.toThrow(message);
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
