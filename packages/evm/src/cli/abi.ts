import { fromHex, InvalidArgumentError, toHex } from '@polyvm/core';
import { keccak256 } from '../crypto/keccak.js';

/**
 * A small Solidity ABI codec for the CLI: elementary types (`uintN`, `intN`, `address`, `bool`,
 * `bytesN`), `bytes`, `string` and dynamic arrays `T[]` of those, per the Solidity ABI
 * specification ("Formal Specification of the Encoding", docs.soliditylang.org/en/latest/abi-spec.html).
 * Tuples are not supported: a signature using them is refused, never mis-encoded.
 */

export type AbiValue = bigint | boolean | string | Uint8Array | AbiValue[];

const WORD = 32;

function isDynamic(type: string): boolean {
  return type === 'bytes' || type === 'string' || type.endsWith('[]');
}

function checkType(type: string): void {
  if (type.endsWith('[]')) {
    checkType(type.slice(0, -2));
    return;
  }
  if (/^(u?int)(\d*)$/.test(type)) {
    const bits = Number(type.replace(/^u?int/, '') || 256);
    if (bits % 8 === 0 && bits >= 8 && bits <= 256) return;
  }
  if (/^bytes(\d+)$/.test(type)) {
    const n = Number(type.slice(5));
    if (n >= 1 && n <= 32) return;
  }
  if (['address', 'bool', 'bytes', 'string'].includes(type)) return;
  throw new InvalidArgumentError(
    `unsupported ABI type "${type}" (tuples and fixed arrays are not supported)`,
  );
}

/** `transfer(address,uint256)` → name and parameter types, checked. */
export function parseSignature(signature: string): { name: string; types: string[] } {
  const match = /^\s*([A-Za-z_$][\w$]*)\s*\(([^()]*)\)\s*$/.exec(signature);
  if (!match) throw new InvalidArgumentError(`bad function signature "${signature}" (expected name(type,…))`);
  const types = match[2]!.trim() === '' ? [] : match[2]!.split(',').map((t) => canonicalType(t.trim()));
  for (const t of types) checkType(t);
  return { name: match[1]!, types };
}

/** `uint` → `uint256`, `int` → `int256`, also inside arrays (the canonical form hashed in selectors). */
export function canonicalType(type: string): string {
  return type.replace(/^(u?int)(?=$|\[)/, '$1256');
}

/** The first four bytes of keccak256 of the canonical signature (ABI spec, "Function Selector"). */
export function selector(signature: string): Uint8Array {
  const { name, types } = parseSignature(signature);
  return keccak256(new TextEncoder().encode(`${name}(${types.join(',')})`)).subarray(0, 4);
}

export function topicOf(signature: string): Uint8Array {
  const { name, types } = parseSignature(signature);
  return keccak256(new TextEncoder().encode(`${name}(${types.join(',')})`));
}

function wordOf(n: bigint): Uint8Array {
  const out = new Uint8Array(WORD);
  let v = BigInt.asUintN(256, n);
  for (let i = WORD - 1; i >= 0 && v > 0n; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

function readWord(data: Uint8Array, offset: number): bigint {
  if (offset + WORD > data.length) throw new InvalidArgumentError(`ABI data too short at byte ${offset}`);
  return BigInt(toHex(data.subarray(offset, offset + WORD)));
}

function asBigInt(value: AbiValue, type: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string' && /^-?(\d+|0x[0-9a-fA-F]+)$/.test(value)) {
    return value.startsWith('-') ? -BigInt(value.slice(1)) : BigInt(value);
  }
  if (typeof value === 'boolean' && type === 'bool') return value ? 1n : 0n;
  throw new InvalidArgumentError(`${type} argument must be an integer, got ${JSON.stringify(String(value))}`);
}

function asBytes(value: AbiValue, type: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string' && /^0x([0-9a-fA-F]{2})*$/.test(value)) return fromHex(value);
  throw new InvalidArgumentError(
    `${type} argument must be 0x-hex bytes, got ${JSON.stringify(String(value))}`,
  );
}

function encodeStatic(type: string, value: AbiValue): Uint8Array {
  if (type === 'bool') {
    if (value === true || value === 'true') return wordOf(1n);
    if (value === false || value === 'false') return wordOf(0n);
    throw new InvalidArgumentError(
      `bool argument must be true or false, got ${JSON.stringify(String(value))}`,
    );
  }
  if (type === 'address') {
    const bytes = asBytes(value, type);
    if (bytes.length !== 20) throw new InvalidArgumentError(`address must be 20 bytes, got ${bytes.length}`);
    const out = new Uint8Array(WORD);
    out.set(bytes, 12);
    return out;
  }
  if (type.startsWith('bytes')) {
    const size = Number(type.slice(5));
    const bytes = asBytes(value, type);
    if (bytes.length !== size)
      throw new InvalidArgumentError(`${type} must be ${size} bytes, got ${bytes.length}`);
    const out = new Uint8Array(WORD);
    out.set(bytes);
    return out;
  }
  const bits = BigInt(type.replace(/^u?int/, '') || 256);
  const n = asBigInt(value, type);
  const signed = type.startsWith('int');
  const [min, max] = signed ? [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n] : [0n, (1n << bits) - 1n];
  if (n < min || n > max) throw new InvalidArgumentError(`${n} does not fit ${type}`);
  return wordOf(n);
}

function encodeDynamic(type: string, value: AbiValue): Uint8Array {
  if (type.endsWith('[]')) {
    if (!Array.isArray(value)) throw new InvalidArgumentError(`${type} argument must be an array`);
    const element = type.slice(0, -2);
    return concat([
      wordOf(BigInt(value.length)),
      encodeTuple(
        value.map(() => element),
        value,
      ),
    ]);
  }
  const bytes = type === 'string' ? new TextEncoder().encode(String(value)) : asBytes(value, type);
  const padded = new Uint8Array(Math.ceil(bytes.length / WORD) * WORD);
  padded.set(bytes);
  return concat([wordOf(BigInt(bytes.length)), padded]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Head/tail encoding of a list of values (ABI spec: `enc((T1,…,Tk))`). */
export function encodeTuple(types: readonly string[], values: readonly AbiValue[]): Uint8Array {
  if (types.length !== values.length) {
    throw new InvalidArgumentError(`expected ${types.length} ABI arguments, got ${values.length}`);
  }
  const heads: Uint8Array[] = [];
  const tails: Uint8Array[] = [];
  let tailOffset = types.length * WORD;
  types.forEach((type, i) => {
    if (isDynamic(type)) {
      const tail = encodeDynamic(type, values[i]!);
      heads.push(wordOf(BigInt(tailOffset)));
      tails.push(tail);
      tailOffset += tail.length;
    } else {
      heads.push(encodeStatic(type, values[i]!));
    }
  });
  return concat([...heads, ...tails]);
}

/** Calldata for `signature` with `values`: selector then the encoded arguments. */
export function encodeCall(signature: string, values: readonly AbiValue[]): Uint8Array {
  const { types } = parseSignature(signature);
  return concat([selector(signature), encodeTuple(types, values)]);
}

function decodeStatic(type: string, data: Uint8Array, offset: number): AbiValue {
  const word = readWord(data, offset);
  if (type === 'bool') return word !== 0n;
  if (type === 'address') return toHex(data.subarray(offset + 12, offset + WORD));
  if (type.startsWith('bytes')) return toHex(data.subarray(offset, offset + Number(type.slice(5))));
  const bits = Number(type.replace(/^u?int/, '') || 256);
  return type.startsWith('int') ? BigInt.asIntN(bits, word) : word;
}

function decodeAt(type: string, data: Uint8Array, offset: number): AbiValue {
  if (!isDynamic(type)) return decodeStatic(type, data, offset);
  const start = Number(readWord(data, offset));
  const length = Number(readWord(data, start));
  if (type.endsWith('[]')) {
    const element = type.slice(0, -2);
    if (length > data.length) throw new InvalidArgumentError('ABI array length exceeds the data');
    return decodeTuple(
      Array.from({ length }, () => element),
      data.subarray(start + WORD),
    );
  }
  if (start + WORD + length > data.length)
    throw new InvalidArgumentError('ABI bytes length exceeds the data');
  const bytes = data.subarray(start + WORD, start + WORD + length);
  return type === 'string' ? new TextDecoder().decode(bytes) : toHex(bytes);
}

export function decodeTuple(types: readonly string[], data: Uint8Array): AbiValue[] {
  return types.map((type, i) => decodeAt(type, data, i * WORD));
}

/** A decoded value as text: numbers in decimal, strings quoted, bytes and addresses as hex. */
export function formatAbiValue(value: AbiValue): string {
  if (Array.isArray(value)) return `[${value.map(formatAbiValue).join(', ')}]`;
  if (typeof value === 'string' && !value.startsWith('0x')) return JSON.stringify(value);
  if (value instanceof Uint8Array) return toHex(value);
  return String(value);
}
