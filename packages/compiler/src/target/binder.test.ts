import { JournaledState, type Runtime } from '@polyvm/core';
import { EvmRuntime } from '@polyvm/evm';
import { describe, expect, it } from 'vitest';
import { compileSources } from '../compile.js';
import { availableTargets } from './registry.js';

const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;
contract Vault {
  mapping(address => uint256) public balances;
  event Deposited(address indexed who, uint256 amount);
  constructor(uint256 seed) { balances[msg.sender] = seed; }
  function deposit(uint256 amount) external returns (uint256) {
    require(amount > 0, "zero");
    balances[msg.sender] += amount;
    emit Deposited(msg.sender, amount);
    return balances[msg.sender];
  }
}`;

describe('RuntimeBinder: a caller-owned runtime and state give the same results as deploy/call', () => {
  const artifact = compileSources({ 'vault.sol': SOURCE }).artifact('vault.sol', 'Vault');
  for (const target of availableTargets().filter((t) => t.binder !== undefined)) {
    it(target.name, async () => {
      const { deployment } = target.deploy(artifact, [5n]);
      const state = new JournaledState();
      const { result, binding } = await target.binder!.bind(artifact, new EvmRuntime(), state, [5n]);
      expect(result.status).toBe('success');
      expect(binding).not.toBeNull();
      expect(binding!.deployGas).toBe(result.gas);
      const runtime: Runtime = new EvmRuntime();
      for (const [fn, args] of [
        ['deposit', [7n]],
        ['deposit', [0n]],
        ['balances', ['0x00000000000000000000000000000000000a11ce']],
      ] as const) {
        const expected = deployment!.call(fn, args);
        const receipt = await runtime.execute(state, binding!.transaction(fn, args), binding!.options());
        expect(binding!.result(fn, receipt)).toEqual(expected);
      }
    });
  }
});
