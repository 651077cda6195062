import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIO } from '../io.js';
import { compileToken, ERC20_FOLDER } from '../testing/solc-token.js';
import { defaultContext } from '../wiring.js';

describe('a solc-compiled ERC-20 through `polyvm run`', () => {
  it('deploys with a constructor, transfers, reads balances, decodes events and reverts', async () => {
    compileToken();
    const io = memoryIO();
    const code = await runCli(['run', join(ERC20_FOLDER, 'token.yaml')], defaultContext(), io);
    const out = io.stdout();
    expect(io.stderr()).toBe('');
    expect(out).toMatch(
      /\[evm\] 1 deploy token: success, gas \d+\n {4}event {2}Transfer\(from=0x0{40}, to=0x[0-9a-f]{40}, value=1000\)/,
    );
    expect(out).toMatch(
      /\[evm\] 2 transfer: success, gas \d+, return \[true\]\n {4}event {2}Transfer\(from=0x[0-9a-f]{40}, to=0x[0-9a-f]{40}, value=250\)/,
    );
    expect(out).toContain('[evm] 3 balance of alice: success');
    expect(out).toContain('return ["750"]');
    expect(out).toContain('[evm] 5 overdraft: revert (InsufficientBalance(available=250, required=251))');
    expect(out).toContain('[evm] 6 require: revert (Error("burning is not allowed"))');
    expect(out).toContain('evm 6/6 steps as expected');
    expect(code).toBe(0);
  }, 120_000);
});
