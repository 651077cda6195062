import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { compile, compileSources } from '../compile.js';
import { SolcError, UnsupportedConstructError } from './errors.js';

const HEADER = '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\n';

/** Each construct outside the subset, on line 4 of its source, with the message it must produce. */
const UNSUPPORTED: [string, string, string][] = [
  [
    'inline assembly',
    'function f() external { assembly { sstore(0, 1) } }',
    '4:25: unsupported: inline assembly',
  ],
  [
    'external call',
    'function f(address a) external { a.call(""); }',
    '4:34: unsupported: external call to another contract',
  ],
  [
    'value transfer',
    'function f(address payable a) external { a.transfer(1); }',
    '4:42: unsupported: value transfer',
  ],
  [
    'msg.value',
    'function f() external payable returns (uint256) { return msg.value; }',
    '4:58: unsupported: msg.value',
  ],
  [
    'modifier code after _ around a return',
    'uint256 n;\n modifier m() { _; n = 1; }\n function f() external m returns (uint256) { return 2; }',
    '5:2: unsupported: modifier m with code after _ around a return',
  ],
  [
    'increment inside an expression',
    'function f(uint256 x) external pure returns (uint256) { return x++ + 1; }',
    '4:64: unsupported: ++ inside an expression',
  ],
  [
    'abi.decode',
    'function f(bytes memory b) external pure returns (uint256) { return abi.decode(b, (uint256)); }',
    '4:69: unsupported: abi.decode',
  ],
  ['immutable', 'uint256 immutable x = 1;', '4:1: unsupported: immutable state variable'],
  ['receive', 'receive() external payable {}', '4:1: unsupported: receive function'],
];

describe('front end: unsupported constructs are typed errors with file:line:col', () => {
  for (const [name, body, message] of UNSUPPORTED) {
    it(name, () => {
      const source = `${HEADER}contract C {\n${body}\n}\n`;
      let error: unknown;
      try {
        compile(source, { file: 'c.sol', bytecode: false });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UnsupportedConstructError);
      expect((error as Error).message).toBe(message.startsWith('c.sol') ? message : `c.sol:${message}`);
    });
  }

  it("reports solc's own errors as file:line:col", () => {
    expect(() =>
      compile(`${HEADER}contract C { function f() external { x = 1; } }\n`, { file: 'e.sol' }),
    ).toThrow(/^e\.sol:3:38: DeclarationError: Undeclared identifier/);
    expect(() => compile(`${HEADER}contract C {`, { file: 'e.sol' })).toThrow(SolcError);
  });
});

describe('front end: lowering', () => {
  const compilation = compileSources(
    {
      'l.sol': `${HEADER}contract Base { uint8 a = 1; bool b; constructor(uint8 x) { a = x; } function v() public virtual returns (uint256) { return 1; } }
contract L is Base(7) {
  struct S { uint8 x; uint256 y; bool z; }
  mapping(address => S) public m;
  uint16[] public list;
  function v() public pure override returns (uint256) { return 2; }
  function callV() external returns (uint256) { return v(); }
}
`,
    },
    { bytecode: false },
  );
  const ir = compilation.artifact('l.sol', 'L').ir;

  it("takes state variable slots from solc's storage layout, bases first", () => {
    expect(ir.storage.map((v) => [v.name, v.contract, v.slot, v.offset])).toEqual([
      ['a', 'Base', 0n, 0],
      ['b', 'Base', 0n, 1],
      ['m', 'L', 1n, 0],
      ['list', 'L', 2n, 0],
    ]);
  });

  it('lays struct members out as solc does', () => {
    const mapping = ir.storage[2]!.type;
    if (mapping.kind !== 'mapping' || mapping.value.kind !== 'struct')
      throw new Error('expected a mapping of structs');
    expect(mapping.value.fields.map((f) => [f.name, f.slot, f.offset])).toEqual([
      ['x', 0, 0],
      ['y', 1, 0],
      ['z', 2, 0],
    ]);
    expect(mapping.value.storageSlots).toBe(3);
  });

  it('resolves virtual calls to the most-derived override and flattens the constructor', () => {
    const callV = ir.functions.find((f) => f.name === 'callV')!;
    expect(JSON.stringify(callV.body)).toContain('"function":"L.v()"');
    const ctor = ir.functions.find((f) => f.kind === 'constructor')!;
    expect(ctor.params).toHaveLength(0);
    expect(ctor.body.map((s) => s.kind)).toEqual(['let', 'store', 'block']);
  });

  it('synthesises getters with the ABI selectors solc assigns', () => {
    const getters = ir.functions.filter((f) => f.kind === 'getter').map((f) => [f.signature, f.selector]);
    const selector = (signature: string) => bytesToHex(keccak_256(utf8ToBytes(signature))).slice(0, 8);
    expect(getters).toEqual([
      ['m(address)', selector('m(address)')],
      ['list(uint256)', selector('list(uint256)')],
    ]);
  });
});
