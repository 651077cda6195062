/** The CosmWasm profile's message shapes, entry points and Response, read back from the raw runtime. */
import { JournaledState } from '@polyvm/core';
import { CosmWasmRuntime, humanAddress } from '@polyvm/wasm';
import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { accountBytes } from './chain-target.js';
import { compileCosmWasm } from './compile-module.js';
import { snakeCase } from './cosmwasm-profile.js';
import { COSMWASM_CONTRACT, COSMWASM_GAS_LIMIT, cosmwasmTarget } from './cosmwasm-target.js';

const SOURCE = `
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract Bank {
  mapping(address => uint256) public balanceOf;
  event Paid(address indexed to, uint256 amount, string memo);
  constructor(uint256 seed) { balanceOf[msg.sender] = seed; }
  function payTo(address to, uint256 amount, string calldata memo) external returns (uint256) {
    require(balanceOf[msg.sender] >= amount, "insufficient");
    balanceOf[msg.sender] -= amount;
    balanceOf[to] += amount;
    emit Paid(to, amount, memo);
    return balanceOf[to];
  }
  function mine() external view returns (uint256) { return balanceOf[msg.sender]; }
}`;

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('CosmWasm profile', () => {
  it('names variants and fields as serde snake_case does', () => {
    expect(['transferFrom', 'balanceOf', 'name_', 'getURI', 'x'].map(snakeCase)).toEqual([
      'transfer_from',
      'balance_of',
      'name_',
      'get_u_r_i',
      'x',
    ]);
  });

  it('runs instantiate/execute/query messages and returns a cosmwasm-std Response', () => {
    const artifact = compile(SOURCE);
    const module = compileCosmWasm(artifact.ir);
    expect(module.queries).toEqual(new Set(['balanceOf']));
    const runtime = new CosmWasmRuntime();
    const state = new JournaledState();
    const alice = accountBytes(0xa11cen);
    const bob = humanAddress(accountBytes(0xb0bn));
    const deployed = runtime.deploy(state, {
      sender: alice,
      address: COSMWASM_CONTRACT,
      code: module.wasm,
      input: json({ seed: '100' }),
      gasLimit: COSMWASM_GAS_LIMIT,
    });
    expect(deployed.status).toBe('success');
    const tx = (message: unknown, entry: 'execute' | 'query') => ({
      sender: alice,
      to: COSMWASM_CONTRACT,
      input: json(message),
      value: 0n,
      gasLimit: COSMWASM_GAS_LIMIT,
      nonce: 0n,
      payload: { entry },
    });
    const paid = runtime.execute(
      state,
      tx({ pay_to: { to: bob, amount: '30', memo: 'rent "may"' } }, 'execute'),
    );
    expect(paid.status).toBe('success');
    expect(text(paid.returnData)).toBe('"30"');
    expect(paid.events.map((e) => [text(e.topics[0]!), JSON.parse(text(e.data))])).toEqual([
      [
        'Paid',
        [
          { key: 'to', value: bob },
          { key: 'amount', value: '30' },
          { key: 'memo', value: 'rent "may"' },
        ],
      ],
    ]);
    const balance = runtime.execute(state, tx({ balance_of: { arg0: bob } }, 'query'));
    expect(text(balance.returnData)).toBe('"30"');
    // A view reading msg.sender is an ExecuteMsg: a query has no sender.
    expect(text(runtime.execute(state, tx({ mine: {} }, 'execute')).returnData)).toBe('"70"');
    const refused = runtime.execute(state, tx({ pay_to: { to: bob, amount: '1000', memo: '' } }, 'execute'));
    expect(refused.status).toBe('revert');
    expect(refused.error?.message).toMatch(/insufficient/);
    const unknown = runtime.execute(state, tx({ nope: {} }, 'execute'));
    expect(unknown.status).toBe('revert');
    expect(unknown.error?.message).toMatch(/unknown message variant/);
  });

  it('lists the module as WebAssembly text for polyvm build --emit wat', () => {
    const build = cosmwasmTarget.build(compile(SOURCE));
    expect(build.listing?.format).toBe('wat');
    expect(build.listing?.text).toMatch(/^\(module/);
    expect(build.listing?.text).toContain('(export "interface_version_8")');
  });
});
