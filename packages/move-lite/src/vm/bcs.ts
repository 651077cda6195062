import { DecodeError } from '@polyvm/core';
import { Cursor, Writer } from '../binary/cursor.js';
import { big, canonical, type Int } from './ints.js';
import type { RType, Value } from './value.js';

const INT_BYTES: Record<string, number> = { u8: 1, u16: 2, u32: 4, u64: 8, u128: 16, u256: 32 };

/**
 * BCS (Binary Canonical Serialization, github.com/diem/bcs): little-endian fixed-width integers,
 * one byte bools, ULEB128 length-prefixed vectors, structs as their fields in order. Addresses are
 * their raw bytes. This is how resources are stored and how arguments and results travel.
 */
export function bcsEncode(value: Value, type: RType): Uint8Array {
  const w = new Writer();
  encode(w, value, type);
  return w.finish();
}

function encode(w: Writer, v: Value, t: RType): void {
  switch (t.k) {
    case 'bool':
      w.u8(v ? 1 : 0);
      return;
    case 'address':
    case 'signer':
      w.bytes(v as Uint8Array);
      return;
    case 'vector': {
      const items = v as Value[];
      w.uleb128(items.length);
      for (const item of items) encode(w, item, t.e);
      return;
    }
    case 'struct': {
      const fields = v as Value[];
      t.fields.forEach((ft, i) => {
        encode(w, fields[i]!, ft);
      });
      return;
    }
    default:
      w.uintLe(big(v as Int), INT_BYTES[t.k]!);
  }
}

export function bcsDecode(bytes: Uint8Array, type: RType, addressWidth: number): Value {
  const c = new Cursor(bytes);
  const v = decode(c, type, addressWidth);
  if (c.remaining !== 0) throw new DecodeError(`${c.remaining} trailing bytes after a BCS value`);
  return v;
}

function decode(c: Cursor, t: RType, width: number): Value {
  switch (t.k) {
    case 'bool': {
      const b = c.u8();
      if (b > 1) c.fail(`invalid BCS bool ${b}`);
      return b === 1;
    }
    case 'address':
    case 'signer':
      return c.bytesN(width);
    case 'vector': {
      const n = c.uleb(0x7fff_ffff);
      // Every element takes at least one byte (structs have fields, the verifier sees to it), so a
      // length beyond the remaining input is refused before anything is allocated.
      if (n * Math.max(1, minEncodedSize(t.e, width)) > c.remaining)
        c.fail(`BCS vector of ${n} elements is longer than the input`);
      const out: Value[] = [];
      for (let i = 0; i < n; i++) out.push(decode(c, t.e, width));
      return out;
    }
    case 'struct':
      return t.fields.map((f) => decode(c, f, width));
    case 'u8':
      return c.u8();
    case 'u128':
    case 'u256':
      return c.uintLe(INT_BYTES[t.k]!);
    default:
      return canonical(c.uintLe(INT_BYTES[t.k]!));
  }
}

const minSizes = new WeakMap<RType, number>();

/** The fewest bytes a BCS value of type `t` can take. */
function minEncodedSize(t: RType, width: number): number {
  if (t.k === 'vector' || t.k === 'bool') return 1;
  if (t.k === 'address' || t.k === 'signer') return width;
  if (t.k !== 'struct') return INT_BYTES[t.k]!;
  let size = minSizes.get(t);
  if (size === undefined) {
    size = t.fields.reduce((sum, f) => sum + minEncodedSize(f, width), 0);
    minSizes.set(t, size);
  }
  return size;
}

/** Type tag encoding (move-core-types `TypeTag`, BCS enum variant order). */
const TYPE_TAG: Record<string, number> = {
  bool: 0,
  u8: 1,
  u64: 2,
  u128: 3,
  address: 4,
  signer: 5,
  vector: 6,
  struct: 7,
  u16: 8,
  u32: 9,
  u256: 10,
};

/** BCS of a `StructTag { address, module, name, type_params }`: the key of a resource in global storage. */
export function structTagBytes(t: Extract<RType, { k: 'struct' }>): Uint8Array {
  const w = new Writer();
  writeStructTag(w, t);
  return w.finish();
}

function writeStructTag(w: Writer, t: Extract<RType, { k: 'struct' }>): void {
  w.bytes(t.s.address);
  writeString(w, t.s.moduleName);
  writeString(w, t.s.name);
  w.uleb128(t.args.length);
  for (const a of t.args) writeTypeTag(w, a);
}

/** BCS of a `TypeTag`: how an event names the type of its payload. */
export function typeTagBytes(t: RType): Uint8Array {
  const w = new Writer();
  writeTypeTag(w, t);
  return w.finish();
}

function writeTypeTag(w: Writer, t: RType): void {
  w.u8(TYPE_TAG[t.k]!);
  if (t.k === 'vector') writeTypeTag(w, t.e);
  else if (t.k === 'struct') writeStructTag(w, t);
}

function writeString(w: Writer, s: string): void {
  w.uleb128(s.length);
  for (let i = 0; i < s.length; i++) w.u8(s.charCodeAt(i));
}

/** `0x1::Coin::Coin<u64>` style rendering of a runtime type. */
export function formatType(t: RType): string {
  if (t.k === 'vector') return `vector<${formatType(t.e)}>`;
  if (t.k !== 'struct') return t.k;
  const hex = Buffer.from(t.s.address).toString('hex').replace(/^0+/, '') || '0';
  const args = t.args.length ? `<${t.args.map(formatType).join(', ')}>` : '';
  return `0x${hex}::${t.s.moduleName}::${t.s.name}${args}`;
}
