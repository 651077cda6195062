/**
 * Integer widths Move lacks (uint24, int40, uint96, bytes3) live in the next Move word: checked
 * arithmetic must still panic at the type's own bounds, `<<` and unchecked arithmetic must keep N
 * bits, and address ↔ uint160 must round-trip. Each call against the IR interpreter.
 */
import { describe, expect, it } from 'vitest';
import { comparable } from '../../test/corpus-harness.js';
import { compileSources } from '../compile.js';
import { irTarget } from '../target/ir-target.js';
import type { JsValue } from '../target/target.js';
import { moveTarget } from './target.js';

const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract Widths {
  uint24 public stored;
  function add24(uint24 a, uint24 b) external pure returns (uint24) { return a + b; }
  function mul24(uint24 a, uint24 b) external pure returns (uint24) { return a * b; }
  function pow24(uint24 a, uint8 e) external pure returns (uint24) { return a ** e; }
  function wrap24(uint24 a, uint24 b) external pure returns (uint24, uint24) { unchecked { return (a + b, a * b); } }
  function shl24(uint24 a, uint8 n) external pure returns (uint24) { return a << n; }
  function add40(int40 a, int40 b) external pure returns (int40) { return a + b; }
  function neg40(int40 a) external pure returns (int40, int64) { return (-a, int64(a)); }
  function narrow(uint96 a) external pure returns (uint24, bytes3) { return (uint24(a), bytes3(uint24(a))); }
  function addr(address a) external pure returns (uint160, address) { return (uint160(a), address(uint160(a) + 1)); }
  function store(uint24 v) external returns (uint24) { stored += v; return stored; }
}`;

const MAX24 = (1n << 24n) - 1n;
const CALLS: [string, JsValue[]][] = [
  ['add24', [MAX24 - 1n, 1n]],
  ['add24', [MAX24, 1n]],
  ['mul24', [4096n, 4095n]],
  ['mul24', [4096n, 4096n]],
  ['pow24', [2n, 23]],
  ['pow24', [2n, 24]],
  ['wrap24', [MAX24, 2n]],
  ['shl24', [0xabcdefn, 8]],
  ['shl24', [1n, 24]],
  ['add40', [(1n << 39n) - 1n, 1n]],
  ['add40', [-(1n << 39n), -1n]],
  ['add40', [-5n, 3n]],
  ['neg40', [-(1n << 39n)]],
  ['neg40', [-7n]],
  ['narrow', [(1n << 90n) + 0x123456n]],
  ['addr', ['0x00000000000000000000000000000000000a11ce']],
  ['addr', ['0xffffffffffffffffffffffffffffffffffffffff']],
  ['store', [MAX24]],
  ['store', [1n]],
];

describe('move: integer widths below the Move word, against the IR interpreter', () => {
  const artifact = compileSources({ 'Widths.sol': SOURCE }).artifact('Widths.sol', 'Widths');
  it(`${CALLS.length} calls agree (bounds panics, wrapping, shifts, casts, address ↔ uint160)`, () => {
    const runs = [irTarget, moveTarget].map((target) => {
      const { result, deployment } = target.deploy(artifact, []);
      expect(result.status).toBe('success');
      const calls = CALLS.map(([fn, args]) => comparable(deployment!.call(fn, args)));
      return { calls, storage: deployment!.storage() };
    });
    expect(runs[1]).toEqual(runs[0]);
    expect(JSON.stringify(runs[1]!.calls)).toContain('"panic"');
  });
});
