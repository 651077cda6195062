import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import solc from 'solc';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIO } from '../io.js';
import { defaultContext } from '../wiring.js';

const folder = join(import.meta.dirname, '../../scenarios/erc20');

/** Compiles Token.sol with solc (standard JSON) into build/Token.json, where token.yaml reads it. */
function compile(): void {
  const input = {
    language: 'Solidity',
    sources: { 'Token.sol': { content: readFileSync(join(folder, 'Token.sol'), 'utf8') } },
    settings: {
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as {
    errors?: { severity: string; formattedMessage: string }[];
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  mkdirSync(join(folder, 'build'), { recursive: true });
  writeFileSync(join(folder, 'build', 'Token.json'), JSON.stringify(output));
}

describe('a solc-compiled ERC-20 through `polyvm run`', () => {
  it('deploys with a constructor, transfers, reads balances, decodes events and reverts', async () => {
    compile();
    const io = memoryIO();
    const code = await runCli(['run', join(folder, 'token.yaml')], defaultContext(), io);
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
