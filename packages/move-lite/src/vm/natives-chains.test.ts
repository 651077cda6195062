import { blake2b } from '@noble/hashes/blake2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { type GasCategory, JournaledState } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { MoveAbort } from './errors.js';
import { bytesOf, vectorOf } from './native-values.js';
import { type NativeContext, stdNatives } from './natives.js';
import { sipHash24 } from './siphash.js';
import { GlobalStore } from './storage.js';
import { Ref, type RType, type StructType, type Value } from './value.js';

const natives = stdNatives();
function call(name: string, typeArgs: RType[], args: Value[]): { out: Value[]; gas: number } {
  let gas = 0;
  const ctx = {
    charge: (n: number, _c: GasCategory) => {
      gas += n;
    },
    addressWidth: 32,
  } as unknown as NativeContext;
  const fn = natives.get(name);
  if (!fn) throw new Error(`no native ${name}`);
  return { out: fn(ctx, typeArgs, args), gas };
}
const addr = (n: number): Uint8Array => {
  const a = new Uint8Array(32);
  a[31] = n;
  return a;
};
const coin: StructType = {
  module: undefined as never,
  address: addr(2),
  moduleName: 'coin',
  name: 'Coin',
  def: 0,
  abilities: 0,
  fieldNames: [],
};
const sui: StructType = { ...coin, moduleName: 'sui', name: 'SUI' };
const COIN_SUI: RType = {
  k: 'struct',
  s: coin,
  args: [{ k: 'struct', s: sui, args: [], fields: [] }],
  fields: [],
};
const text = (v: Value): string => Buffer.from(bytesOf(v)).toString();

describe('SipHash-2-4', () => {
  it('matches the reference vectors of the SipHash paper (key 00..0f)', () => {
    const k0 = 0x0706050403020100n;
    const k1 = 0x0f0e0d0c0b0a0908n;
    expect(sipHash24(new Uint8Array(0), k0, k1)).toBe(0x726fdb47dd0e0e31n);
    expect(sipHash24(Uint8Array.of(0), k0, k1)).toBe(0x74f839c593dc67fdn);
    expect(
      sipHash24(
        Uint8Array.from({ length: 15 }, (_, i) => i),
        k0,
        k1,
      ),
    ).toBe(0xa129ca6149be45e5n);
  });
});

describe('Aptos natives', () => {
  it('aptos_hash::keccak256 and sip_hash, charged as aptos_framework.rs says', () => {
    const data = vectorOf(Buffer.from('abc'));
    const k = call('0x1::aptos_hash::keccak256', [], [data]);
    expect(bytesOf(k.out[0]!)).toEqual(keccak_256(Buffer.from('abc')));
    expect(k.gas).toBe(80_000 + 900 * 3);
    const s = call('0x1::aptos_hash::sip_hash', [], [data]);
    expect(BigInt(s.out[0] as number | bigint)).toBe(sipHash24(Buffer.from('abc')));
    expect(s.gas).toBe(20_000 + 400 * 3);
  });
  it('create_signer returns a signer for the address', () => {
    expect(call('0x1::create_signer::create_signer', [], [addr(7)]).out[0]).toEqual(addr(7));
  });
  it('type_info::type_of and type_name render the type as Aptos does', () => {
    const [info] = call('0x1::type_info::type_of', [COIN_SUI], []).out as [Value[]];
    expect(info[0]).toEqual(addr(2));
    expect(text(info[1]!)).toBe('coin');
    expect(text(info[2]!)).toBe('Coin<0x2::sui::SUI>');
    const named = call('0x1::type_info::type_name', [{ k: 'vector', e: COIN_SUI }], []);
    expect(text((named.out[0] as Value[])[0]!)).toBe('vector<0x2::coin::Coin<0x2::sui::SUI>>');
    expect(() => call('0x1::type_info::type_of', [{ k: 'u64' }], [])).toThrow(MoveAbort);
  });
  it('a failing from_bcs::from_bytes aborts with EFROM_BYTES (0x10001), not an internal error', () => {
    try {
      call('0x1::from_bcs::from_bytes', [{ k: 'u64' }], [vectorOf(Uint8Array.of(1, 2))]);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(MoveAbort);
      expect((err as MoveAbort).abortCode).toBe(0x10001n);
    }
    // Starcoin's FromBCS uses its own code, (INVALID_ARGUMENT << 16) + 100.
    expect(() => call('0x1::FromBCS::from_bytes', [{ k: 'u64' }], [vectorOf(Uint8Array.of(1))])).toThrow(
      expect.objectContaining({ abortCode: 0x10064n }),
    );
  });
});

describe('Sui natives', () => {
  it('address::to_u256 / from_u256 / from_bytes', () => {
    expect(call('0x2::address::to_u256', [], [addr(0x2a)]).out[0]).toBe(42n);
    expect(call('0x2::address::from_u256', [], [258n]).out[0]).toEqual(
      Uint8Array.from({ length: 32 }, (_, i) => (i === 30 ? 1 : i === 31 ? 2 : 0)),
    );
    expect(() => call('0x2::address::from_bytes', [], [vectorOf(new Uint8Array(31))])).toThrow(MoveAbort);
  });
  it('type_name::get writes full addresses without 0x, arguments joined by ","', () => {
    const [name] = call('0x1::type_name::get', [COIN_SUI], []).out as [Value[]];
    const hex2 = `${'0'.repeat(63)}2`;
    expect(text((name[0] as Value[])[0]!)).toBe(`${hex2}::coin::Coin<${hex2}::sui::SUI>`);
  });
  it('dynamic_field::hash_type_and_key hashes scope, parent, key length, key and type tag', () => {
    const out = call('0x2::dynamic_field::hash_type_and_key', [{ k: 'u64' }], [addr(5), 7n]).out[0];
    const key = Uint8Array.of(7, 0, 0, 0, 0, 0, 0, 0);
    const expected = blake2b(Uint8Array.of(0xf0, ...addr(5), 8, 0, 0, 0, 0, 0, 0, 0, ...key, 2), {
      dkLen: 32,
    });
    expect(out).toEqual(expected);
  });
});

describe('Sui dynamic-field child objects', () => {
  const store = new GlobalStore(new JournaledState(), 32, () => {});
  const ctx = { charge: () => {}, addressWidth: 32, store } as unknown as NativeContext;
  const native = (name: string) => natives.get(`0x2::dynamic_field::${name}`)!;
  const parent = addr(9);
  const childId = addr(10);
  const field: StructType = { ...coin, moduleName: 'dynamic_field', name: 'Field' };
  const FIELD_T: RType = { k: 'struct', s: field, args: [], fields: [] };
  const OTHER_T: RType = { ...FIELD_T, s: { ...field, name: 'Other' } };
  // Field { id: UID { id: ID { bytes } }, value: u64 }
  const child: Value = [[[childId]], 5n];
  it('add, has, has_with_ty, borrow, remove; a missing child aborts 1, a wrong type 2', () => {
    expect(native('has_child_object')(ctx, [], [parent, childId])).toEqual([false]);
    native('add_child_object')(ctx, [FIELD_T], [parent, child]);
    expect(native('has_child_object')(ctx, [], [parent, childId])).toEqual([true]);
    expect(native('has_child_object_with_ty')(ctx, [FIELD_T], [parent, childId])).toEqual([true]);
    expect(native('has_child_object_with_ty')(ctx, [OTHER_T], [parent, childId])).toEqual([false]);
    const uid = new Ref([[[parent]]], 0);
    const [r] = native('borrow_child_object')(ctx, [FIELD_T], [uid, childId]) as [Ref];
    expect(r.read()).toEqual(child);
    const abortCode = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return (err as MoveAbort).abortCode;
      }
    };
    expect(abortCode(() => native('borrow_child_object')(ctx, [OTHER_T], [uid, childId]))).toBe(2n);
    expect(native('remove_child_object')(ctx, [FIELD_T], [parent, childId])).toEqual([child]);
    expect(abortCode(() => native('remove_child_object')(ctx, [FIELD_T], [parent, childId]))).toBe(1n);
    expect(native('has_child_object')(ctx, [], [parent, childId])).toEqual([false]);
  });
});

describe('Aptos string_utils', () => {
  const one = addr(1);
  const stringT: RType = {
    k: 'struct',
    s: { ...coin, address: one, moduleName: 'string', name: 'String', fieldNames: ['bytes'] },
    args: [],
    fields: [{ k: 'vector', e: { k: 'u8' } }],
  };
  const point: RType = {
    k: 'struct',
    s: { ...coin, address: addr(0x42), moduleName: 'm', name: 'Point', fieldNames: ['x', 'tags'] },
    args: [],
    fields: [{ k: 'u64' }, { k: 'vector', e: stringT }],
  };
  const value: Value = [3n, [[vectorOf(Buffer.from('a"b'))]]];
  const format = (t: RType, v: Value, flags: boolean[]) =>
    text((call('0x1::string_utils::native_format', [t], [new Ref([v], 0), ...flags]).out[0] as Value[])[0]!);
  it('renders structs, vectors, strings and integers as string_utils.rs does', () => {
    // to_string: single line, short addresses.
    expect(format(point, value, [false, false, true, false])).toBe('Point { x: 3, tags: [ "a\\"b" ] }');
    // debug_string: type tags, multi-line, nested values indented.
    expect(format(point, value, [true, false, false, false])).toBe(
      '0x42::m::Point {\n  x: 3,\n  tags: [\n    "a\\"b"\n  ]\n}',
    );
    expect(format({ k: 'u64' }, 5n, [false, true, true, true])).toBe('5u64');
    expect(format({ k: 'address' }, addr(1), [false, false, true, false])).toBe('@0x1');
    expect(format({ k: 'address' }, addr(1), [false, true, true, false])).toBe(`@${'0'.repeat(63)}1`);
    expect(
      format({ k: 'vector', e: { k: 'u8' } }, vectorOf(Uint8Array.of(0xab, 1)), [false, false, true, false]),
    ).toBe('0xab01');
    expect(format({ k: 'vector', e: { k: 'u64' } }, [1n, 2n], [false, false, false, false])).toBe('[ 1, 2 ]');
  });
  it('format lists fill {} in order and escape {{ }}; a bad format aborts with EINVALID_FORMAT', () => {
    const sutils = (name: string, args: RType[], fieldNames: string[], fields: RType[]): RType => ({
      k: 'struct',
      s: { ...coin, address: one, moduleName: 'string_utils', name, fieldNames },
      args,
      fields,
    });
    const nil = sutils('NIL', [], ['dummy_field'], [{ k: 'bool' }]);
    const cons = sutils('Cons', [{ k: 'u64' }, nil], ['car', 'cdr'], [{ k: 'u64' }, nil]);
    const fmt = (f: string) =>
      call(
        '0x1::string_utils::native_format_list',
        [cons],
        [new Ref([vectorOf(Buffer.from(f))], 0), new Ref([[7n, [false]]], 0)],
      );
    expect(text((fmt('x={} {{ok}}').out[0] as Value[])[0]!)).toBe('x=7 {ok}');
    expect(() => fmt('x={')).toThrow(MoveAbort);
    expect(() => fmt('{} {}')).toThrow(MoveAbort);
  });
});
