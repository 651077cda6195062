/**
 * BCS of the values the Move target passes and returns (Move's `bcs` spec): unsigned integers
 * little-endian in their width, bool one byte, address its 32 bytes, `vector<T>` (strings, bytes,
 * arrays) a ULEB128 length then the elements, structs their fields in order. This is how a Move
 * transaction carries arguments and how move-lite returns results and event data.
 */
import { concatBytes, InvalidArgumentError } from '@polyvm/core';
import type { AbiValue } from '../abi/codec.js';
import { type IrType, typeName } from '../ir/types.js';
import { MOVE_ADDRESS_BYTES } from './module-gen.js';
import { integerOfWord, moveBits, wordOf } from './types.js';

/** Bytes of a fixed-width value type, or null for vectors and structs. */
function width(type: IrType): number | null {
  switch (type.kind) {
    case 'uint':
    case 'int':
      return moveBits(type.bits) / 8;
    case 'fixedBytes':
      return moveBits(type.size * 8) / 8;
    case 'bool':
      return 1;
    case 'address':
      return MOVE_ADDRESS_BYTES;
    default:
      return null;
  }
}

export function uleb128(n: number): Uint8Array {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return Uint8Array.from(out);
}

export function bcsEncodeValue(type: IrType, value: AbiValue): Uint8Array {
  const n = width(type);
  if (n !== null) {
    if (typeof value !== 'bigint') throw new InvalidArgumentError(`move: ${typeName(type)} needs a number`);
    const out = new Uint8Array(n);
    let v = wordOf(type, value);
    for (let i = 0; i < n; i++) {
      // Addresses are big-endian bytes; integers little-endian.
      const at = type.kind === 'address' ? n - 1 - i : i;
      out[at] = Number(v & 0xffn);
      v >>= 8n;
    }
    return out;
  }
  switch (type.kind) {
    case 'string':
    case 'bytes':
      if (!(value instanceof Uint8Array)) throw new InvalidArgumentError(`move: ${type.kind} needs bytes`);
      return concatBytes(uleb128(value.length), value);
    case 'array':
      if (!Array.isArray(value)) throw new InvalidArgumentError(`move: ${typeName(type)} needs an array`);
      return concatBytes(uleb128(value.length), ...value.map((v) => bcsEncodeValue(type.element, v)));
    case 'struct':
      if (!Array.isArray(value)) throw new InvalidArgumentError(`move: ${typeName(type)} needs its fields`);
      return concatBytes(...type.fields.map((f, i) => bcsEncodeValue(f.type, value[i]!)));
    default:
      throw new InvalidArgumentError(`move: no BCS for ${typeName(type)}`);
  }
}

/** Reads BCS values by IR type; a mapping (a `Table` field) reads as its 32-byte handle. */
export class BcsReader {
  offset = 0;
  constructor(readonly data: Uint8Array) {}

  take(n: number): Uint8Array {
    if (this.offset + n > this.data.length) throw new InvalidArgumentError('move: BCS data too short');
    const bytes = this.data.subarray(this.offset, this.offset + n);
    this.offset += n;
    return bytes;
  }

  uleb128(): number {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = this.take(1)[0]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  }

  value(type: IrType): AbiValue {
    const n = width(type);
    if (n !== null) {
      const bytes = this.take(n);
      let v = 0n;
      for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(bytes[type.kind === 'address' ? i : n - 1 - i]!);
      return integerOfWord(type, v);
    }
    switch (type.kind) {
      case 'string':
      case 'bytes':
        return this.take(this.uleb128()).slice();
      case 'array':
        return Array.from({ length: this.uleb128() }, () => this.value(type.element));
      case 'struct':
        return type.fields.map((f) => this.value(f.type));
      case 'mapping':
        return this.take(MOVE_ADDRESS_BYTES).slice();
      default:
        throw new InvalidArgumentError(`move: no BCS for ${typeName(type)}`);
    }
  }
}

/** Decodes concatenated BCS values (move-lite's `returnData`) into ABI values (bool as 0n/1n). */
export function bcsDecodeValues(types: readonly IrType[], data: Uint8Array): AbiValue[] {
  const reader = new BcsReader(data);
  const values = types.map((type) => reader.value(type));
  if (reader.offset !== data.length) throw new InvalidArgumentError('move: trailing BCS data');
  return values;
}
