import { describe, it } from 'vitest';
import { agree } from './agree.test-util.js';
import { word } from './differential.test-util.js';

const HEADER = '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.0;\n';
const A = 0xb0b;
const addr = (n: number) => word(n);

describe('polyvm EVM code generator agrees with solc', () => {
  it('ERC-20 with allowances and events', () => {
    const src = `${HEADER}
contract Token {
  string public name = "Token";
  string public symbol = "TOK";
  uint8 public decimals = 18;
  uint256 public totalSupply;
  mapping(address => uint256) public balanceOf;
  mapping(address => mapping(address => uint256)) public allowance;
  event Transfer(address indexed from, address indexed to, uint256 value);
  event Approval(address indexed owner, address indexed spender, uint256 value);
  error InsufficientBalance(uint256 available, uint256 required);
  constructor(uint256 supply) { totalSupply = supply; balanceOf[msg.sender] = supply; emit Transfer(address(0), msg.sender, supply); }
  function transfer(address to, uint256 value) external returns (bool) { _transfer(msg.sender, to, value); return true; }
  function approve(address spender, uint256 value) external returns (bool) {
    allowance[msg.sender][spender] = value; emit Approval(msg.sender, spender, value); return true;
  }
  function transferFrom(address from, address to, uint256 value) external returns (bool) {
    uint256 allowed = allowance[from][msg.sender];
    require(allowed >= value, "allowance");
    allowance[from][msg.sender] = allowed - value;
    _transfer(from, to, value);
    return true;
  }
  function _transfer(address from, address to, uint256 value) internal {
    uint256 balance = balanceOf[from];
    if (balance < value) revert InsufficientBalance(balance, value);
    unchecked { balanceOf[from] = balance - value; }
    balanceOf[to] += value;
    emit Transfer(from, to, value);
  }
}`;
    agree(
      src,
      [
        { sig: 'name()' },
        { sig: 'symbol()' },
        { sig: 'decimals()' },
        { sig: 'transfer(address,uint256)', args: addr(A) + word(100) },
        { sig: 'transfer(address,uint256)', args: addr(A) + word(10n ** 30n) },
        { sig: 'approve(address,uint256)', args: addr(0xc0c) + word(50) },
        {
          sig: 'transferFrom(address,address,uint256)',
          args: addr(0xa11ce) + addr(A) + word(30),
          from: 0xc0c,
        },
        {
          sig: 'transferFrom(address,address,uint256)',
          args: addr(0xa11ce) + addr(A) + word(30),
          from: 0xc0c,
        },
        { sig: 'allowance(address,address)', args: addr(0xa11ce) + addr(0xc0c) },
        { sig: 'balanceOf(address)', args: addr(A) },
        { sig: 'transfer(address,uint256)', args: `${'ff'.repeat(32)}${word(1)}` },
        { sig: 'transfer(address,uint256)', args: addr(A) },
      ],
      word(1000),
    );
  });

  it('integer widths: checked and unchecked arithmetic, exp, shifts, casts', () => {
    const src = `${HEADER}
contract Math {
  function add8(int8 a, int8 b) external pure returns (int8) { return a + b; }
  function sub16(uint16 a, uint16 b) external pure returns (uint16) { return a - b; }
  function mul200(uint200 a, uint200 b) external pure returns (uint200) { return a * b; }
  function mulS(int256 a, int256 b) external pure returns (int256) { return a * b; }
  function mulS72(int72 a, int72 b) external pure returns (int72) { return a * b; }
  function divS(int256 a, int256 b) external pure returns (int256) { return a / b; }
  function divS8(int8 a, int8 b) external pure returns (int8) { return a / b; }
  function modS(int64 a, int64 b) external pure returns (int64) { return a % b; }
  function uncheckedOps(int8 a, int8 b) external pure returns (int8, int8, int8, int8) {
    unchecked { return (a + b, a - b, a * b, a / b); }
  }
  function neg(int32 a) external pure returns (int32) { return -a; }
  function pow(uint256 a, uint8 e) external pure returns (uint256) { return a ** e; }
  function pow8(uint8 a, uint256 e) external pure returns (uint8) { return a ** e; }
  function powS(int16 a, uint256 e) external pure returns (int16) { return a ** e; }
  function shifts(int16 a, uint256 s) external pure returns (int16, int16, uint16) { return (a << s, a >> s, uint16(a) >> s); }
  function casts(uint256 x) external pure returns (uint8, int8, int256, bytes4, uint32, address) {
    return (uint8(x), int8(uint8(x)), int256(x), bytes4(uint32(x)), uint32(bytes4(bytes32(x))), address(uint160(x)));
  }
  function bits(uint24 a, uint24 b) external pure returns (uint24, uint24, uint24, uint24) { return (a & b, a | b, a ^ b, ~a); }
  function cmp(int40 a, int40 b) external pure returns (bool, bool, bool, bool, bool, bool) {
    return (a < b, a <= b, a > b, a >= b, a == b, a != b);
  }
  function logic(bool a, bool b) external pure returns (bool, bool, bool) { return (a && b, a || b, !a); }
}`;
    const M = (1n << 256n) - 1n;
    agree(src, [
      { sig: 'add8(int8,int8)', args: word(100) + word(27) },
      { sig: 'add8(int8,int8)', args: word(100) + word(28) },
      { sig: 'add8(int8,int8)', args: word(-100) + word(-29) },
      { sig: 'add8(int8,int8)', args: word(300) + word(1) },
      { sig: 'sub16(uint16,uint16)', args: word(1) + word(2) },
      { sig: 'sub16(uint16,uint16)', args: word(2) + word(1) },
      { sig: 'mul200(uint200,uint200)', args: word(1n << 100n) + word(1n << 99n) },
      { sig: 'mul200(uint200,uint200)', args: word(1n << 100n) + word(1n << 100n) },
      { sig: 'mulS(int256,int256)', args: word(-1) + word(-(1n << 255n)) },
      { sig: 'mulS(int256,int256)', args: word(-(1n << 255n)) + word(-1) },
      { sig: 'mulS(int256,int256)', args: word(-3) + word(1n << 120n) },
      { sig: 'mulS72(int72,int72)', args: word(-(1n << 35n)) + word(1n << 36n) },
      { sig: 'mulS72(int72,int72)', args: word(-(1n << 35n)) + word(-(1n << 36n)) },
      { sig: 'divS(int256,int256)', args: word(-(1n << 255n)) + word(-1) },
      { sig: 'divS(int256,int256)', args: word(-7) + word(2) },
      { sig: 'divS(int256,int256)', args: word(7) + word(0) },
      { sig: 'divS8(int8,int8)', args: word(-128) + word(-1) },
      { sig: 'modS(int64,int64)', args: word(-5) + word(2) },
      { sig: 'modS(int64,int64)', args: word(-5) + word(0) },
      { sig: 'uncheckedOps(int8,int8)', args: word(-128) + word(-1) },
      { sig: 'uncheckedOps(int8,int8)', args: word(100) + word(100) },
      { sig: 'neg(int32)', args: word(-(1n << 31n)) },
      { sig: 'neg(int32)', args: word(5) },
      { sig: 'pow(uint256,uint8)', args: word(2) + word(255) },
      { sig: 'pow(uint256,uint8)', args: word(2) + word(256) },
      { sig: 'pow(uint256,uint8)', args: word(3) + word(200) },
      { sig: 'pow(uint256,uint8)', args: word(0) + word(0) },
      { sig: 'pow8(uint8,uint256)', args: word(2) + word(7) },
      { sig: 'pow8(uint8,uint256)', args: word(2) + word(8) },
      { sig: 'pow8(uint8,uint256)', args: word(1) + word(M) },
      { sig: 'powS(int16,uint256)', args: word(-2) + word(15) },
      { sig: 'powS(int16,uint256)', args: word(2) + word(15) },
      { sig: 'powS(int16,uint256)', args: word(-2) + word(16) },
      { sig: 'powS(int16,uint256)', args: word(-3) + word(9) },
      { sig: 'powS(int16,uint256)', args: word(-1) + word(M) },
      { sig: 'shifts(int16,uint256)', args: word(-5) + word(1) },
      { sig: 'shifts(int16,uint256)', args: word(-5) + word(300) },
      { sig: 'shifts(int16,uint256)', args: word(0x4001) + word(1) },
      { sig: 'casts(uint256)', args: word(M - 0x1234n) },
      { sig: 'bits(uint24,uint24)', args: word(0xf0f0f0) + word(0x00ff00) },
      { sig: 'cmp(int40,int40)', args: word(-3) + word(2) },
      { sig: 'cmp(int40,int40)', args: word(2) + word(2) },
      { sig: 'logic(bool,bool)', args: word(1) + word(0) },
      { sig: 'logic(bool,bool)', args: word(2) + word(0) },
    ]);
  });

  it('structs, storage arrays (push/pop/packed), memory arrays, strings, loops, keccak/sha256', () => {
    const src = `${HEADER}
contract Store {
  struct Entry { address owner; uint64 amount; bool active; uint256 score; }
  mapping(uint256 => Entry) public entries;
  Entry[] public list;
  uint16[] public packed;
  uint256[3] public fixedArr;
  string public note;
  bytes32 public digest;
  function put(uint256 id, uint64 amount, uint256 score) external {
    entries[id] = Entry(msg.sender, amount, true, score);
    list.push(Entry({owner: msg.sender, amount: amount, active: false, score: score * 2}));
  }
  function bump(uint256 id) external returns (uint64) { Entry storage e = entries[id]; e.amount += 1; return e.amount; }
  function getEntry(uint256 id) external view returns (Entry memory) { return entries[id]; }
  function listLen() external view returns (uint256) { return list.length; }
  function popList() external { list.pop(); }
  function pushPacked(uint16 v, uint256 n) external { for (uint256 i = 0; i < n; i++) packed.push(v + uint16(i)); }
  function popPacked() external { packed.pop(); }
  function allPacked() external view returns (uint16[] memory) { return packed; }
  function setFixed(uint256 i, uint256 v) external { fixedArr[i] = v; }
  function setNote(string calldata s) external { note = s; }
  function clear(uint256 id) external { delete entries[id]; delete packed; delete note; }
  function sum(uint256[] memory xs) external pure returns (uint256 total) {
    for (uint256 i = 0; i < xs.length; i++) { if (xs[i] == 0) continue; if (xs[i] > 1000) break; total += xs[i]; }
  }
  function squares(uint256 n) external pure returns (uint256[] memory out) {
    out = new uint256[](n);
    uint256 i = 0;
    while (i < n) { out[i] = i * i; i++; }
  }
  function countdown(uint8 n) external pure returns (uint256 steps) { do { steps++; n--; } while (n > 0); }
  function hashIt(address a, uint64 b, bytes32 c, string memory s) external returns (bytes32, bytes32) {
    digest = keccak256(abi.encodePacked(a, b, c, s));
    return (digest, sha256(abi.encodePacked(s, b)));
  }
  function hashStd(uint8 a, bool b) external pure returns (bytes32) { return keccak256(abi.encode(a, b)); }
  function idx(uint256[] memory xs, uint256 i) external pure returns (uint256) { return xs[i]; }
}`;
    const long = `${'6c6f6e67'.repeat(12)}`; // 48 bytes
    const str = (hexData: string) =>
      word(32) + word(hexData.length / 2) + hexData.padEnd(Math.ceil(hexData.length / 64) * 64, '0');
    agree(src, [
      { sig: 'put(uint256,uint64,uint256)', args: word(1) + word(77) + word(5) },
      { sig: 'put(uint256,uint64,uint256)', args: word(2) + word(78) + word(6) },
      { sig: 'bump(uint256)', args: word(1) },
      { sig: 'getEntry(uint256)', args: word(1) },
      { sig: 'entries(uint256)', args: word(2) },
      { sig: 'list(uint256)', args: word(1) },
      { sig: 'listLen()' },
      { sig: 'popList()' },
      { sig: 'popList()' },
      { sig: 'popList()' },
      { sig: 'pushPacked(uint16,uint256)', args: word(7) + word(20) },
      { sig: 'popPacked()' },
      { sig: 'allPacked()' },
      { sig: 'packed(uint256)', args: word(17) },
      { sig: 'setFixed(uint256,uint256)', args: word(2) + word(9) },
      { sig: 'setFixed(uint256,uint256)', args: word(3) + word(9) },
      { sig: 'fixedArr(uint256)', args: word(2) },
      { sig: 'setNote(string)', args: str(long) },
      { sig: 'note()' },
      { sig: 'setNote(string)', args: str('6869') },
      { sig: 'note()' },
      { sig: 'setNote(string)', args: str(long) },
      { sig: 'clear(uint256)', args: word(1) },
      { sig: 'sum(uint256[])', args: word(32) + word(4) + word(1) + word(0) + word(3) + word(5000) },
      { sig: 'squares(uint256)', args: word(5) },
      { sig: 'countdown(uint8)', args: word(3) },
      { sig: 'countdown(uint8)', args: word(0) },
      {
        sig: 'hashIt(address,uint64,bytes32,string)',
        args: addr(A) + word(9) + word(0xabc) + word(128) + word(2) + '6869'.padEnd(64, '0'),
      },
      { sig: 'hashStd(uint8,bool)', args: word(5) + word(1) },
      { sig: 'idx(uint256[],uint256)', args: word(64) + word(3) + word(1) + word(7) },
      { sig: 'idx(uint256[],uint256)', args: word(64) + word(0) + word(1) + word(7) },
    ]);
  });
});
