import { JournaledState, type Transaction } from '@polyvm/core';
import { SvmRuntime, type SvmTxPayload } from '@polyvm/svm-lite';
import { describe, expect, it } from 'vitest';
import { compileSources } from '../compile.js';
import { svmTarget } from './target.js';

const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;
contract Vault {
  mapping(address => uint256) public balances;
  event Deposited(address indexed who, uint256 amount);
  error TooMuch(uint256 have, uint256 want);
  constructor(uint256 seed) { balances[msg.sender] = seed; }
  function deposit(uint256 amount) external returns (uint256) {
    require(amount > 0, "zero");
    balances[msg.sender] += amount;
    emit Deposited(msg.sender, amount);
    return balances[msg.sender];
  }
  function withdraw(uint256 amount) external {
    uint256 have = balances[msg.sender];
    if (amount > have) revert TooMuch(have, amount);
    balances[msg.sender] = have - amount;
  }
}`;

describe('svm RuntimeBinder: a caller-owned SvmRuntime and state give the same results as deploy/call', () => {
  const artifact = compileSources({ 'vault.sol': SOURCE }).artifact('vault.sol', 'Vault');
  it('deploys, builds Solana transactions (data + account metas) and decodes receipts like deploy/call', async () => {
    const { deployment } = svmTarget.deploy(artifact, [5n]);
    const state = new JournaledState();
    const runtime = new SvmRuntime();
    const { result, binding } = await svmTarget.binder!.bind(artifact, runtime, state, [5n]);
    expect(result.status).toBe('success');
    expect(binding).not.toBeNull();
    expect(binding!.deployGas).toBe(result.gas);
    expect(binding!.codeSize).toBeGreaterThan(0);
    const calls: Array<[string, bigint[] | string[], bigint | undefined]> = [
      ['deposit', [7n], undefined],
      ['deposit', [0n], undefined],
      ['deposit', [3n], 0xb0bn],
      ['withdraw', [100n], 0xb0bn],
      ['balances', ['0x00000000000000000000000000000000000a11ce'], undefined],
      ['balances', ['0xb0b'], undefined],
    ];
    const statuses = new Set<string>();
    for (const [fn, args, sender] of calls) {
      const context = sender === undefined ? {} : { sender };
      const expected = deployment!.call(fn, args, context);
      const tx = binding!.transaction(fn, args, context) as Transaction<SvmTxPayload>;
      expect(tx.payload?.accounts?.length).toBe(2);
      const receipt = await runtime.execute(state, tx, binding!.options(context));
      expect(binding!.result(fn, receipt)).toEqual(expected);
      statuses.add(expected.status);
    }
    expect([...statuses].sort()).toEqual(['revert', 'success']);
    expect(deployment!.call('balances', ['0xb0b'])).toMatchObject({ returns: [3n] });
  });

  it('binds only to an SvmRuntime', () => {
    expect(() => svmTarget.binder!.bind(artifact, {} as never, new JournaledState(), [5n])).toThrow(
      /SvmRuntime/,
    );
  });
});
