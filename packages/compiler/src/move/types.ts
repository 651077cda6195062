/** Solidity types → Move types: unsigned integers of Move's widths, bool, address, mappings as tables. */
import type { Expr } from '../ir/nodes.js';
import type { IrStructType, IrType } from '../ir/types.js';
import { typeName } from '../ir/types.js';
import { unsupportedOnMove } from './unsupported.js';

/** Move has u8/u16/u32/u64/u128/u256 (u16, u32, u256 since bytecode v6). */
const MOVE_UINT_WIDTHS = [8, 16, 32, 64, 128, 256];

/**
 * The Move integer an N-bit Solidity value lives in: the next Move width (uint24 in u32, uint160 in
 * u256). Values stay below 2^N; the generated code masks or range-checks where an operation could
 * leave that range.
 */
export function moveBits(bits: number): number {
  return MOVE_UINT_WIDTHS.find((w) => w >= bits) ?? bits;
}

/** Whether N bits is a Move width (no masking or range checks needed). */
export function isMoveWidth(bits: number): boolean {
  return MOVE_UINT_WIDTHS.includes(bits);
}

export const TABLE = '0x1::table::Table';

/** The Move type of a value or storage type (mappings become `Table<K, V>`). */
export function moveType(type: IrType): string {
  switch (type.kind) {
    case 'uint':
    case 'int':
      // Signed integers are two's complement over their N bits, in the unsigned Move word.
      return `u${moveBits(type.bits)}`;
    case 'fixedBytes':
      // bytesN is its N-byte big-endian number.
      return `u${moveBits(type.size * 8)}`;
    case 'bool':
      return 'bool';
    case 'address':
      return 'address';
    case 'string':
    case 'bytes':
      // UTF-8 / raw bytes, as std::string::String holds them.
      return 'vector<u8>';
    case 'mapping':
      return `${TABLE}<${moveKeyType(type.key)}, ${moveType(type.value)}>`;
    case 'array':
      // T[] and T[k] alike: a vector (T[k] always holds k elements).
      return `vector<${moveType(type.element)}>`;
    case 'struct':
      return structName(type);
  }
}

/** The Move struct a Solidity struct becomes: `Contract.S` → `Contract_S`. */
export function structName(type: IrStructType): string {
  return type.name.replace(/\W/g, '_');
}

/** Whether a type holds a table (no copy/drop: such values live only in storage). */
export function holdsTable(type: IrType): boolean {
  switch (type.kind) {
    case 'mapping':
      return true;
    case 'array':
      return holdsTable(type.element);
    case 'struct':
      return type.fields.some((f) => holdsTable(f.type));
    default:
      return false;
  }
}

function moveKeyType(type: IrType): string {
  if (type.kind === 'mapping' || type.kind === 'array' || type.kind === 'struct')
    throw unsupportedOnMove(`${typeName(type)} as a mapping key`, null);
  return moveType(type);
}

/** Types the generated code computes with: anything without a table inside. */
export function moveValueType(type: IrType): string {
  if (holdsTable(type)) throw unsupportedOnMove(`${typeName(type)} as a value`, null);
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

/** The type of a single-valued expression (only a call can have none). */
export function typeOf(e: Expr): IrType {
  if (e.type === null) throw unsupportedOnMove(`value of a call without one return value`, null);
  return e.type;
}
