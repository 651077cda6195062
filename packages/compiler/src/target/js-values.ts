/** Typed JS arguments → ABI runtime values, checked against the IR type. */
import { hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { InvalidArgumentError } from '@polyvm/core';
import { type AbiValue, bytesWord } from '../abi/codec.js';
import { type IrType, integerRange, typeName } from '../ir/types.js';
import type { JsValue } from './target.js';

function bad(type: IrType, value: JsValue): never {
  throw new InvalidArgumentError(`argument ${String(value)} is not a valid ${typeName(type)}`);
}

function hexOrBytes(value: JsValue): Uint8Array | null {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string' && /^0x([0-9a-fA-F]{2})*$/.test(value)) return hexToBytes(value.slice(2));
  return null;
}

function integer(value: JsValue): bigint | null {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?(0x[0-9a-fA-F]+|\d+)$/.test(value)) {
    return value.startsWith('-') ? -BigInt(value.slice(1)) : BigInt(value);
  }
  return null;
}

export function toAbiValue(type: IrType, value: JsValue): AbiValue {
  switch (type.kind) {
    case 'uint':
    case 'int': {
      const n = integer(value);
      const range = integerRange(type);
      if (n === null || n < range.min || n > range.max) bad(type, value);
      return n;
    }
    case 'bool':
      if (typeof value === 'boolean') return value ? 1n : 0n;
      return bad(type, value);
    case 'address': {
      const n = integer(value);
      if (n === null || n < 0n || n >> 160n !== 0n) bad(type, value);
      return n;
    }
    case 'fixedBytes': {
      const bytes = hexOrBytes(value);
      if (bytes !== null && bytes.length === type.size) return bytesWord(bytes, 0, type.size);
      const n = integer(value);
      if (n === null || n < 0n || n >> BigInt(type.size * 8) !== 0n) bad(type, value);
      return n;
    }
    case 'string':
      if (typeof value === 'string') return utf8ToBytes(value);
      return value instanceof Uint8Array ? value : bad(type, value);
    case 'bytes':
      return hexOrBytes(value) ?? bad(type, value);
    case 'array': {
      if (!Array.isArray(value)) bad(type, value);
      const items = value as readonly JsValue[];
      if (type.length !== null && items.length !== type.length) bad(type, value);
      return items.map((item) => toAbiValue(type.element, item));
    }
    case 'struct': {
      if (Array.isArray(value))
        return type.fields.map((f, i) => toAbiValue(f.type, (value as JsValue[])[i]!));
      if (typeof value !== 'object' || value instanceof Uint8Array) bad(type, value);
      const record = value as { readonly [field: string]: JsValue };
      return type.fields.map((f) => toAbiValue(f.type, record[f.name] ?? bad(type, value)));
    }
    case 'mapping':
      return bad(type, value);
  }
}

/** A value as JSON-friendly text: numbers as decimal strings, bytes as 0x-hex. */
export function formatAbiValue(value: AbiValue): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return `0x${Buffer.from(value).toString('hex')}`;
  return value.map(formatAbiValue);
}

/** A value as text for people: like `formatAbiValue`, with addresses and bytesN as fixed-width hex. */
export function formatTypedValue(type: IrType, value: AbiValue): unknown {
  if (type.kind === 'address' && typeof value === 'bigint')
    return `0x${value.toString(16).padStart(40, '0')}`;
  if (type.kind === 'fixedBytes' && typeof value === 'bigint') {
    return `0x${value.toString(16).padStart(type.size * 2, '0')}`;
  }
  if (type.kind === 'array' && Array.isArray(value))
    return value.map((v) => formatTypedValue(type.element, v));
  if (type.kind === 'struct' && Array.isArray(value))
    return type.fields.map((f, i) => formatTypedValue(f.type, value[i]!));
  return formatAbiValue(value);
}
