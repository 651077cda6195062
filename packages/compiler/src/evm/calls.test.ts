import { describe, it } from 'vitest';
import { agree } from './agree.test-util.js';
import { word } from './differential.test-util.js';

const HEADER = '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.0;\n';

describe('internal calls: frames, recursion, multiple returns, storage pointers, inheritance', () => {
  it('agrees with solc', () => {
    const src = `${HEADER}
contract Base {
  uint256 public baseValue;
  struct Acc { uint128 a; uint128 b; }
  mapping(uint256 => Acc) internal accs;
  constructor(uint256 v) { baseValue = v; }
  function twice(uint256 x) internal pure virtual returns (uint256) { return 2 * x; }
}
contract Calls is Base {
  uint256 public depth;
  constructor() Base(41) { depth = twice(baseValue); }
  function isEven(uint256 n) public pure returns (bool) { return n == 0 ? true : isOdd(n - 1); }
  function isOdd(uint256 n) public pure returns (bool) { return n == 0 ? false : isEven(n - 1); }
  function fib(uint256 n) public pure returns (uint256 a, uint256 b) {
    if (n == 0) return (0, 1);
    (uint256 x, uint256 y) = fib(n - 1);
    return (y, x + y);
  }
  function deep(uint256 n) public returns (uint256) { if (n == 0) return depth; depth++; return deep(n - 1) + 1; }
  function fill(Acc storage acc, uint128 v) internal { acc.a = v; acc.b = v + 1; }
  function setAcc(uint256 k, uint128 v) external returns (uint128, uint128) {
    fill(accs[k], v);
    Acc memory m = accs[k];
    return (m.a, m.b);
  }
  function loops(uint256 n) external pure returns (uint256 s) {
    uint256 i;
    do { i++; if (i % 3 == 0) continue; s += i; } while (i < n);
    for (;;) { if (s > 100) break; s *= 2; }
  }
  function swap(uint256 a, uint256 b) external pure returns (uint256, uint256) { (a, b) = (b, a); return (a, b); }
}`;
    agree(src, [
      { sig: 'depth()' },
      { sig: 'isEven(uint256)', args: word(10) },
      { sig: 'isOdd(uint256)', args: word(7) },
      { sig: 'fib(uint256)', args: word(30) },
      { sig: 'deep(uint256)', args: word(20) },
      { sig: 'deep(uint256)', args: word(2000) },
      { sig: 'setAcc(uint256,uint128)', args: word(3) + word(77) },
      { sig: 'setAcc(uint256,uint128)', args: word(3) + word((1n << 128n) - 1n) },
      { sig: 'loops(uint256)', args: word(7) },
      { sig: 'swap(uint256,uint256)', args: word(1) + word(2) },
    ]);
  });
});
