/**
 * Solidity 0.8 integer semantics on bigint (docs/control-structures.rst §Checked or Unchecked
 * Arithmetic, docs/types/value-types.rst, docs/types/conversion.rst): checked ops raise Panic(0x11),
 * division and modulo by zero Panic(0x12) even when unchecked, shifts never check.
 */
import type { ArithmeticOp, BitwiseOp, CompareOp } from '../nodes.js';
import { type IrType, integerRange } from '../types.js';

/** Panic codes (libsolutil/ErrorCodes.h). */
export const PANIC = {
  assert: 0x01,
  overflow: 0x11,
  divisionByZero: 0x12,
  emptyPop: 0x31,
  indexOutOfBounds: 0x32,
  allocation: 0x41,
} as const;

/** A Solidity panic raised inside IR evaluation. */
export class PanicSignal extends Error {
  constructor(readonly code: number) {
    super(`Panic(0x${code.toString(16).padStart(2, '0')})`);
  }
}

/** Bits of an integer-like type (bytesN as 8N-bit unsigned, address 160, bool 1). */
export function bitsOf(type: IrType): number {
  switch (type.kind) {
    case 'uint':
    case 'int':
      return type.bits;
    case 'fixedBytes':
      return type.size * 8;
    case 'address':
      return 160;
    case 'bool':
      return 1;
    default:
      throw new TypeError(`not a value type: ${type.kind}`);
  }
}

/** Wraps an exact result into `type` (two's complement for signed types). */
export function wrap(type: IrType, value: bigint): bigint {
  const bits = BigInt(bitsOf(type));
  const masked = value & ((1n << bits) - 1n);
  if (type.kind === 'int' && masked >> (bits - 1n) === 1n) return masked - (1n << bits);
  return masked;
}

function fits(type: IrType, value: bigint): boolean {
  if (type.kind !== 'uint' && type.kind !== 'int') return true;
  const { min, max } = integerRange(type);
  return value >= min && value <= max;
}

function checkedResult(type: IrType, checked: boolean, exact: bigint): bigint {
  if (fits(type, exact)) return exact;
  if (checked) throw new PanicSignal(PANIC.overflow);
  return wrap(type, exact);
}

export function binary(
  op: ArithmeticOp | BitwiseOp,
  type: IrType,
  checked: boolean,
  a: bigint,
  b: bigint,
): bigint {
  const bits = bitsOf(type);
  switch (op) {
    case 'add':
      return checkedResult(type, checked, a + b);
    case 'sub':
      return checkedResult(type, checked, a - b);
    case 'mul':
      return checkedResult(type, checked, a * b);
    case 'div':
      if (b === 0n) throw new PanicSignal(PANIC.divisionByZero);
      return checkedResult(type, checked, a / b);
    case 'mod':
      if (b === 0n) throw new PanicSignal(PANIC.divisionByZero);
      return a % b;
    case 'exp':
      return power(type, checked, a, b);
    case 'and':
      return a & b;
    case 'or':
      return a | b;
    case 'xor':
      return a ^ b;
    case 'shl':
      return b >= BigInt(bits) ? 0n : wrap(type, a << b);
    case 'shr':
      if (b >= BigInt(bits)) return a < 0n ? -1n : 0n;
      return a >> b;
  }
}

/** `a ** b`: exact when it fits; unchecked wraps (square-and-multiply modulo 2^bits). */
function power(type: IrType, checked: boolean, base: bigint, exponent: bigint): bigint {
  if (exponent === 0n) return 1n;
  if (base === 0n || base === 1n) return base;
  if (base === -1n) return exponent % 2n === 0n ? 1n : -1n;
  const bits = BigInt(bitsOf(type));
  if (exponent <= bits) return checkedResult(type, checked, base ** exponent);
  if (checked) throw new PanicSignal(PANIC.overflow);
  const modulus = 1n << bits;
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return wrap(type, result);
}

export function negate(type: IrType, checked: boolean, a: bigint): bigint {
  return checkedResult(type, checked, -a);
}

export function bitNot(type: IrType, a: bigint): bigint {
  return wrap(type, ~a);
}

export function compare(op: CompareOp, a: bigint, b: bigint): boolean {
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
  }
}

/** Explicit conversion between value types (conversion.rst); never reverts. */
export function convert(from: IrType, to: IrType, value: bigint): bigint {
  if (from.kind === 'fixedBytes' && to.kind === 'fixedBytes') {
    const shift = BigInt(8 * Math.abs(to.size - from.size));
    return to.size >= from.size ? value << shift : value >> shift;
  }
  if (to.kind === 'bool') return value === 0n ? 0n : 1n;
  // Integer ↔ integer (one change at a time: sign-extending widening, truncating narrowing, same-width
  // sign reinterpretation), address ↔ uint160/bytes20, uintN ↔ bytes(N/8): all are `wrap` of the
  // mathematical value into the target type.
  return wrap(to, value);
}
