/**
 * Solidity integers and bool as wasm values: ≤ 64 bits in one `i64`, wider ones ("wide") as four i64
 * limbs (see `wide-runtime.ts`). A value is kept canonical for its type: `uintN` zero-extended, `intN`
 * sign-extended (to 64 or 256 bits), bool 0/1. Checked arithmetic panics with Panic(0x11) exactly
 * where solc's checked arithmetic does (docs/control-structures.rst).
 */
import { UnsupportedError } from '@polyvm/core';
import { type IrType, typeName } from '../ir/types.js';

/** A value type this target holds in one i64, with its width and signedness. */
export interface NativeInt {
  readonly bits: number;
  readonly signed: boolean;
  readonly bool: boolean;
  /** More than 64 bits: four limbs. */
  readonly wide: boolean;
  /** `address`: a uint160 that travels in JSON as its NEAR implicit account id (64 hex digits). */
  readonly address?: boolean;
  /** `bytesN`: an unsigned 8N-bit integer (the bytes big-endian); JSON `"0x…"`. */
  readonly fixedBytes?: number;
}

export function nativeInt(type: IrType | null, what: string): NativeInt {
  if (type !== null) {
    if (type.kind === 'bool') return { bits: 1, signed: false, bool: true, wide: false };
    if (type.kind === 'fixedBytes') {
      return { bits: 8 * type.size, signed: false, bool: false, wide: type.size > 8, fixedBytes: type.size };
    }
    if (type.kind === 'address') return { bits: 160, signed: false, bool: false, wide: true, address: true };
    if (type.kind === 'uint' || type.kind === 'int') {
      return { bits: type.bits, signed: type.kind === 'int', bool: false, wide: type.bits > 64 };
    }
  }
  const name = type === null ? 'no value' : typeName(type);
  throw new UnsupportedError(`unsupported on wasm: type ${name} (${what}; only integers and bool so far)`);
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

/** The four i64 limbs (least significant first) of a constant's canonical 256-bit pattern. */
export function wideLimbs(value: bigint): bigint[] {
  const bits = BigInt.asUintN(256, value);
  return [0n, 1n, 2n, 3n].map((i) => BigInt.asIntN(64, bits >> (64n * i)));
}

const W = (i: number) => `(global.get $w${i})`;

/** Wraps the wide value in `$w0…$w3` to the type's range in place. */
export function normalizeWide(t: NativeInt): string {
  if (t.bits >= 256) return '';
  const [k, r] = [t.bits >> 6, t.bits & 63];
  const out: string[] = [];
  if (!t.signed) {
    if (r !== 0) out.push(`(global.set $w${k} (i64.and ${W(k)} ${i64Const((1n << BigInt(r)) - 1n)}))`);
    for (let j = r === 0 ? k : k + 1; j < 4; j++) out.push(`(global.set $w${j} (i64.const 0))`);
    return out.join(' ');
  }
  const top = r === 0 ? k - 1 : k;
  if (r !== 0) {
    out.push(`(global.set $w${k} (i64.shr_s (i64.shl ${W(k)} (i64.const ${64 - r})) (i64.const ${64 - r})))`);
  }
  for (let j = top + 1; j < 4; j++) out.push(`(global.set $w${j} (i64.shr_s ${W(top)} (i64.const 63)))`);
  return out.join(' ');
}

/** An i32 condition: the wide value in `$w0…$w3` is outside the type's range (as a 256-bit value). */
export function outOfRangeWide(t: NativeInt): string {
  if (t.bits >= 256) return '(i32.const 0)';
  const [k, r] = [t.bits >> 6, t.bits & 63];
  const checks: string[] = [];
  if (!t.signed) {
    if (r !== 0) checks.push(`(i64.ne (i64.const 0) (i64.shr_u ${W(k)} (i64.const ${r})))`);
    for (let j = r === 0 ? k : k + 1; j < 4; j++) checks.push(`(i64.ne (i64.const 0) ${W(j)})`);
  } else {
    const top = r === 0 ? k - 1 : k;
    if (r !== 0) {
      checks.push(
        `(i64.ne ${W(k)} (i64.shr_s (i64.shl ${W(k)} (i64.const ${64 - r})) (i64.const ${64 - r})))`,
      );
    }
    for (let j = top + 1; j < 4; j++) checks.push(`(i64.ne ${W(j)} (i64.shr_s ${W(top)} (i64.const 63)))`);
  }
  return checks.reduce((a, b) => `(i32.or ${a} ${b})`);
}
