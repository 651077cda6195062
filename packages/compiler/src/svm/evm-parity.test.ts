import { describe, expect, it } from 'vitest';
import { compileCorpus, loadCorpus, runCase } from '../../test/corpus-harness.js';
import { evmSolcTarget } from '../target/evm-target.js';
import { svmTarget } from './target.js';

/**
 * Issue 15's "done when" contracts against solc's EVM bytecode on polyvm's EVM: every call's outcome,
 * revert reason (custom error arguments included), return values and events, and the final storage
 * (the state account keeps solc's slots; a 20-byte address is the pubkey with that big-endian value).
 */
const SIX = ['erc20', 'amm', 'nft', 'merkle', 'multisig', 'escrow'];
const { cases, sources } = loadCorpus();

describe('svm target = EVM (solc) on the ERC-20, AMM, NFT, merkle, multisig and escrow contracts', () => {
  const compilation = compileCorpus(sources);
  for (const name of SIX) {
    const c = cases.find((k) => k.name === name);
    it(`${name}: ${c?.calls.length ?? 0} calls, final storage`, () => {
      expect(c, `examples/solidity/${name}.sol with its calls`).toBeDefined();
      const evm = runCase(compilation, evmSolcTarget, c!);
      const svm = runCase(compilation, svmTarget, c!);
      expect(svm.calls.length).toBe(c!.calls.length);
      expect(svm).toEqual(evm);
    });
  }
});
