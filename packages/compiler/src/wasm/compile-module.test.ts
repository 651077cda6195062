import { concatBytes, JournaledState, UnsupportedError } from '@polyvm/core';
import { accountIdToAddress, NEAR_STORAGE, NearRuntime } from '@polyvm/wasm';
import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { irTarget } from '../target/ir-target.js';
import { DEFAULT_CONTEXT } from '../target/target.js';
import { compileNear } from './compile-module.js';
import { decodePanic } from './results.js';
import { CONTRACT_ACCOUNT, nearChain, wasmTarget } from './target.js';

const CONTEXT = DEFAULT_CONTEXT;

const source = `
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract Ledger {
    uint64 public total;
    mapping(uint32 => mapping(bool => int16)) public marks;
    event Marked(uint32 indexed who, int16 mark);
    function mark(uint32 who, bool flag, int16 m) external {
        require(m != 0, "zero mark");
        marks[who][flag] = m;
        total += uint64(who);
        emit Marked(who, m);
    }
    function pair(uint64 a) external pure returns (uint64, uint32) { return (a, uint32(a)); }
}`;

const artifact = compile(source);
const text = new TextEncoder();

describe('compileNear', () => {
  it("reverts malformed JSON arguments with near-sdk's deserialization message", () => {
    const runtime = new NearRuntime();
    const state = new JournaledState();
    const deployed = runtime.deploy(
      state,
      nearChain.deployRequest(artifact.ir, compileNear(artifact.ir), [], CONTEXT),
    );
    expect(deployed.status).toBe('success');
    const fn = artifact.ir.functions.find((f) => f.name === 'mark')!;
    for (const input of [
      '{"who":1,"flag":true}',
      '{"who":-1,"flag":true,"m":1}',
      '{"who":1,"flag":"yes","m":1}',
      '[]',
    ]) {
      const tx = {
        ...nearChain.transaction(artifact.ir, compileNear(artifact.ir), fn, [1n, true, 1n], CONTEXT),
        input: text.encode(input),
      };
      const receipt = runtime.execute(state, tx);
      expect(receipt.status, input).toBe('revert');
      expect(nearChain.result(artifact.ir, fn, receipt).revert, input).toEqual({
        kind: 'error',
        message: 'Failed to deserialize input from JSON.',
      });
    }
  });

  it('produces a module V8 validates, with one export per public function and `new`', () => {
    const { wasm } = compileNear(artifact.ir);
    expect(WebAssembly.validate(wasm)).toBe(true);
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name);
    expect(exports.sort()).toEqual(['mark', 'marks', 'memory', 'new', 'pair', 'total']);
  });

  it('stores scalars under the variable name and mapping entries under name (‖ ":" ‖ 8-byte LE key)…', () => {
    const state = new JournaledState();
    const { deployment } = wasmTarget.deploy(artifact, [], { state });
    expect(deployment!.call('mark', [7n, true, -3n]).status).toBe('success');
    const contract = accountIdToAddress(CONTRACT_ACCOUNT);
    const le = (v: bigint) => {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, v), true);
      return b;
    };
    expect(state.get(NEAR_STORAGE, concatBytes(contract, text.encode('total')))).toEqual(le(7n));
    const key = concatBytes(contract, text.encode('marks:'), le(7n), text.encode(':'), le(1n));
    expect(state.get(NEAR_STORAGE, key)).toEqual(le(-3n));
  });

  it('returns wide integers as JSON strings, decodes events, and reports require reasons', () => {
    const { deployment } = wasmTarget.deploy(artifact, []);
    const pair = deployment!.call('pair', [2n ** 64n - 1n]);
    expect(pair.returns).toEqual([2n ** 64n - 1n, 2n ** 32n - 1n]);
    const marked = deployment!.call('mark', [5n, false, 9n]);
    expect(marked.events).toEqual([{ name: 'Marked', signature: 'Marked(uint32,int16)', args: [5n, 9n] }]);
    const zero = deployment!.call('mark', [5n, false, 0n]);
    expect(zero).toMatchObject({ status: 'revert', revert: { kind: 'error', message: 'zero mark' } });
  });

  it('rejects an unsupported construct with a typed error naming it, its location and the target', () => {
    const wide = compile(`
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract Wide { function f() external pure returns (uint8, uint8, uint8, uint8, uint8, uint8, uint8, uint8, uint8) { return (1, 2, 3, 4, 5, 6, 7, 8, 9); } }`);
    expect(() => compileNear(wide.ir)).toThrow(UnsupportedError);
    expect(() => compileNear(wide.ir)).toThrow(
      /Wide: f\(\): \S+:\d+:\d+: unsupported on wasm: more than 8 return values/,
    );
  });
});

describe('checked multiplication', () => {
  it('multiplies by zero without dividing by it (wasm i32.and evaluates both operands)', () => {
    const mul = compile(`
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract Mul {
    function m(uint64 a, uint64 b) external pure returns (uint64) { return a * b; }
    function s(int64 a, int64 b) external pure returns (int64) { return a * b; }
    function p(uint64 a, uint8 b) external pure returns (uint64) { return a ** b; }
}`);
    const d = wasmTarget.deploy(mul, []).deployment!;
    expect(d.call('m', [0n, 5n])).toMatchObject({ status: 'success', returns: [0n] });
    expect(d.call('s', [0n, -5n])).toMatchObject({ status: 'success', returns: [0n] });
    expect(d.call('p', [0n, 3n])).toMatchObject({ status: 'success', returns: [0n] });
    expect(d.call('m', [2n ** 32n, 2n ** 32n])).toMatchObject({
      status: 'revert',
      revert: { kind: 'panic', code: 0x11 },
    });
  });
});

describe('hashing', () => {
  it('hashes packed and standard encodings of value types as the IR does', () => {
    const hashes = compile(`
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract H {
    function packed(uint8 a, address b, bytes4 c, int16 d) external pure returns (bytes32) {
        return keccak256(abi.encodePacked(a, b, c, d));
    }
    function standard(int16 a, bytes2 b, uint256 c, bool d) external pure returns (bytes32, bytes32) {
        return (keccak256(abi.encode(a, b, c, d)), sha256(abi.encode(a, b, c, d)));
    }
    function dynamic(uint8 a, string memory s, uint256[] memory xs, bytes memory b, int64[2] memory f)
        external pure returns (bytes32, bytes32, bytes32)
    {
        return (
            keccak256(abi.encode(a, s, xs, b, f)),
            keccak256(abi.encodePacked(s, xs, b, f)),
            sha256(abi.encode(s, s))
        );
    }
}`);
    const wasm = wasmTarget.deploy(hashes, []).deployment!;
    const ir = irTarget.deploy(hashes, []).deployment!;
    for (const [fn, args] of [
      ['packed', [200n, 0xabcdefn, 0xdeadbeefn, -2n]],
      ['standard', [-300n, 0xbeefn, 2n ** 255n + 1n, true]],
      ['dynamic', [7n, 'a string longer than thirty-two bytes', [1n, 2n ** 200n], '0xc0ffee', [-1n, 5n]]],
      ['dynamic', [0n, '', [], '0x', [0n, 0n]]],
    ] as const) {
      const ours = wasm.call(fn, args);
      expect(ours.status).toBe('success');
      expect(ours.returns).toEqual(ir.call(fn, args).returns);
    }
  });
});

describe('block values', () => {
  it('reads block height and the timestamp in seconds as the IR does', () => {
    const clock = compile(`
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract Clock { function now_() external view returns (uint64, uint32) { return (uint64(block.timestamp), uint32(block.number)); } }`);
    const context = { timestamp: 1_700_000_123n, blockNumber: 2n ** 32n + 5n };
    const wasm = wasmTarget.deploy(clock, []).deployment!.call('now_', [], context);
    const ir = irTarget.deploy(clock, []).deployment!.call('now_', [], context);
    expect(wasm.returns).toEqual([1_700_000_123n, 5n]);
    expect(wasm.returns).toEqual(ir.returns);
  });
});

describe('decodePanic', () => {
  it('maps the panic message back to the revert kinds', () => {
    expect(decodePanic('')).toEqual({ kind: 'empty' });
    expect(decodePanic('Panic(0x11)')).toEqual({ kind: 'panic', code: 0x11 });
    expect(decodePanic('no')).toEqual({ kind: 'error', message: 'no' });
    const errors = compile(`
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract E {
    error TooLarge(uint256 got, address who);
    function f(uint256 x) external view { if (x > 1) revert TooLarge(x, msg.sender); }
}`);
    const d = wasmTarget.deploy(errors, []).deployment!;
    expect(d.call('f', [2n ** 200n], { sender: 0xbeefn }).revert).toEqual({
      kind: 'custom',
      name: 'TooLarge',
      args: [2n ** 200n, 0xbeefn],
    });
  });
});

describe('memory targets', () => {
  it('assigns a multi-valued call into memory elements and struct fields as the IR does', () => {
    const tuple = compile(`
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract T {
    struct S { uint256 a; int8 b; }
    function two(uint256 x) internal pure returns (uint256, int8) { return (x * 2, -1); }
    function f(uint256 x) external pure returns (uint256[] memory, int8) {
        uint256[] memory out = new uint256[](2);
        S memory s;
        (out[1], s.b) = two(x);
        (s.a, ) = two(out[1]);
        out[0] = s.a;
        return (out, s.b);
    }
}`);
    const wasm = wasmTarget.deploy(tuple, []).deployment!;
    const ir = irTarget.deploy(tuple, []).deployment!;
    const ours = wasm.call('f', [21n]);
    expect(ours.status).toBe('success');
    expect(ours.returns).toEqual(ir.call('f', [21n]).returns);
  });
});

describe('storage paths', () => {
  it('checks an index bound before evaluating the next key expression, as the IR does', () => {
    const order = compile(`
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract O {
    uint256[][] internal grid;
    function boom() internal pure returns (uint256) { revert("later key"); }
    function f(uint256 i) external view returns (uint256) { return grid[i][boom()]; }
}`);
    const wasm = wasmTarget.deploy(order, []).deployment!;
    const ir = irTarget.deploy(order, []).deployment!;
    const expected = ir.call('f', [3n]);
    expect(expected.revert).toEqual({ kind: 'panic', code: 0x32 });
    expect(wasm.call('f', [3n]).revert).toEqual(expected.revert);
  });
});
