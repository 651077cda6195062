/**
 * BCS of the value types the Move target passes and returns (Move's `bcs` spec: unsigned integers
 * little-endian in their width, bool one byte, address its 32 bytes): how a Move transaction carries
 * arguments and how move-lite returns results.
 */
import { InvalidArgumentError } from '@polyvm/core';
import type { AbiValue } from '../abi/codec.js';
import { type IrType, typeName } from '../ir/types.js';
import { MOVE_ADDRESS_BYTES } from './module-gen.js';
import { integerOfWord, wordOf } from './types.js';

function width(type: IrType): number {
  switch (type.kind) {
    case 'uint':
    case 'int':
      return type.bits / 8;
    case 'fixedBytes':
      return type.size;
    case 'bool':
      return 1;
    case 'address':
      return MOVE_ADDRESS_BYTES;
    default:
      throw new InvalidArgumentError(`move: no BCS for ${typeName(type)}`);
  }
}

export function bcsEncodeValue(type: IrType, value: bigint): Uint8Array {
  const n = width(type);
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

/** Decodes concatenated BCS values (move-lite's `returnData`) into ABI values (bool as 0n/1n). */
export function bcsDecodeValues(types: readonly IrType[], data: Uint8Array): AbiValue[] {
  let offset = 0;
  const values = types.map((type) => {
    const n = width(type);
    if (offset + n > data.length) throw new InvalidArgumentError('move: return data too short');
    let v = 0n;
    for (let i = 0; i < n; i++) {
      const at = type.kind === 'address' ? offset + i : offset + n - 1 - i;
      v = (v << 8n) | BigInt(data[at]!);
    }
    offset += n;
    return integerOfWord(type, v);
  });
  if (offset !== data.length) throw new InvalidArgumentError('move: trailing return data');
  return values;
}
