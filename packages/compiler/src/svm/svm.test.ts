import { createHash } from 'node:crypto';
import { UnsupportedError } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { irTarget } from '../target/ir-target.js';
import { buildSvm, svmTarget } from './target.js';

const COUNTER = `
pragma solidity ^0.8.20;
contract Counter {
    uint64 public count;
    uint8 public small;
    error TooBig();
    constructor(uint64 start) { count = start; }
    event Inc(uint64 indexed by, int16 tag, bool big);
    function inc(uint64 by) external returns (uint64) { count += by; emit Inc(by, -3, by > 10); return count; }
    function bump() external { small += 1; }
    function capped(uint64 v) external pure returns (uint64) { require(v < 100, "too big"); return v; }
    function custom(uint64 v) external pure returns (bool) { if (v > 5) revert TooBig(); return true; }
    function sum(uint32 n) external pure returns (uint64 s) { for (uint32 i = 1; i <= n; i++) { s += i; } }
    function pair(uint16 a, bool b) external pure returns (uint16, bool) { return (a * 2, !b); }
    function fact(uint64 n) public pure returns (uint64) { return n <= 1 ? 1 : n * fact(n - 1); }
    function twice(uint64 n) external returns (uint64) { bumpBy(uint8(n)); return fact(n) + fact(n); }
    function bumpBy(uint8 k) internal { require(k < 200, "k too big"); small += k; }
    function deep(uint64 n) public pure returns (uint64) { return n == 0 ? 0 : 1 + deep(n - 1); }
    function who() external view returns (address) { return msg.sender; }
    function greet() external pure returns (string memory) { return "hi"; }
    function hashed(string memory s) external pure returns (bytes32) { return keccak256(abi.encode(s)); }
}`;

describe('svm target', () => {
  const artifact = compile(COUNTER, { contract: 'Counter' });
  const calls: Array<[string, unknown[]]> = [
    ['inc', [5n]],
    ['inc', [2n ** 64n - 10n]],
    ['inc', [5n]],
    ['count', []],
    ['bump', []],
    ['small', []],
    ['capped', [7n]],
    ['capped', [700n]],
    ['custom', [9n]],
    ['custom', [1n]],
    ['sum', [10n]],
    ['pair', [40000n, true]],
    ['pair', [4n, false]],
    ['fact', [20n]],
    ['fact', [21n]],
    ['twice', [5n]],
    ['twice', [250n]],
    ['small', []],
    ['deep', [40n]],
    ['who', []],
    ['greet', []],
  ];
  it('agrees with the IR interpreter on outcome, revert reason and return values', () => {
    const ir = irTarget.deploy(artifact, [3n]).deployment!;
    const svm = svmTarget.deploy(artifact, [3n]);
    expect(svm.result.status).toBe('success');
    for (const [fn, args] of calls) {
      const expected = ir.call(fn, args as never);
      const actual = svm.deployment!.call(fn, args as never);
      expect({ fn, ...actual, gas: null }).toEqual({ fn, ...expected, gas: null });
    }
  });

  it('recursion deeper than sBPF allows fails with the VM own error, as on Solana', () => {
    const svm = svmTarget.deploy(artifact, [3n]).deployment!;
    const result = svm.call('deep', [100n]);
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/CallDepthExceeded/);
  });

  it('build is strict: a program that would miss a function is an UnsupportedError', () => {
    expect(() => svmTarget.build(artifact)).toThrow(/unsupported on svm: abi\.encode of string in a hash/);
  });

  it('the IDL gives Anchor discriminators, Borsh args and the one state account', () => {
    const idl = buildSvm(artifact.ir).idl;
    const inc = idl.instructions.find((i) => i.name === 'inc')!;
    expect(inc.discriminator).toBe(createHash('sha256').update('global:inc').digest('hex').slice(0, 16));
    expect(inc.args).toEqual([{ name: 'by', type: 'uint64' }]);
    expect(inc.accounts).toEqual([
      { name: 'state', writable: true, signer: false },
      { name: 'authority', writable: false, signer: true },
    ]);
    expect(idl.instructions.find((i) => i.name === 'capped')!.accounts[0]!.writable).toBe(false);
    expect(idl.state.fields).toEqual([
      { name: 'count', type: 'uint64', offset: 8 },
      { name: 'small', type: 'uint8', offset: 16 },
    ]);
    expect(idl.errors).toContainEqual({ code: 0x1000, meaning: 'Error("too big")' });
  });

  it('the build carries its sBPF assembly listing (polyvm build --emit asm)', () => {
    const build = buildSvm(artifact.ir);
    expect(build.listing?.format).toBe('asm');
    expect(build.listing?.text).toMatch(/^entrypoint:\n/);
    expect(build.listing?.text).toContain('syscall sol_set_return_data');
  });

  it('a function using an unsupported construct is a typed error naming construct, location and target', () => {
    const svm = svmTarget.deploy(artifact, [3n]).deployment!;
    expect(() => svm.call('hashed', ['x'])).toThrow(UnsupportedError);
    expect(() => svm.call('hashed', ['x'])).toThrow(
      /input\.sol:\d+:\d+: unsupported on svm: abi\.encode of string in a hash/,
    );
  });
});
