import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIO } from '../io.js';
import { compileToken, ERC20_FOLDER } from '../testing/solc-token.js';
import { defaultContext } from '../wiring.js';

const ctx = defaultContext();

async function cli(...argv: string[]) {
  const io = memoryIO();
  const code = await runCli(argv, ctx, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('session mode: polyvm <vm> deploy|call --state dir', () => {
  it('deploys a token with a constructor, transfers, reads balances across invocations', async () => {
    compileToken();
    const state = mkdtempSync(join(tmpdir(), 'polyvm-state-'));
    const token = join(ERC20_FOLDER, 'build', 'Token.json');
    const deploy = await cli(
      'evm',
      'deploy',
      token,
      '--contract',
      'Token',
      '--constructor',
      'constructor(uint256)',
      '--arg',
      '1000',
      '--name',
      'token',
      '--state',
      state,
    );
    expect(deploy.out).toMatch(
      /\[evm\] 1 deploy token: success.*\n {4}event {2}Transfer\(from=0x0{40}, to=0x[0-9a-f]{40}, value=1000\)/,
    );
    expect(deploy.code).toBe(0);
    const transfer = await cli(
      'evm',
      'call',
      'token',
      'transfer(address,uint256)',
      '--arg',
      '@bob',
      '--arg',
      '250',
      '--returns',
      'bool',
      '--state',
      state,
    );
    expect(transfer.out).toContain('return [true]');
    expect(transfer.out).toMatch(/event {2}Transfer\(from=0x[0-9a-f]{40}, to=0x[0-9a-f]{40}, value=250\)/);
    const balance = await cli(
      'evm',
      'call',
      'token',
      'balanceOf(address)',
      '--arg',
      '@bob',
      '--returns',
      'uint256',
      '--state',
      state,
      '--json',
    );
    expect(JSON.parse(balance.out)).toMatchObject({ status: 'success', returned: ['250'] });
    const overdraft = await cli(
      'evm',
      'call',
      'token',
      'transfer(address,uint256)',
      '--arg',
      '@bob',
      '--arg',
      '5000',
      '--state',
      state,
    );
    expect(overdraft.out).toContain('revert (InsufficientBalance(available=750, required=5000))');
    expect(overdraft.out).not.toContain('FAILED');
    expect(overdraft.code).toBe(1);
  }, 120_000);

  it('refuses a call without a state, or of an unknown contract, as a usage error', async () => {
    const noState = await cli('evm', 'call', 'token', 'f()');
    expect(noState).toMatchObject({ code: 2 });
    expect(noState.err).toContain('call needs --state <dir>');
    const state = mkdtempSync(join(tmpdir(), 'polyvm-state-'));
    const unknown = await cli('move', 'call', 'nope', 'f', '--state', state);
    expect(unknown.err).toContain('no contract "nope" in the session');
    expect(unknown.code).toBe(2);
  });
});
