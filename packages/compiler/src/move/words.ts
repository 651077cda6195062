/** Words of Solidity integers in Move integers: masks, sign bits, the Move width a type lives in. */
import type { IrType } from '../ir/types.js';
import { moveBits } from './types.js';

export /** Bits of the Move integer a type lives in (integers and bytesN), else null. */
function wordBits(type: IrType): number | null {
  if (type.kind === 'uint' || type.kind === 'int') return type.bits;
  if (type.kind === 'fixedBytes') return type.size * 8;
  return null;
}

export function signBit(bits: number): bigint {
  return 1n << BigInt(bits - 1);
}

export function mask(bits: number): bigint {
  return (1n << BigInt(bits)) - 1n;
}

/** `|`-separated instructions pushing "x is negative" (its sign bit is set). */
export function isNegative(bits: number, x: string): string {
  return `${x}|LdU${moveBits(bits)} ${signBit(bits)}|BitAnd|LdU${moveBits(bits)} 0|Neq`;
}
