/**
 * The Solidity ABI (docs/abi-spec.rst) over IR types and runtime values: head/tail encoding of tuples,
 * 32-byte words for value types (uint zero-padded left, int sign-extended, bytesN padded right).
 * Runtime values: value types are bigint, string/bytes Uint8Array, arrays and structs JS arrays.
 */
import { bigIntToBytes, concatBytes, DecodeError } from '@polyvm/core';
import { abiTypeName, type IrType, integerRange } from '../ir/types.js';

export type AbiValue = bigint | Uint8Array | AbiValue[];

const WORD = 32;
const TWO_256 = 1n << 256n;

export function isDynamic(type: IrType): boolean {
  switch (type.kind) {
    case 'string':
    case 'bytes':
      return true;
    case 'array':
      return type.length === null || isDynamic(type.element);
    case 'struct':
      return type.fields.some((f) => isDynamic(f.type));
    default:
      return false;
  }
}

function headSize(type: IrType): number {
  if (isDynamic(type)) return WORD;
  if (type.kind === 'array') return (type.length ?? 0) * headSize(type.element);
  if (type.kind === 'struct') return type.fields.reduce((sum, f) => sum + headSize(f.type), 0);
  return WORD;
}

/** The 32-byte word of a value type, as a uint256. */
export function valueWord(type: IrType, value: bigint): bigint {
  switch (type.kind) {
    case 'int':
      return value < 0n ? value + TWO_256 : value;
    case 'fixedBytes':
      return value << BigInt(8 * (32 - type.size));
    default:
      return value;
  }
}

/** Inverse of `valueWord`; throws DecodeError when the word is not a clean value of `type`. */
export function wordValue(type: IrType, word: bigint): bigint {
  switch (type.kind) {
    case 'uint': {
      if (word > integerRange(type).max)
        throw new DecodeError(`ABI: ${word} does not fit ${abiTypeName(type)}`);
      return word;
    }
    case 'int': {
      const value = word >= 1n << 255n ? word - TWO_256 : word;
      const range = integerRange(type);
      if (value < range.min || value > range.max) throw new DecodeError(`ABI: dirty ${abiTypeName(type)}`);
      return value;
    }
    case 'bool':
      if (word > 1n) throw new DecodeError('ABI: dirty bool');
      return word;
    case 'address':
      if (word >> 160n !== 0n) throw new DecodeError('ABI: dirty address');
      return word;
    case 'fixedBytes': {
      const shift = BigInt(8 * (32 - type.size));
      if (word & ((1n << shift) - 1n)) throw new DecodeError(`ABI: dirty bytes${type.size}`);
      return word >> shift;
    }
    default:
      throw new DecodeError(`ABI: ${abiTypeName(type)} is not a value type`);
  }
}

export function wordBytes(word: bigint): Uint8Array {
  return bigIntToBytes(word, WORD);
}

export function bytesWord(bytes: Uint8Array, offset = 0, length = WORD): bigint {
  let word = 0n;
  for (let i = 0; i < length; i++) word = (word << 8n) | BigInt(bytes[offset + i] ?? 0);
  return word;
}

function paddedBytes(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(WORD + Math.ceil(data.length / WORD) * WORD);
  out.set(wordBytes(BigInt(data.length)), 0);
  out.set(data, WORD);
  return out;
}

/** abi.encode(values) of a tuple of `types`. */
export function encodeAbi(types: readonly IrType[], values: readonly AbiValue[]): Uint8Array {
  const heads: Uint8Array[] = [];
  const tails: Uint8Array[] = [];
  let tailOffset = types.reduce((sum, t) => sum + headSize(t), 0);
  types.forEach((type, i) => {
    const encoded = encodeOne(type, values[i]!);
    if (isDynamic(type)) {
      heads.push(wordBytes(BigInt(tailOffset)));
      tails.push(encoded);
      tailOffset += encoded.length;
    } else {
      heads.push(encoded);
    }
  });
  return concatBytes(...heads, ...tails);
}

function encodeOne(type: IrType, value: AbiValue): Uint8Array {
  switch (type.kind) {
    case 'string':
    case 'bytes':
      return paddedBytes(value as Uint8Array);
    case 'array': {
      const elements = value as AbiValue[];
      const body = encodeAbi(
        elements.map(() => type.element),
        elements,
      );
      return type.length === null ? concatBytes(wordBytes(BigInt(elements.length)), body) : body;
    }
    case 'struct':
      return encodeAbi(
        type.fields.map((f) => f.type),
        value as AbiValue[],
      );
    case 'mapping':
      throw new DecodeError('ABI: mappings cannot be encoded');
    default:
      return wordBytes(valueWord(type, value as bigint));
  }
}

/** abi.decode of a tuple of `types` from `data` (offsets relative to `base`). */
export function decodeAbi(types: readonly IrType[], data: Uint8Array, base = 0): AbiValue[] {
  let head = base;
  return types.map((type) => {
    let value: AbiValue;
    if (isDynamic(type)) {
      const offset = readOffset(data, head);
      value = decodeOne(type, data, base + offset);
    } else {
      value = decodeOne(type, data, head);
    }
    head += headSize(type);
    return value;
  });
}

function readOffset(data: Uint8Array, at: number): number {
  if (at + WORD > data.length) throw new DecodeError('ABI: data too short');
  const word = bytesWord(data, at);
  if (word > BigInt(data.length)) throw new DecodeError('ABI: offset out of range');
  return Number(word);
}

function decodeOne(type: IrType, data: Uint8Array, at: number): AbiValue {
  switch (type.kind) {
    case 'string':
    case 'bytes': {
      const length = readOffset(data, at);
      if (at + WORD + length > data.length) throw new DecodeError('ABI: bytes out of range');
      return data.slice(at + WORD, at + WORD + length);
    }
    case 'array': {
      const length = type.length ?? readOffset(data, at);
      const start = type.length === null ? at + WORD : at;
      return decodeAbi(
        Array.from({ length }, () => type.element),
        data,
        start,
      );
    }
    case 'struct':
      return decodeAbi(
        type.fields.map((f) => f.type),
        data,
        at,
      );
    case 'mapping':
      throw new DecodeError('ABI: mappings cannot be decoded');
    default:
      if (at + WORD > data.length) throw new DecodeError('ABI: data too short');
      return wordValue(type, bytesWord(data, at));
  }
}
