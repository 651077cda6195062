/**
 * Solidity integers of ≤ 64 bits (and bool) as wasm `i64` values. A value is kept canonical for its
 * type: `uintN` zero-extended, `intN` sign-extended to 64 bits, bool 0/1. Checked arithmetic panics
 * with Panic(0x11) exactly where solc's checked arithmetic does (docs/control-structures.rst).
 */
import { UnsupportedError } from '@polyvm/core';
import { type IrType, typeName } from '../ir/types.js';

/** A value type this target holds in one i64, with its width and signedness. */
export interface NativeInt {
  readonly bits: number;
  readonly signed: boolean;
  readonly bool: boolean;
}

export function nativeInt(type: IrType | null, what: string): NativeInt {
  if (type !== null) {
    if (type.kind === 'bool') return { bits: 1, signed: false, bool: true };
    if ((type.kind === 'uint' || type.kind === 'int') && type.bits <= 64) {
      return { bits: type.bits, signed: type.kind === 'int', bool: false };
    }
  }
  const name = type === null ? 'no value' : typeName(type);
  throw new UnsupportedError(
    `unsupported on wasm: type ${name} (${what}; only integers ≤ 64 bits and bool so far)`,
  );
}

/** Largest value of the type, as the i64 bit pattern (uint64 max is -1). */
export function maxValue(t: NativeInt): bigint {
  if (t.bool) return 1n;
  return BigInt.asIntN(64, t.signed ? (1n << BigInt(t.bits - 1)) - 1n : (1n << BigInt(t.bits)) - 1n);
}

export function minValue(t: NativeInt): bigint {
  return t.signed ? -(1n << BigInt(t.bits - 1)) : 0n;
}

/** A constant as an i64 literal of its canonical bit pattern. */
export function i64Const(value: bigint): string {
  return `(i64.const ${BigInt.asIntN(64, value)})`;
}

/** Wraps `code` (an i64) to the type's range: two's complement modulo 2^bits. */
export function normalize(t: NativeInt, code: string): string {
  if (t.bool || t.bits === 64) return code;
  if (!t.signed) return `(i64.and ${code} ${i64Const(maxValue(t))})`;
  if (t.bits === 8) return `(i64.extend8_s ${code})`;
  if (t.bits === 16) return `(i64.extend16_s ${code})`;
  if (t.bits === 32) return `(i64.extend32_s ${code})`;
  const shift = 64 - t.bits;
  return `(i64.shr_s (i64.shl ${code} (i64.const ${shift})) (i64.const ${shift}))`;
}

/** An i32 condition that is true when the i64 `code` is outside the type's range. */
export function outOfRange(t: NativeInt, code: string): string {
  if (t.signed) {
    return `(i32.or (i64.lt_s ${code} ${i64Const(minValue(t))}) (i64.gt_s ${code} ${i64Const(maxValue(t))}))`;
  }
  return `(i64.gt_u ${code} ${i64Const(maxValue(t))})`;
}
