/** Solidity types → Move types: unsigned integers of Move's widths, bool, address, mappings as tables. */
import type { IrType } from '../ir/types.js';
import { typeName } from '../ir/types.js';
import { unsupportedOnMove } from './unsupported.js';

/** Move has u8/u16/u32/u64/u128/u256 (u16, u32, u256 since bytecode v6). */
const MOVE_UINT_WIDTHS = new Set([8, 16, 32, 64, 128, 256]);

export const TABLE = '0x1::table::Table';

/** The Move type of a value or storage type (mappings become `Table<K, V>`). */
export function moveType(type: IrType): string {
  switch (type.kind) {
    case 'uint':
    case 'int':
      // Signed integers are two's complement in the unsigned word of their width.
      if (!MOVE_UINT_WIDTHS.has(type.bits))
        throw unsupportedOnMove(`${typeName(type)} (no Move integer of that width)`, null);
      return `u${type.bits}`;
    case 'fixedBytes':
      // bytesN is its N-byte big-endian number, in the Move integer of that width.
      if (!MOVE_UINT_WIDTHS.has(type.size * 8))
        throw unsupportedOnMove(`${typeName(type)} (no Move integer of that width)`, null);
      return `u${type.size * 8}`;
    case 'bool':
      return 'bool';
    case 'address':
      return 'address';
    case 'mapping':
      if (type.value.kind === 'array')
        throw unsupportedOnMove(`${typeName(type)} (arrays in mappings)`, null);
      return `${TABLE}<${moveKeyType(type.key)}, ${moveType(type.value)}>`;
    case 'array':
      // Only state variables hold arrays (moveValueType refuses them): a `vector` field of `State`.
      return `vector<${moveValueType(type.element)}>`;
    default:
      throw unsupportedOnMove(`type ${typeName(type)}`, null);
  }
}

function moveKeyType(type: IrType): string {
  if (type.kind === 'mapping') throw unsupportedOnMove('mapping as a mapping key', null);
  return moveType(type);
}

/** Value types the generated code computes with (not tables). */
export function moveValueType(type: IrType): string {
  if (type.kind === 'mapping' || type.kind === 'array')
    throw unsupportedOnMove(`${typeName(type)} as a value`, null);
  return moveType(type);
}

/** The word a Solidity integer is stored in: its two's complement for negative signed values. */
export function wordOf(type: IrType, value: bigint): bigint {
  if (type.kind === 'int' && value < 0n) return (1n << BigInt(type.bits)) + value;
  return value;
}

/** The Solidity value of a word (signed types read the top bit as the sign). */
export function integerOfWord(type: IrType, word: bigint): bigint {
  if (type.kind === 'int' && word >> BigInt(type.bits - 1) === 1n) return word - (1n << BigInt(type.bits));
  return word;
}
