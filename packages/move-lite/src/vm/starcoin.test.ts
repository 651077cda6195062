import { join } from 'node:path';
import { addressFromHex, fixturesOrWarn, JournaledState, type Receipt } from '@polyvm/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { assembleToBytes } from '../asm/assemble.js';
import { Writer } from '../binary/cursor.js';
import { MoveRuntime } from '../runtime.js';
import { publishFolder } from '../testing/publish.js';

const dir = fixturesOrWarn('move', 'running real Starcoin framework functions');

const runtime = new MoveRuntime({ addressWidth: 16 });
const state = new JournaledState();
const SENDER = addressFromHex('0xb0b', 16);

const u64 = (v: bigint | number): Uint8Array => le(BigInt(v), 8);
const u128 = (v: bigint | number): Uint8Array => le(BigInt(v), 16);
const u8 = (v: number): Uint8Array => Uint8Array.of(v);
function le(v: bigint, n: number): Uint8Array {
  const w = new Writer();
  w.uintLe(v, n);
  return w.finish();
}
function vec(items: Uint8Array[]): Uint8Array {
  const w = new Writer();
  w.uleb128(items.length);
  for (const i of items) w.bytes(i);
  return w.finish();
}
const bytes = (b: number[]): Uint8Array => vec(b.map(u8));
const hex = (r: Receipt): string => Buffer.from(r.returnData).toString('hex');

function call(module: string, fn: string, args: Uint8Array[] = [], typeArgs: string[] = []): Receipt {
  return runtime.execute(state, {
    sender: SENDER,
    input: new Uint8Array(0),
    value: 0n,
    nonce: 0n,
    gasLimit: 1_000_000_000n,
    payload: { module: `0x1::${module}`, function: fn, args, typeArgs },
  });
}

/**
 * A module `0xADDR::Name` declaring token type `Name` with an `init` that registers it through
 * Starcoin's `Token::register_token`, plus `rest` (more imports, structs and functions).
 */
function tokenModule(id: string, rest: string): string {
  const name = id.split('::')[1]!;
  return `module ${id}
import struct 0x1::Token::Token<phantom T0> has store
import fun 0x1::Token::register_token<T0: store>(&signer, u8)
import fun 0x1::Token::mint<T0: store>(&signer, u128): 0x1::Token::Token<T0>
struct ${name} has copy, drop, store {
  dummy_field: bool
}
public entry fun init(account: &signer) {
  MoveLoc account
  LdU8 3
  Call 0x1::Token::register_token<${name}>
  Ret
}
${rest}
`;
}

function ok(r: Receipt): Receipt {
  if (r.status !== 'success') throw new Error(`${r.status}: ${r.error?.message}`);
  return r;
}

describe.skipIf(!dir)('Starcoin framework v6, published and run', () => {
  let published = 0;
  beforeAll(() => {
    published = publishFolder(runtime, state, join(dir!, 'starcoin-framework-v6'));
  });

  it('publishes all 96 modules in dependency order', () => {
    expect(published).toBe(96);
  });

  it('Math: pow, sqrt, mul_div, sum, avg', () => {
    expect(hex(ok(call('Math', 'pow', [u64(2), u64(10)])))).toBe(Buffer.from(u128(1024)).toString('hex'));
    expect(hex(ok(call('Math', 'sqrt', [u128(10n ** 12n)])))).toBe(
      Buffer.from(u64(1_000_000)).toString('hex'),
    );
    expect(hex(ok(call('Math', 'mul_div', [u128(10n ** 20n), u128(3), u128(7)])))).toBe(
      Buffer.from(u128((10n ** 20n * 3n) / 7n)).toString('hex'),
    );
    const values = vec([u128(1), u128(2), u128(6)]);
    expect(hex(ok(call('Math', 'sum', [values])))).toBe(Buffer.from(u128(9)).toString('hex'));
    expect(hex(ok(call('Math', 'avg', [values])))).toBe(Buffer.from(u128(3)).toString('hex'));
  });

  it('Math::sqrt and Math::mul_div agree with a reference model on 400 random u128 inputs', () => {
    // A fixed-seed LCG picks values of every bit length, so carries and overflows are exercised.
    let x = 2024n;
    const random = (): bigint => {
      x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
      return x;
    };
    const u128Of = (): bigint => {
      const bits = random() % 129n;
      return ((random() << 64n) | random()) & ((1n << bits) - 1n);
    };
    const isqrt = (n: bigint): bigint => {
      if (n < 2n) return n;
      let r = BigInt(Math.floor(Math.sqrt(Number(n))));
      while (r * r > n) r--;
      while ((r + 1n) * (r + 1n) <= n) r++;
      return r;
    };
    const MAX = (1n << 128n) - 1n;
    // Starcoin's mul_div: a*b/c through quotients and remainders, each step checked for u128 overflow.
    const mulDiv = (a: bigint, b: bigint, c: bigint): bigint | 'overflow' | 'div0' => {
      if (b === c) return a;
      if (a === c) return b;
      if (c === 0n) return 'div0';
      const [aq, ar, bq, br] = [a / c, a % c, b / c, b % c];
      const terms = [aq * bq, aq * bq * c, aq * br, ar * bq, ar * br];
      if (terms.some((t) => t > MAX)) return 'overflow';
      let sum = aq * bq * c;
      for (const t of [aq * br, ar * bq, (ar * br) / c]) {
        sum += t;
        if (sum > MAX) return 'overflow';
      }
      return sum;
    };
    let checked = 0;
    for (let k = 0; k < 200; k++) {
      const n = u128Of();
      expect(ok(call('Math', 'sqrt', [u128(n)])).returnData).toEqual(u64(isqrt(n)));
      const [a, b, c] = [u128Of(), u128Of(), u128Of() >> (random() % 100n)];
      const want = mulDiv(a, b, c);
      const r = call('Math', 'mul_div', [u128(a), u128(b), u128(c)]);
      if (typeof want === 'bigint') expect(ok(r).returnData, `${a}*${b}/${c}`).toEqual(u128(want));
      else expect(r.error?.details.status, `${a}*${b}/${c}`).toBe('ARITHMETIC_ERROR');
      checked += 2;
    }
    expect(checked).toBe(400);
  });

  it('Vector: contains, index_of, singleton (generic code over natives)', () => {
    const v = vec([u64(5), u64(7), u64(9)]);
    expect(hex(ok(call('Vector', 'contains', [v, u64(7)], ['u64'])))).toBe('01');
    expect(hex(ok(call('Vector', 'index_of', [v, u64(9)], ['u64'])))).toBe(
      `01${Buffer.from(u64(2)).toString('hex')}`,
    );
    expect(hex(ok(call('Vector', 'index_of', [v, u64(4)], ['u64'])))).toBe(
      `00${Buffer.from(u64(0)).toString('hex')}`,
    );
    expect(hex(ok(call('Vector', 'singleton', [u8(3)], ['u8'])))).toBe('0103');
    const split = ok(call('Vector', 'split', [bytes([1, 2, 3, 4, 5]), u64(2)], ['u8']));
    expect(hex(split)).toBe('0302010202030401' + '05');
  });

  it('Option: some, is_some, get_with_default on a generic struct', () => {
    expect(hex(ok(call('Option', 'some', [u64(42)], ['u64'])))).toBe(
      `01${Buffer.from(u64(42)).toString('hex')}`,
    );
    expect(hex(ok(call('Option', 'is_some', [bytes([])], ['u8'])))).toBe('00');
    expect(hex(ok(call('Option', 'get_with_default', [vec([u8(9)]), u8(1)], ['u8'])))).toBe('09');
    expect(hex(ok(call('Option', 'get_with_default', [vec([]), u8(1)], ['u8'])))).toBe('01');
  });

  it('BCS: deserialize_u64 / deserialize_bytes walk a BCS buffer', () => {
    const buf = new Uint8Array([...u64(0x0102030405060708n), ...bytes([0xaa, 0xbb])]);
    const r = ok(call('BCS', 'deserialize_u64', [vec([...buf].map(u8)), u64(0)]));
    expect(hex(r)).toBe(`0807060504030201${Buffer.from(u64(8)).toString('hex')}`);
    const r2 = ok(call('BCS', 'deserialize_bytes', [vec([...buf].map(u8)), u64(8)]));
    expect(hex(r2)).toBe(`02aabb${Buffer.from(u64(11)).toString('hex')}`);
  });

  it('FixedPoint32, BitOperators, Arith, Errors, Compare', () => {
    const half = ok(call('FixedPoint32', 'create_from_rational', [u64(1), u64(2)]));
    expect(hex(half)).toBe(Buffer.from(u64(1n << 31n)).toString('hex'));
    expect(hex(ok(call('FixedPoint32', 'multiply_u64', [u64(100), half.returnData])))).toBe(
      Buffer.from(u64(50)).toString('hex'),
    );
    expect(hex(ok(call('BitOperators', 'lshift', [u64(3), u8(4)])))).toBe(
      Buffer.from(u64(48)).toString('hex'),
    );
    expect(hex(ok(call('Arith', 'split_u64', [u64(0x1_0000_0002n)])))).toBe(
      Buffer.from([...u64(1), ...u64(2)]).toString('hex'),
    );
    // Errors::invalid_argument(r) = (r << 8) | INVALID_ARGUMENT (7)
    expect(hex(ok(call('Errors', 'invalid_argument', [u64(5)])))).toBe(
      Buffer.from(u64((5 << 8) | 7)).toString('hex'),
    );
    expect(hex(ok(call('Compare', 'cmp_bytes', [bytes([1, 2]), bytes([1, 3])])))).toBe('01');
  });

  it('an abort inside real code is a revert with the abort code, state untouched', () => {
    const root = state.stateRoot();
    const r = call('FixedPoint32', 'create_from_rational', [u64(1), u64(0)]);
    expect(r.status).toBe('revert');
    expect(r.error?.details.status).toBe('ABORTED');
    expect(BigInt(r.error?.details.abortCode as string) & 0xffn).toBe(7n);
    expect(state.stateRoot()).toEqual(root);
  });

  it('checked arithmetic: Math::pow overflowing u128 is an ARITHMETIC_ERROR', () => {
    const r = call('Math', 'pow', [u64(2), u64(200)]);
    expect(r.status).toBe('error');
    expect(r.error?.details.status).toBe('ARITHMETIC_ERROR');
  });

  it('U256 (native limb arithmetic), String (UTF-8 natives), FromBCS, Vector::reverse/remove', () => {
    const u256 = (v: bigint) => vec([0n, 64n, 128n, 192n].map((s) => u64((v >> s) & ((1n << 64n) - 1n))));
    const a = (1n << 200n) + 12345n;
    const b = (1n << 100n) + 7n;
    expect(hex(ok(call('U256', 'add', [u256(a), u256(b)])))).toBe(Buffer.from(u256(a + b)).toString('hex'));
    expect(hex(ok(call('U256', 'mul', [u256(b), u256(b)])))).toBe(Buffer.from(u256(b * b)).toString('hex'));
    expect(hex(ok(call('U256', 'div', [u256(a), u256(b)])))).toBe(Buffer.from(u256(a / b)).toString('hex'));
    expect(call('U256', 'mul', [u256(a), u256(a)]).error?.details.status).toBe('ARITHMETIC_ERROR');
    const hello = bytes([...Buffer.from('héllo')]);
    expect(ok(call('String', 'utf8', [hello])).returnData).toEqual(hello);
    expect(call('String', 'utf8', [bytes([0xff])]).status).toBe('revert');
    expect(hex(ok(call('String', 'sub_string', [hello, u64(3), u64(6)])))).toBe('036c6c6f');
    expect(hex(ok(call('String', 'index_of', [hello, bytes([...Buffer.from('llo')])])))).toBe(
      Buffer.from(u64(3)).toString('hex'),
    );
    expect(hex(ok(call('FromBCS', 'to_u64', [bytes([...u64(77)])])))).toBe(
      Buffer.from(u64(77)).toString('hex'),
    );
    expect(hex(ok(call('Vector', 'spawn_from_vec', [bytes([1, 2, 3, 4]), u64(1), u64(3)], ['u8'])))).toBe(
      '020203',
    );
  });

  it('a Starcoin Token flow: register a new token type, mint it, read market_cap (events, generics, storage)', () => {
    const B = SENDER;
    const source = tokenModule(
      '0xb0b::MyToken',
      `import fun 0x1::Token::value<T0: store>(&0x1::Token::Token<T0>): u128
struct Vault has key {
  t: 0x1::Token::Token<MyToken>
}
public entry fun mint(account: &signer, amount: u128): u128 {
  locals t: 0x1::Token::Token<MyToken>, v: u128
  CopyLoc account
  MoveLoc amount
  Call 0x1::Token::mint<MyToken>
  StLoc t
  ImmBorrowLoc t
  Call 0x1::Token::value<MyToken>
  StLoc v
  MoveLoc account
  MoveLoc t
  Pack Vault
  MoveTo Vault
  MoveLoc v
  Ret
}`,
    );
    // The linker compares imports with declarations: a wrong struct import fails at first use.
    const wrong = source
      .replace('Token<phantom T0> has store', 'Token<T0: store> has store')
      .replace('0xb0b::MyToken', '0xb0b::Wrong');
    expect(
      runtime.deploy(state, {
        sender: B,
        code: assembleToBytes(wrong, { addressWidth: 16 }),
        gasLimit: 100_000_000n,
      }).status,
    ).toBe('success');
    const linked = runtime.execute(state, {
      sender: B,
      input: new Uint8Array(0),
      value: 0n,
      nonce: 0n,
      gasLimit: 1_000_000_000n,
      payload: { module: '0xb0b::Wrong', function: 'mint', args: [u128(1)] },
    });
    expect(linked.error?.message).toMatch(/LINKER_ERROR: imported struct 0x1::Token::Token does not match/);
    const code = assembleToBytes(source, { addressWidth: 16 });
    expect(runtime.deploy(state, { sender: B, code, gasLimit: 100_000_000n }).status).toBe('success');
    const at = (module: string, fn: string, args: Uint8Array[] = [], typeArgs: string[] = []) =>
      runtime.execute(state, {
        sender: B,
        input: new Uint8Array(0),
        value: 0n,
        nonce: 0n,
        gasLimit: 1_000_000_000n,
        payload: { module, function: fn, args, typeArgs },
      });
    const T = '0xb0b::MyToken::MyToken';
    expect(hex(ok(at('0x1::Token', 'is_registered_in', [B], [T])))).toBe('00');
    // Starcoin's Token::register_token needs an event-handle generator under the issuer.
    ok(at('0x1::Event', 'publish_generator'));
    const before = state.stateRoot();
    expect(at('0xb0b::MyToken', 'mint', [u128(1)]).error?.details.status).toBe('MISSING_DATA');
    expect(state.stateRoot()).toEqual(before);
    ok(at('0xb0b::MyToken', 'init'));
    const minted = ok(at('0xb0b::MyToken', 'mint', [u128(1000)]));
    expect(minted.returnData).toEqual(u128(1000));
    expect(minted.events).toHaveLength(1);
    expect(hex(ok(at('0x1::Token', 'market_cap', [], [T])))).toBe(Buffer.from(u128(1000)).toString('hex'));
    expect(hex(ok(at('0x1::Token', 'is_registered_in', [B], [T])))).toBe('01');
  });

  it('a Starcoin Account flow: accounts, accept_token, mint + deposit_to_self, pay_from, balance', () => {
    const D = addressFromHex('0xdad', 16);
    const E = addressFromHex('0xe1e', 16);
    const source = tokenModule(
      '0xdad::Coin',
      `import fun 0x1::Account::deposit_to_self<T0: store>(&signer, 0x1::Token::Token<T0>)
public entry fun mint(account: &signer, amount: u128) {
  CopyLoc account
  CopyLoc account
  MoveLoc amount
  Call 0x1::Token::mint<Coin>
  Call 0x1::Account::deposit_to_self<Coin>
  Ret
}`,
    );
    const code = assembleToBytes(source, { addressWidth: 16 });
    expect(runtime.deploy(state, { sender: D, code, gasLimit: 100_000_000n }).status).toBe('success');
    const at = (
      sender: Uint8Array,
      module: string,
      fn: string,
      args: Uint8Array[] = [],
      typeArgs: string[] = [],
    ) =>
      ok(
        runtime.execute(state, {
          sender,
          input: new Uint8Array(0),
          value: 0n,
          nonce: 0n,
          gasLimit: 1_000_000_000n,
          payload: { module, function: fn, args, typeArgs },
        }),
      );
    const COIN = '0xdad::Coin::Coin';
    at(D, '0x1::Account', 'create_account_with_address', [D], ['0x1::STC::STC']);
    at(D, '0xdad::Coin', 'init');
    at(D, '0x1::Account', 'do_accept_token', [], [COIN]);
    expect(at(D, '0xdad::Coin', 'mint', [u128(1000)]).events).toHaveLength(2); // mint + deposit
    at(D, '0x1::Account', 'create_account_with_address', [E], [COIN]);
    const paid = at(D, '0x1::Account', 'pay_from', [E, u128(100)], [COIN]);
    expect(paid.events).toHaveLength(2); // withdraw + deposit
    expect(at(D, '0x1::Account', 'balance', [D], [COIN]).returnData).toEqual(u128(900));
    expect(at(D, '0x1::Account', 'balance', [E], [COIN]).returnData).toEqual(u128(100));
    // Overdrawing aborts inside Account::withdraw and leaves both balances as they were.
    const root = state.stateRoot();
    const over = runtime.execute(state, {
      sender: D,
      input: new Uint8Array(0),
      value: 0n,
      nonce: 0n,
      gasLimit: 1_000_000_000n,
      payload: { module: '0x1::Account', function: 'pay_from', args: [E, u128(5000)], typeArgs: [COIN] },
    });
    expect(over.status).toBe('revert');
    expect(state.stateRoot()).toEqual(root);
  });

  it("the table extension: Starcoin's Table module over per-entry storage slots", () => {
    const owner = addressFromHex('0x7ab', 16);
    const T = '0x1::Table::Table';
    const source = `module 0x7ab::Reg
import struct ${T}<phantom T0: copy + drop, phantom T1> has store
import fun 0x1::Signer::address_of(&signer): address
import fun 0x1::Table::new<T0: copy + drop, T1: store>(): ${T}<T0, T1>
import fun 0x1::Table::add<T0: copy + drop, T1>(&mut ${T}<T0, T1>, T0, T1)
import fun 0x1::Table::borrow<T0: copy + drop, T1>(&${T}<T0, T1>, T0): &T1
import fun 0x1::Table::length<T0: copy + drop, T1>(&${T}<T0, T1>): u64
struct Reg has key {
  t: ${T}<u64, u64>
}
public entry fun init(s: &signer) {
  MoveLoc s
  Call 0x1::Table::new<u64, u64>
  Pack Reg
  MoveTo Reg
  Ret
}
public entry fun put(s: &signer, k: u64, v: u64) acquires Reg {
  MoveLoc s
  Call 0x1::Signer::address_of
  MutBorrowGlobal Reg
  MutBorrowField Reg.t
  MoveLoc k
  MoveLoc v
  Call 0x1::Table::add<u64, u64>
  Ret
}
public fun get(a: address, k: u64): u64 acquires Reg {
  MoveLoc a
  ImmBorrowGlobal Reg
  ImmBorrowField Reg.t
  MoveLoc k
  Call 0x1::Table::borrow<u64, u64>
  ReadRef
  Ret
}
public fun size(a: address): u64 acquires Reg {
  MoveLoc a
  ImmBorrowGlobal Reg
  ImmBorrowField Reg.t
  Call 0x1::Table::length<u64, u64>
  Ret
}
`;
    expect(
      runtime.deploy(state, {
        sender: owner,
        code: assembleToBytes(source, { addressWidth: 16 }),
        gasLimit: 100_000_000n,
      }).status,
    ).toBe('success');
    const at = (fn: string, args: Uint8Array[] = []) =>
      runtime.execute(state, {
        sender: owner,
        input: new Uint8Array(0),
        value: 0n,
        nonce: 0n,
        gasLimit: 1_000_000_000n,
        payload: { module: '0x7ab::Reg', function: fn, args },
      });
    ok(at('init'));
    const entriesBefore = state.entries('move/table').length;
    ok(at('put', [u64(1), u64(10)]));
    ok(at('put', [u64(2), u64(20)]));
    expect(state.entries('move/table').length).toBe(entriesBefore + 2);
    expect(ok(at('get', [owner, u64(2)])).returnData).toEqual(u64(20));
    expect(ok(at('size', [owner])).returnData).toEqual(u64(2));
    const root = state.stateRoot();
    const dup = at('put', [u64(1), u64(99)]);
    expect(dup.status).toBe('revert');
    expect(dup.error?.details.abortCode).toBe('100');
    expect(at('get', [owner, u64(3)]).error?.details.abortCode).toBe('101');
    expect(state.stateRoot()).toEqual(root);
  });

  it('global storage: Token::is_registered_in<STC> reads a generic resource key', () => {
    expect(hex(ok(call('Token', 'is_registered_in', [addressFromHex('0x1', 16)], ['0x1::STC::STC'])))).toBe(
      '00',
    );
  });
});
