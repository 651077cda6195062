import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { compileEvm } from './compile-contract.js';
import { differential, word } from './differential.test-util.js';

const COUNTER = `
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;
contract Counter {
  uint256 public count;
  uint8 public small;
  event Bumped(address indexed by, uint256 value);
  error TooBig(uint256 value, uint256 limit);
  constructor(uint256 start) { count = start; }
  function bump(uint256 by) public returns (uint256) {
    count += by;
    emit Bumped(msg.sender, count);
    return count;
  }
  function bumpSmall(uint8 by) external { small += by; }
  function check(uint256 v) external pure returns (uint256) {
    if (v > 10) revert TooBig(v, 10);
    require(v != 5, "five is not allowed");
    return v * 2;
  }
  function fact(uint256 n) public pure returns (uint256) { return n <= 1 ? 1 : n * fact(n - 1); }
}`;

describe('polyvm EVM code generator vs solc', () => {
  it('Counter: storage, events, custom errors, Error(string), panics, recursion', () => {
    const calls = [
      { sig: 'bump(uint256)', args: word(5) },
      { sig: 'count()' },
      { sig: 'bumpSmall(uint8)', args: word(200) },
      { sig: 'bumpSmall(uint8)', args: word(100) },
      { sig: 'bumpSmall(uint8)', args: word(300) },
      { sig: 'small()' },
      { sig: 'check(uint256)', args: word(3) },
      { sig: 'check(uint256)', args: word(5) },
      { sig: 'check(uint256)', args: word(11) },
      { sig: 'fact(uint256)', args: word(20) },
      { sig: 'fact(uint256)', args: word(100) },
      { sig: 'bump(uint256)', args: word(-1) },
      { sig: 'nope()' },
    ];
    const { solc, polyvm } = differential(COUNTER, calls, word(7));
    expect(polyvm.deploy.status).toBe(solc.deploy.status);
    polyvm.calls.forEach((call, i) => {
      const { gas: _g, ...ours } = call;
      const { gas: _s, ...theirs } = solc.calls[i]!;
      expect(ours, `call ${i} ${calls[i]!.sig}`).toEqual(theirs);
    });
    expect(polyvm.storage).toEqual(solc.storage);
  });
});

describe('unsupported constructs', () => {
  it('are typed errors naming the statement location', () => {
    const source = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;
contract Indexed {
  struct S { string name; }
  event E(S indexed s);
  function f(string memory x) external {
    S memory s = S(x);
    emit E(s);
  }
}`;
    expect(() => compileEvm(compile(source).ir)).toThrow(
      /input\.sol:8:5: unsupported: evm: indexed struct Indexed\.S event parameter/,
    );
  });
});
