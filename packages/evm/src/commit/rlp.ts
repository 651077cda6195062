import { concatBytes, DecodeError } from '@polyvm/core';

/**
 * Recursive Length Prefix encoding (Yellow Paper Appendix B). Integers encode as their minimal
 * big-endian bytes (zero is the empty string).
 */
export type RlpInput = Uint8Array | bigint | readonly RlpInput[];
export type RlpValue = Uint8Array | RlpValue[];

export function encodeRlp(input: RlpInput): Uint8Array {
  if (typeof input === 'bigint') return encodeRlp(bigintBytes(input));
  if (input instanceof Uint8Array) {
    if (input.length === 1 && input[0]! < 0x80) return input;
    return concatBytes(lengthPrefix(input.length, 0x80), input);
  }
  return encodeRlpList(input.map(encodeRlp));
}

/** A list whose items are already RLP-encoded (a trie node embedding a short child as-is). */
export function encodeRlpList(encodedItems: readonly Uint8Array[]): Uint8Array {
  const body = concatBytes(...encodedItems);
  return concatBytes(lengthPrefix(body.length, 0xc0), body);
}

function lengthPrefix(length: number, offset: number): Uint8Array {
  if (length < 56) return Uint8Array.of(offset + length);
  const lengthBytes = bigintBytes(BigInt(length));
  return concatBytes(Uint8Array.of(offset + 55 + lengthBytes.length), lengthBytes);
}

export function bigintBytes(value: bigint): Uint8Array {
  if (value === 0n) return new Uint8Array(0);
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Decodes one complete RLP item; trailing bytes or non-canonical lengths are a DecodeError. */
export function decodeRlp(bytes: Uint8Array): RlpValue {
  const [value, end] = decodeAt(bytes, 0);
  if (end !== bytes.length) throw new DecodeError(`rlp: ${bytes.length - end} trailing bytes`);
  return value;
}

function decodeAt(bytes: Uint8Array, offset: number): [RlpValue, number] {
  const first = bytes[offset];
  if (first === undefined) throw new DecodeError(`rlp: unexpected end at ${offset}`);
  if (first < 0x80) return [bytes.subarray(offset, offset + 1), offset + 1];
  const isList = first >= 0xc0;
  const base = isList ? 0xc0 : 0x80;
  let length = first - base;
  let start = offset + 1;
  if (length > 55) {
    const lengthOfLength = length - 55;
    if (bytes[start] === 0) throw new DecodeError('rlp: length has a leading zero');
    length = 0;
    for (let i = 0; i < lengthOfLength; i++) length = length * 256 + (bytes[start + i] ?? 0);
    if (length < 56) throw new DecodeError('rlp: long form used for a short length');
    start += lengthOfLength;
  }
  const end = start + length;
  if (end > bytes.length) throw new DecodeError(`rlp: item at ${offset} runs past the end`);
  if (!isList) {
    if (length === 1 && bytes[start]! < 0x80)
      throw new DecodeError('rlp: single byte should encode as itself');
    return [bytes.subarray(start, end), end];
  }
  const items: RlpValue[] = [];
  let cursor = start;
  while (cursor < end) {
    const [item, next] = decodeAt(bytes, cursor);
    items.push(item);
    cursor = next;
  }
  if (cursor !== end) throw new DecodeError('rlp: list payload length mismatch');
  return [items, end];
}
