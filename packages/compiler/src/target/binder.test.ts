import { JournaledState, type RuntimeFactory } from '@polyvm/core';
import * as evm from '@polyvm/evm';
import * as move from '@polyvm/move-lite';
import * as svm from '@polyvm/svm-lite';
import * as wasm from '@polyvm/wasm';
import { describe, expect, it } from 'vitest';
import { compileSources } from '../compile.js';
import { getTarget } from './registry.js';

const RUNTIMES: Record<string, RuntimeFactory> = {
  evm: evm.runtimeFactory,
  wasm: wasm.runtimeFactory,
  cosmwasm: wasm.cosmwasmRuntimeFactory,
  move: move.runtimeFactory,
  svm: svm.runtimeFactory,
};
const TARGETS = ['evm-solc', 'evm', 'wasm', 'cosmwasm', 'move', 'svm'];

const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;
contract Vault {
  mapping(address => uint256) public balances;
  event Deposited(address indexed who, uint256 amount);
  error TooMuch(address who, uint256 have, uint256 want);
  constructor(uint256 seed) { balances[msg.sender] = seed; }
  function deposit(uint256 amount) external returns (uint256) {
    require(amount > 0, "zero");
    balances[msg.sender] += amount;
    emit Deposited(msg.sender, amount);
    return balances[msg.sender];
  }
  function withdraw(uint256 amount) external {
    uint256 have = balances[msg.sender];
    if (have < amount) revert TooMuch(msg.sender, have, amount);
    balances[msg.sender] = have - amount;
  }
}`;

describe('RuntimeBinder: a caller-owned runtime and state give the same results as deploy/call', () => {
  const artifact = compileSources({ 'vault.sol': SOURCE }).artifact('vault.sol', 'Vault');
  it('every back end has a binder', () => {
    expect(TARGETS.filter((name) => getTarget(name)?.binder === undefined)).toEqual([]);
  });
  for (const target of TARGETS.flatMap((name) => getTarget(name) ?? [])) {
    if (target.binder === undefined) continue;
    it(target.name, async () => {
      const { deployment } = target.deploy(artifact, [5n]);
      const state = new JournaledState();
      const factory = RUNTIMES[target.binder!.runtimeName]!;
      const { result, binding } = await target.binder!.bind(artifact, factory.create(), state, [5n]);
      expect(result.status).toBe('success');
      expect(binding).not.toBeNull();
      expect(binding!.deployGas).toBe(result.gas);
      const runtime = factory.create();
      for (const [fn, args] of [
        ['deposit', [7n]],
        ['deposit', [0n]],
        ['withdraw', [100n]],
        ['withdraw', [2n]],
        ['balances', ['0x00000000000000000000000000000000000a11ce']],
      ] as const) {
        const expected = deployment!.call(fn, args);
        const receipt = await runtime.execute(state, binding!.transaction(fn, args), binding!.options());
        expect(binding!.result(fn, receipt)).toEqual(expected);
      }
      // The computed custom error comes back whole (Move replays it through its diagnostic twin).
      expect(deployment!.call('withdraw', [100n]).revert).toEqual({
        kind: 'custom',
        name: 'TooMuch',
        args: [0xa11cen, 10n, 100n],
      });
    });
  }

  it("the Move and sBPF binders refuse another VM's runtime", () => {
    const evmRuntime = RUNTIMES.evm!.create();
    for (const name of ['move', 'svm']) {
      expect(() => getTarget(name)!.binder!.bind(artifact, evmRuntime, new JournaledState(), [5n])).toThrow();
    }
  });
});
