import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import solc from 'solc';

/** The ERC-20 scenario folder: Token.sol, token.yaml, and build/ (written by `compileToken`). */
export const ERC20_FOLDER = join(import.meta.dirname, '../../scenarios/erc20');

/** Compiles Token.sol with solc (standard JSON) into build/Token.json, where token.yaml reads it. */
export function compileToken(): void {
  const input = {
    language: 'Solidity',
    sources: { 'Token.sol': { content: readFileSync(join(ERC20_FOLDER, 'Token.sol'), 'utf8') } },
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
  mkdirSync(join(ERC20_FOLDER, 'build'), { recursive: true });
  writeFileSync(join(ERC20_FOLDER, 'build', 'Token.json'), JSON.stringify(output));
}
