/** The path-keyed storage of the wasm targets read back in solc's slot layout, against the IR interpreter. */
import { describe, expect, it } from 'vitest';
import { storageJson } from '../../test/corpus-harness.js';
import { compile } from '../compile.js';
import { irTarget } from '../target/ir-target.js';
import { cosmwasmTarget } from './cosmwasm-target.js';
import { solcStorage } from './solc-storage.js';
import { wasmTarget } from './target.js';

/** Packed value types, signed and string mapping keys, dynamic and packed arrays, structs, long strings. */
const SOURCE = `
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract Layout {
  struct Pos { uint64 x; int8 y; string label; }
  uint8 small = 7;
  int16 negative = -300;
  bool flag = true;
  mapping(int8 => uint256) bySigned;
  mapping(string => Pos) byName;
  uint16[] packed;
  uint256[3] fixedArray;
  bytes4 tag = 0xdeadbeef;
  string text;
  function fill() external {
    bySigned[-2] = 1 << 200;
    byName["a"] = Pos(5, -1, "a label longer than thirty-one bytes, in two slots");
    packed.push(1); packed.push(2); packed.push(65535);
    fixedArray[2] = 9;
    text = "short";
  }
  function shrink() external { packed.pop(); delete byName["a"]; text = ""; }
}`;

const text = (value: string) => new TextEncoder().encode(value);

describe('solcStorage', () => {
  it.each([wasmTarget, cosmwasmTarget])('reads $name storage back as the IR lays it out', (target) => {
    const artifact = compile(SOURCE);
    const ir = irTarget.deploy(artifact, []).deployment!;
    const ours = target.deploy(artifact, []).deployment!;
    for (const fn of ['fill', 'shrink', 'fill']) {
      expect(ours.call(fn, []).status).toBe('success');
      ir.call(fn, []);
      expect(storageJson(ours.storage())).toEqual(storageJson(ir.storage()));
    }
    expect(ours.storage()!.size).toBeGreaterThan(8);
  });

  it('puts a value at the slot its path names, and rejects keys the scheme does not explain', () => {
    const ir = compile(SOURCE).ir;
    const le = (bytes: number[], width: number) =>
      Uint8Array.from({ length: width }, (_, i) => bytes[i] ?? 0);
    // fixedArray[2] = 9: three slots inline from the variable's slot
    const element = new Uint8Array([...text('fixedArray['), ...le([2], 32)]);
    const slots = solcStorage(ir, [[element, le([9], 32)]]);
    const fixedSlot = ir.storage.find((v) => v.name === 'fixedArray')!.slot;
    expect(slots).toEqual(new Map([[fixedSlot + 2n, 9n]]));
    expect(() => solcStorage(ir, [[text('nope'), le([1], 8)]])).toThrow(/no such state variable/);
    expect(() => solcStorage(ir, [[text('small.x'), le([1], 8)]])).toThrow(/a step into uint/);
    expect(() => solcStorage(ir, [[text('fixedArray[1'), le([1], 32)]])).toThrow(/truncated/);
  });
});
