/** Storage pointers passed to and returned from internal functions, against the IR interpreter. */
import { UnsupportedError } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { comparable } from '../../test/corpus-harness.js';
import { compileSources } from '../compile.js';
import { irTarget } from '../target/ir-target.js';
import type { JsValue } from '../target/target.js';
import { buildMove, moveTarget } from './target.js';

const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract Pointers {
  struct Slot { uint64 value; bool set; }
  mapping(address => Slot) internal slots;
  Slot[] internal list;
  function _bump(Slot storage s, uint64 by) internal { s.value += by; s.set = true; }
  function _pick(uint256 i) internal view returns (Slot storage s) { s = list[i]; }
  function bump(address who, uint64 by) external returns (uint64) {
    Slot storage s = slots[who];
    _bump(s, by);
    return s.value;
  }
  function add(uint64 v) external { list.push(Slot(v, false)); }
  function touch(uint256 i) external returns (uint64, bool) {
    Slot storage s = _pick(i);
    s.value *= 2;
    return (s.value, s.set);
  }
  function get(address who) external view returns (uint64, bool) { return (slots[who].value, slots[who].set); }
}`;

const CALLS: [string, JsValue[]][] = [
  ['bump', ['0x0000000000000000000000000000000000000b0b', 5n]],
  ['bump', ['0x0000000000000000000000000000000000000b0b', 7n]],
  ['get', ['0x0000000000000000000000000000000000000b0b']],
  ['add', [21n]],
  ['touch', [0n]],
  ['touch', [1n]],
  ['bump', ['0x0000000000000000000000000000000000000b0b', (1n << 64n) - 1n]],
];

describe('move: storage pointers across internal calls', () => {
  it(`${CALLS.length} calls and the final storage agree`, () => {
    const artifact = compileSources({ 'Pointers.sol': SOURCE }).artifact('Pointers.sol', 'Pointers');
    const [ir, move] = [irTarget, moveTarget].map((target) => {
      const { deployment } = target.deploy(artifact, []);
      const calls = CALLS.map(([fn, args]) => comparable(deployment!.call(fn, args)));
      return { calls, storage: deployment!.storage() };
    });
    expect(move).toEqual(ir);
  });

  it('refuses a pointer parameter called with paths of different shapes', () => {
    const source = SOURCE.replace(
      'function add(uint64 v) external {',
      'function other() external { _bump(list[0], 1); }\n  function add(uint64 v) external {',
    );
    const artifact = compileSources({ 'Pointers.sol': source }).artifact('Pointers.sol', 'Pointers');
    expect(() => buildMove(artifact, 0xa11cen)).toThrow(UnsupportedError);
    expect(() => buildMove(artifact, 0xa11cen)).toThrow(/different shapes/);
  });
});

describe('move: memory aliases', () => {
  const source = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract Alias {
  struct P { uint64 x; uint64 y; }
  function both(uint64 v) external pure returns (uint64, uint64, uint64) {
    P memory a = P(v, 1);
    P memory b = a;
    b.x = v * 3;
    uint64[] memory xs = new uint64[](2);
    uint64[] memory ys = xs;
    ys[1] = 9;
    return (a.x, b.y, xs[1]);
  }
}
contract Repoint {
  struct P { uint64 x; uint64 y; }
  function repoint(uint64 v) external pure returns (uint64) {
    P memory a = P(v, 1);
    P memory b = a;
    b = P(2, 2);
    return a.x + b.x;
  }
}`;
  const compilation = compileSources({ 'Alias.sol': source });
  const artifact = compilation.artifact('Alias.sol', 'Alias');
  it('`T memory b = a` names the same object', () => {
    const [ir, move] = [irTarget, moveTarget].map((target) =>
      comparable(target.deploy(artifact, []).deployment!.call('both', [7n])),
    );
    expect(move).toEqual(ir);
  });
  it('re-pointing an alias is refused, never silently copied', () => {
    const repoint = compilation.artifact('Alias.sol', 'Repoint');
    expect(() => buildMove(repoint, 0xa11cen)).toThrow(/re-assigning b/);
  });
});

describe('move: memory parameters a callee mutates (copy-in, copy-out)', () => {
  const source = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract Mutate {
  struct P { uint64 x; }
  function bump(uint64[] memory xs, P memory p) internal pure returns (uint64) { xs[0] += 1; p.x = 7; return xs[0]; }
  function twice(uint64[] memory xs, P memory p) internal pure { bump(xs, p); bump(xs, p); }
  function run(uint64 v) external pure returns (uint64, uint64, uint64) {
    uint64[] memory a = new uint64[](1);
    a[0] = v;
    uint64[] memory b = a;
    P memory p = P(1);
    twice(a, p);
    uint64 r = bump(b, P(0));
    return (a[0], p.x, r);
  }
}
contract Twice {
  function f(uint64[] memory x, uint64[] memory y) internal pure returns (uint64) { x[0] = 1; return y[0]; }
  function run() external pure returns (uint64) { uint64[] memory a = new uint64[](1); return f(a, a); }
}`;
  const compilation = compileSources({ 'Mutate.sol': source });
  it('mutations in callees are seen by the caller', () => {
    const artifact = compilation.artifact('Mutate.sol', 'Mutate');
    const [ir, move] = [irTarget, moveTarget].map((target) =>
      comparable(target.deploy(artifact, []).deployment!.call('run', [5n])),
    );
    expect(move).toEqual(ir);
    expect(JSON.stringify(move)).toContain('"8"');
  });
  it('one object passed twice to a mutating callee is refused', () => {
    expect(() => buildMove(compilation.artifact('Mutate.sol', 'Twice'), 0xa11cen)).toThrow(/twice/);
  });
});
