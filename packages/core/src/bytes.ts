import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { InvalidArgumentError } from './errors.js';

export type Bytes = Uint8Array;

export function assertBytes(value: unknown, name = 'value'): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new InvalidArgumentError(`${name} must be a Uint8Array, got ${describe(value)}`);
  }
}

/** Lower-case hex with a `0x` prefix. */
export function toHex(bytes: Uint8Array): `0x${string}` {
  assertBytes(bytes, 'bytes');
  return `0x${bytesToHex(bytes)}`;
}

/** Parses hex with or without `0x`; rejects odd length and non-hex characters. */
export function fromHex(hex: string): Uint8Array {
  if (typeof hex !== 'string') throw new InvalidArgumentError(`hex must be a string, got ${describe(hex)}`);
  const body = hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex;
  if (body.length % 2 !== 0)
    throw new InvalidArgumentError(`hex has an odd number of digits: "${clip(hex)}"`);
  if (!/^[0-9a-fA-F]*$/.test(body))
    throw new InvalidArgumentError(`hex has a non-hex character: "${clip(hex)}"`);
  return hexToBytes(body);
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  assertBytes(a, 'a');
  assertBytes(b, 'b');
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lexicographic byte order, a shorter prefix first. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  assertBytes(a, 'a');
  assertBytes(b, 'b');
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  parts.forEach((p, i) => {
    assertBytes(p, `parts[${i}]`);
    length += p.length;
  });
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8ToBytes(text: string): Uint8Array {
  if (typeof text !== 'string')
    throw new InvalidArgumentError(`text must be a string, got ${describe(text)}`);
  return encoder.encode(text);
}

/** Strict UTF-8 decode: invalid sequences throw instead of becoming U+FFFD. */
export function bytesToUtf8(bytes: Uint8Array): string {
  assertBytes(bytes, 'bytes');
  try {
    return decoder.decode(bytes);
  } catch (cause) {
    throw new InvalidArgumentError('bytes are not valid UTF-8', { cause });
  }
}

/** Unsigned big-endian integer of a byte string. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  assertBytes(bytes, 'bytes');
  return bytes.length === 0 ? 0n : BigInt(`0x${bytesToHex(bytes)}`);
}

/** Big-endian, left-padded to `width` bytes; RangeError-style typed error when it does not fit. */
export function bigIntToBytes(value: bigint, width: number): Uint8Array {
  if (typeof value !== 'bigint')
    throw new InvalidArgumentError(`value must be a bigint, got ${describe(value)}`);
  if (!Number.isSafeInteger(width) || width < 0)
    throw new InvalidArgumentError(`width must be a non-negative integer`);
  if (value < 0n) throw new InvalidArgumentError(`value must be non-negative, got ${value}`);
  const hex = value.toString(16);
  if (hex.length > width * 2) throw new InvalidArgumentError(`value ${value} does not fit in ${width} bytes`);
  return hexToBytes(hex.padStart(width * 2, '0'));
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return `Uint8Array(${value.length})`;
  if (Array.isArray(value)) return `array(${value.length})`;
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  if (typeof value === 'string') return `string "${clip(value)}"`;
  return `${typeof value} ${String(value)}`;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
