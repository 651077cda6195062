/**
 * The wasm targets' RuntimeBinder: a caller-owned runtime and state give the same results as the
 * target's own deploy/call (as `target/binder.test.ts` checks for the EVM targets).
 */
import { JournaledState, type Runtime } from '@polyvm/core';
import { CosmWasmRuntime, NearRuntime } from '@polyvm/wasm';
import { describe, expect, it } from 'vitest';
import { compileSources } from '../compile.js';
import type { Target } from '../target/target.js';
import { cosmwasmTarget } from './cosmwasm-target.js';
import { wasmTarget } from './target.js';

const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;
contract Vault {
  mapping(address => uint256) public balances;
  string public label;
  event Deposited(address indexed who, uint256 amount, string label);
  constructor(uint256 seed, string memory label_) { balances[msg.sender] = seed; label = label_; }
  function deposit(uint256 amount) external returns (uint256) {
    require(amount > 0, "zero");
    balances[msg.sender] += amount;
    emit Deposited(msg.sender, amount, label);
    return balances[msg.sender];
  }
}`;

const cases: [Target, () => Runtime][] = [
  [wasmTarget, () => new NearRuntime()],
  [cosmwasmTarget, () => new CosmWasmRuntime()],
];

describe('RuntimeBinder on the wasm targets equals deploy/call', () => {
  const artifact = compileSources({ 'vault.sol': SOURCE }).artifact('vault.sol', 'Vault');
  for (const [target, runtime] of cases) {
    it(target.name, async () => {
      const deployArgs = [5n, 'vault "one"'];
      const { deployment } = target.deploy(artifact, deployArgs);
      const state = new JournaledState();
      const { result, binding } = await target.binder!.bind(artifact, runtime(), state, deployArgs);
      expect(result.status).toBe('success');
      expect(binding).not.toBeNull();
      expect(binding!.deployGas).toBe(result.gas);
      expect(binding!.codeSize).toBe(target.build(artifact).codeSize);
      const calls = runtime();
      for (const [fn, args] of [
        ['deposit', [7n]],
        ['deposit', [0n]],
        ['balances', ['0x00000000000000000000000000000000000a11ce']],
        ['label', []],
      ] as const) {
        const expected = deployment!.call(fn, args);
        const receipt = await calls.execute(state, binding!.transaction(fn, args), binding!.options());
        expect(binding!.result(fn, receipt)).toEqual(expected);
        if (fn === 'deposit' && args[0] === 7n) expect(expected.events).toHaveLength(1);
      }
    });
  }
});
