/**
 * Constructs the corpus reaches only in contracts that are otherwise unsupported: events, nested
 * mappings, custom errors with constant arguments, `revert()`, `assert`, signed and unsigned edge
 * arithmetic. Each call must give the same outcome, reason, returns and events as the IR interpreter.
 */
import { describe, expect, it } from 'vitest';
import { comparable } from '../../test/corpus-harness.js';
import { compileSources } from '../compile.js';
import { irTarget } from '../target/ir-target.js';
import type { JsValue } from '../target/target.js';
import { moveTarget } from './target.js';

const SOURCE = `
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract Constructs {
  event Moved(address indexed from, address to, uint128 amount);
  event Ping();
  error Closed(uint8 code, bool flag);
  mapping(address => mapping(address => uint128)) public allowance;
  bool public open = true;
  function approve(address spender, uint128 amount) external {
    allowance[msg.sender][spender] = amount;
    emit Moved(msg.sender, spender, amount);
  }
  function spend(address owner, uint128 amount) external returns (uint128 left) {
    if (!open) revert Closed(7, true);
    uint128 a = allowance[owner][msg.sender];
    require(a >= amount, "allowance");
    allowance[owner][msg.sender] = a - amount;
    emit Ping();
    return a - amount;
  }
  function close() external { open = false; }
  function bare(uint16 x) external pure returns (uint16) { if (x == 0) revert(); assert(x != 1); return x * 2; }
  function signedMix(int16 a, int16 b) external pure returns (int16, int16, int16, int32) {
    return (a / b, a % b, a >> 3, int32(a) * 3);
  }
}`;

const CALLS: [string, JsValue[], bigint?][] = [
  ['approve', [0xb0b, 100]],
  ['allowance', [0xa11ce, 0xb0b]],
  ['spend', [0xa11ce, 30], 0xb0bn],
  ['spend', [0xa11ce, 80], 0xb0bn],
  ['spend', [0xa11ce, 70], 0xb0bn],
  ['close', []],
  ['spend', [0xa11ce, 1], 0xb0bn],
  ['bare', [0]],
  ['bare', [1]],
  ['bare', [40000]],
  ['bare', [3]],
  ['signedMix', [-7, 2]],
  ['signedMix', [-32768, -1]],
  ['signedMix', [5, 0]],
];

describe('move constructs against the IR interpreter', () => {
  const artifact = compileSources({ 'Constructs.sol': SOURCE }).artifact('Constructs.sol', 'Constructs');
  it(`${CALLS.length} calls agree (events, nested tables, custom errors, panics)`, () => {
    const runs = [irTarget, moveTarget].map((target) => {
      const { result, deployment } = target.deploy(artifact, []);
      expect(result.status).toBe('success');
      return CALLS.map(([fn, args, sender]) =>
        comparable(deployment!.call(fn, args, sender === undefined ? {} : { sender })),
      );
    });
    expect(runs[1]).toEqual(runs[0]);
    expect(JSON.stringify(runs[1])).toContain('Moved');
    expect(JSON.stringify(runs[1])).toContain('Closed');
  });
});
