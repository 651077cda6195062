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

/** A require three calls deep, after storage writes and an event in the same transaction. */
const DEEP = `
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract Deep {
  uint256 public x;
  event Step(uint256 n);
  error Bad(string why, uint256 n);
  function inner(uint256 n) internal returns (uint256) {
    x = n; emit Step(n);
    require(n < 10, "too big");
    return n + 1;
  }
  function middle(uint256 n) internal returns (uint256, uint256) {
    uint256 a = inner(n);
    x = 99;
    return (a, inner(a + 3));
  }
  function run(uint256 n) external returns (uint256) {
    (uint256 a, uint256 b) = middle(n);
    x = a + b - 4;
    return b - 3;
  }
  function check(uint256 n) external pure returns (uint256) {
    return n < 10 ? n : helper(n);
  }
  function helper(uint256 n) internal pure returns (uint256) {
    require(n < 10, "too big");
    return n;
  }
  function custom(uint256 n) external { x = n; revert Bad('say "hi"', n); }
  uint256[] items;
  function popEmpty() external { x = 1; items.pop(); }
  function outOfBounds(uint256 i) external returns (uint256) { return pick(new uint256[](2), i); }
  function pick(uint256[] memory a, uint256 i) internal pure returns (uint256) { return a[i]; }
}`;

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
type Entry = 'execute' | 'query';
const transaction = (sender: Uint8Array, message: unknown, entry: Entry) => ({
  sender,
  to: COSMWASM_CONTRACT,
  input: json(message),
  value: 0n,
  gasLimit: COSMWASM_GAS_LIMIT,
  nonce: 0n,
  payload: { entry },
});

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
    const tx = (message: unknown, entry: Entry) => transaction(alice, message, entry);
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
    // An Err result (`{"error": …}`), as a Rust contract returns it; wasmd discards the state.
    expect(refused.error?.message).toMatch(/contract error: insufficient$/);
    const unknown = runtime.execute(state, tx({ nope: {} }, 'execute'));
    expect(unknown.status).toBe('revert');
    expect(unknown.error?.message).toMatch(/contract error: unknown message variant$/);
  });

  it('propagates a revert deep in internal calls to an Err result and keeps the state as before', () => {
    const module = compileCosmWasm(compile(DEEP).ir);
    const runtime = new CosmWasmRuntime();
    const state = new JournaledState();
    const sender = accountBytes(0xa11cen);
    const deployed = runtime.deploy(state, {
      sender,
      address: COSMWASM_CONTRACT,
      code: module.wasm,
      input: json({}),
      gasLimit: COSMWASM_GAS_LIMIT,
    });
    expect(deployed.status).toBe('success');
    const run = (message: unknown, entry: Entry = 'execute') =>
      runtime.execute(state, transaction(sender, message, entry));
    expect(text(run({ run: { n: '3' } }).returnData)).toBe('"5"');
    const failed = run({ run: { n: '9' } });
    expect(failed.status).toBe('revert');
    expect(failed.error?.message).toMatch(/contract error: too big$/);
    expect(failed.events).toEqual([]);
    const custom = run({ custom: { n: '7' } });
    expect(custom.error?.message).toMatch(
      /contract error: ERROR_JSON:\{"error":"Bad","args":\{"why":"say \\"hi\\"","n":"7"\}\}$/,
    );
    expect(run({ check: { n: '11' } }, 'query').error?.message).toMatch(/contract error: too big$/);
    expect(text(run({ x: {} }, 'query').returnData)).toBe('"8"');
    // Panics raised inside the runtime library (memory bounds, pop of an empty array) too.
    expect(run({ pop_empty: {} }).error?.message).toMatch(/contract error: Panic\(0x31\)$/);
    expect(run({ out_of_bounds: { i: '2' } }).error?.message).toMatch(/contract error: Panic\(0x32\)$/);
    expect(text(run({ out_of_bounds: { i: '1' } }).returnData)).toBe('"0"');
  });

  it('lists the module as WebAssembly text for polyvm build --emit wat', () => {
    const build = cosmwasmTarget.build(compile(SOURCE));
    expect(build.listing?.format).toBe('wat');
    expect(build.listing?.text).toMatch(/^\(module/);
    expect(build.listing?.text).toContain('(export "interface_version_8")');
  });
});
