import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { layoutFrames, RETURN_SCRATCH } from './frames.js';

const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;
contract F {
  function f(uint256 a) public pure returns (uint256) { return g(a) + h(a); }
  function g(uint256 a) internal pure returns (uint256) { uint256 x = a + 1; return h(x); }
  function h(uint256 a) internal pure returns (uint256) { return a * 2; }
  function even(uint256 n) public pure returns (bool) { return n == 0 ? true : odd(n - 1); }
  function odd(uint256 n) internal pure returns (bool) { return n == 0 ? false : even(n - 1); }
}`;

describe('layoutFrames', () => {
  const ir = compile(SOURCE).ir;
  const layout = layoutFrames(ir);
  const fn = (name: string) => ir.functions.find((f) => f.name === name)!;
  const base = (name: string) => layout.base.get(fn(name).id)!;
  const end = (name: string) => base(name) + 32 * fn(name).locals.length;

  it('places a callee after every caller that can be active with it', () => {
    expect(base('g')).toBeGreaterThanOrEqual(end('f'));
    expect(base('h')).toBeGreaterThanOrEqual(end('g'));
    expect(base('h')).toBeGreaterThanOrEqual(end('f'));
  });
  it('groups mutual recursion in one component, side by side, and reserves return scratch for it', () => {
    expect(layout.component.get(fn('even').id)).toBe(layout.component.get(fn('odd').id));
    expect(layout.component.get(fn('f').id)).not.toBe(layout.component.get(fn('g').id));
    const ranges = [
      [base('even'), end('even')],
      [base('odd'), end('odd')],
    ].sort((x, y) => x[0]! - y[0]!);
    expect(ranges[1]![0]).toBeGreaterThanOrEqual(ranges[0]![1]!);
    expect(Math.min(...[...layout.base.values()])).toBe(RETURN_SCRATCH + 32);
  });
  it('starts the heap after the last frame', () => {
    for (const f of ir.functions) expect(layout.heapStart).toBeGreaterThanOrEqual(end(f.name));
  });
});
