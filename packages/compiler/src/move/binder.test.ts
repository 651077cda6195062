import { JournaledState } from '@polyvm/core';
import { MoveRuntime } from '@polyvm/move-lite';
import { describe, expect, it } from 'vitest';
import { compileSources } from '../compile.js';
import type { JsValue } from '../target/target.js';
import { MOVE_ADDRESS_BYTES } from './module-gen.js';
import { moveTarget } from './target.js';

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

describe('move binder: a caller-owned MoveRuntime and state give the same results as deploy/call', () => {
  const artifact = compileSources({ 'vault.sol': SOURCE }).artifact('vault.sol', 'Vault');
  it('deploys, calls (success, require, computed custom error replayed) and reads back', async () => {
    const { deployment } = moveTarget.deploy(artifact, [5n]);
    const state = new JournaledState();
    const runtime = new MoveRuntime({ addressWidth: MOVE_ADDRESS_BYTES });
    const { result, binding } = await moveTarget.binder!.bind(artifact, runtime, state, [5n]);
    expect(result.status).toBe('success');
    expect(binding).not.toBeNull();
    expect(binding!.deployGas).toBe(result.gas);
    const calls: [string, JsValue[]][] = [
      ['deposit', [7n]],
      ['deposit', [0n]],
      ['withdraw', [100n]],
      ['withdraw', [2n]],
      ['balances', ['0x00000000000000000000000000000000000a11ce']],
    ];
    for (const [fn, args] of calls) {
      const expected = deployment!.call(fn, args);
      const receipt = runtime.execute(state, binding!.transaction(fn, args) as never, binding!.options());
      expect(binding!.result(fn, receipt)).toEqual(expected);
    }
    expect(deployment!.call('withdraw', [100n]).revert).toEqual({
      kind: 'custom',
      name: 'TooMuch',
      args: [0xa11cen, 10n, 100n],
    });
  });

  it('refuses a runtime that is not move-lite', () => {
    const other = { name: 'evm', addressWidth: 20 } as never;
    expect(() => moveTarget.binder!.bind(artifact, other, new JournaledState(), [5n])).toThrow(/move-lite/);
    const narrow = new MoveRuntime({ addressWidth: 16 });
    expect(() => moveTarget.binder!.bind(artifact, narrow, new JournaledState(), [5n])).toThrow(/32-byte/);
  });
});
