import { UnsupportedError } from '@polyvm/core';
import type { ArithmeticOp, BitwiseOp, CompareOp, IrType } from '../ir/index.js';
import type { CodeBuilder } from './code-builder.js';
import { type PanicBlocks, PanicCode } from './panic.js';
import { cleanup, lowMask, type WordShape, wordShape } from './words.js';

/**
 * Integer arithmetic with Solidity 0.8 semantics (docs/control-structures.rst §Checked or Unchecked
 * Arithmetic, docs/types/value-types.rst). Operands arrive as `[right, left]` (left on top: the IR
 * evaluates the right operand first, like solc's legacy code generator), so SUB/DIV/LT read
 * `left op right` directly. Results are clean words (see `words.ts`).
 */
export function emitBinary(
  b: CodeBuilder,
  panics: PanicBlocks,
  op: ArithmeticOp | BitwiseOp,
  type: IrType,
  checked: boolean,
  clean = true,
): void {
  const shape = wordShape(type);
  if (!checked && !clean && isRingOp(op)) {
    b.op(op.toUpperCase());
    return;
  }
  switch (op) {
    case 'add':
      if (checked) checkedAdd(b, panics, shape);
      else wrap(b, 'ADD', shape);
      return;
    case 'sub':
      if (checked) checkedSub(b, panics, shape);
      else wrap(b, 'SUB', shape);
      return;
    case 'mul':
      if (checked) checkedMul(b, panics, shape);
      else wrap(b, 'MUL', shape);
      return;
    case 'div':
      divide(b, panics, shape, checked);
      return;
    case 'mod':
      b.dup(2).op('ISZERO');
      panics.panicIf(PanicCode.divisionByZero);
      b.op(shape.kind === 'signed' ? 'SMOD' : 'MOD');
      return;
    case 'exp':
      if (checked) checkedExp(b, panics, shape);
      else wrap(b, 'EXP', shape);
      return;
    case 'and':
    case 'or':
    case 'xor':
      b.op(op.toUpperCase());
      return;
    case 'shl':
      b.swap(1).op('SHL');
      cleanup(b, shape);
      return;
    case 'shr':
      b.swap(1).op(shape.kind === 'signed' ? 'SAR' : 'SHR');
      if (shape.kind === 'left') cleanup(b, shape);
      return;
  }
}

/**
 * Wrapping `+ - *` keep the low `bits` of their result a function of the operands' low bits only
 * (arithmetic mod 2^bits), so inside a chain of them the intermediate results need no cleanup: only
 * the outermost one re-cleans (`emitBinary(…, clean = false)` skips it).
 */
export function isRingOp(op: ArithmeticOp | BitwiseOp): boolean {
  return op === 'add' || op === 'sub' || op === 'mul';
}

/** `[right, left]` → bool. */
export function emitCompare(b: CodeBuilder, op: CompareOp, operandType: IrType): void {
  const signed = operandType.kind === 'int';
  const lt = signed ? 'SLT' : 'LT';
  const gt = signed ? 'SGT' : 'GT';
  switch (op) {
    case 'eq':
      b.op('EQ');
      return;
    case 'ne':
      b.ops('EQ ISZERO');
      return;
    case 'lt':
      b.op(lt);
      return;
    case 'gt':
      b.op(gt);
      return;
    case 'le':
      b.op(gt).op('ISZERO');
      return;
    case 'ge':
      b.op(lt).op('ISZERO');
      return;
  }
}

/** `-x` (checked: Panic 0x11 for the minimum), `!x`, `~x`. */
export function emitUnary(
  b: CodeBuilder,
  panics: PanicBlocks,
  op: 'neg' | 'not' | 'bitnot',
  type: IrType,
  checked: boolean,
): void {
  if (op === 'not') {
    b.op('ISZERO');
    return;
  }
  const shape = wordShape(type);
  if (op === 'bitnot') {
    b.op('NOT');
    cleanup(b, shape);
    return;
  }
  if (checked && shape.kind === 'signed') {
    b.dup(1).push(signedMin(shape.bits)).op('EQ');
    panics.panicIf(PanicCode.overflow);
  }
  b.push(0).op('SUB');
  cleanup(b, shape);
}

/**
 * Explicit conversion between value types (docs/types/conversion.rst): integers truncate to the target
 * width, then sign- or zero-extend; bytesN truncate or pad on the right; uintN ↔ bytesN and
 * address ↔ bytes20 move between right- and left-aligned.
 */
export function emitCast(b: CodeBuilder, from: IrType, to: IrType): void {
  const source = wordShape(from);
  const target = wordShape(to);
  if (source.kind === 'left' && target.kind === 'left') {
    if (target.bytes < source.bytes) cleanup(b, target);
    return;
  }
  if (source.kind === 'left') {
    b.push(256 - 8 * source.bytes).op('SHR');
    cleanup(b, target);
    return;
  }
  if (target.kind === 'left') {
    cleanup(b, { kind: 'unsigned', bits: 8 * target.bytes });
    b.push(256 - 8 * target.bytes).op('SHL');
    return;
  }
  if (to.kind === 'bool' && from.kind !== 'bool') throw new UnsupportedError('evm: conversion to bool');
  if (source.kind === target.kind && target.bits >= source.bits) return;
  cleanup(b, target);
}

function signedMin(bits: number): bigint {
  return -(1n << BigInt(bits - 1));
}

function wrap(b: CodeBuilder, op: string, shape: WordShape): void {
  b.op(op);
  cleanup(b, shape);
}

/** Panics 0x11 unless the top word equals itself sign-extended from `bits` (it fits the signed type). */
function checkSignedRange(b: CodeBuilder, panics: PanicBlocks, bits: number): void {
  b.dup(1)
    .push(bits / 8 - 1)
    .op('SIGNEXTEND')
    .dup(2)
    .ops('EQ ISZERO');
  panics.panicIf(PanicCode.overflow);
}

/** Panics 0x11 when the top word exceeds `max` (unsigned). */
function checkUnsignedMax(b: CodeBuilder, panics: PanicBlocks, max: bigint): void {
  b.push(max).dup(2).op('GT');
  panics.panicIf(PanicCode.overflow);
}

function checkedAdd(b: CodeBuilder, panics: PanicBlocks, shape: WordShape): void {
  if (shape.kind === 'unsigned') {
    if (shape.bits === 256) {
      // sum < right ⇔ it wrapped.
      b.dup(2).op('ADD').swap(1).dup(2).op('LT');
      panics.panicIf(PanicCode.overflow);
    } else {
      b.op('ADD');
      checkUnsignedMax(b, panics, lowMask(shape.bits));
    }
    return;
  }
  if (shape.kind === 'signed' && shape.bits < 256) {
    b.op('ADD');
    checkSignedRange(b, panics, shape.bits);
    return;
  }
  // int256: overflow ⇔ (sum < left) ≠ (right < 0).   [r, l]
  b.dup(2).dup(2).op('ADD'); // [r, l, s]
  b.dup(2).dup(2).op('SLT'); // [r, l, s, s<l]
  b.push(0).dup(5).op('SLT').op('XOR'); // r<0
  panics.panicIf(PanicCode.overflow);
  b.swap(2).pop(2);
}

function checkedSub(b: CodeBuilder, panics: PanicBlocks, shape: WordShape): void {
  if (shape.kind === 'unsigned') {
    b.dup(2).dup(2).op('LT');
    panics.panicIf(PanicCode.overflow);
    b.op('SUB');
    return;
  }
  if (shape.kind === 'signed' && shape.bits < 256) {
    b.op('SUB');
    checkSignedRange(b, panics, shape.bits);
    return;
  }
  // int256: overflow ⇔ (difference < left) ≠ (right > 0).   [r, l]
  b.dup(2).dup(2).op('SUB'); // [r, l, d]
  b.dup(2).dup(2).op('SLT'); // d<l
  b.push(0).dup(5).op('SGT').op('XOR');
  panics.panicIf(PanicCode.overflow);
  b.swap(2).pop(2);
}

function checkedMul(b: CodeBuilder, panics: PanicBlocks, shape: WordShape): void {
  if (shape.kind === 'left') throw new UnsupportedError('evm: arithmetic on bytesN');
  if (shape.bits <= 128) {
    // Both operands fit in 128 bits, so the 256-bit product is exact.
    b.op('MUL');
    if (shape.kind === 'unsigned') checkUnsignedMax(b, panics, lowMask(shape.bits));
    else checkSignedRange(b, panics, shape.bits);
    return;
  }
  const signed = shape.kind === 'signed';
  // [r, l] → [r, l, p]; overflow ⇔ l ≠ 0 ∧ p / l ≠ r (plus int256's −1 · min, which SDIV hides).
  b.dup(2).dup(2).op('MUL');
  b.dup(2).op('ISZERO');
  b.dup(3)
    .dup(3)
    .op(signed ? 'SDIV' : 'DIV');
  b.dup(5).ops('EQ OR ISZERO');
  panics.panicIf(PanicCode.overflow);
  if (signed && shape.bits === 256) {
    b.dup(2).ops('NOT ISZERO').dup(4).push(signedMin(256)).ops('EQ AND');
    panics.panicIf(PanicCode.overflow);
  }
  b.swap(2).pop(2);
  if (shape.bits < 256) {
    if (signed) checkSignedRange(b, panics, shape.bits);
    else checkUnsignedMax(b, panics, lowMask(shape.bits));
  }
}

function divide(b: CodeBuilder, panics: PanicBlocks, shape: WordShape, checked: boolean): void {
  if (shape.kind === 'left') throw new UnsupportedError('evm: arithmetic on bytesN');
  b.dup(2).op('ISZERO');
  panics.panicIf(PanicCode.divisionByZero);
  if (shape.kind === 'unsigned') {
    b.op('DIV');
    return;
  }
  if (checked) {
    // min / −1 does not fit.
    b.dup(1).push(signedMin(shape.bits)).op('EQ').dup(3).ops('NOT ISZERO AND');
    panics.panicIf(PanicCode.overflow);
  }
  b.op('SDIV');
  cleanup(b, shape);
}

/**
 * Checked `base ** exponent` by square-and-multiply, every product checked against `limit`: a square
 * is only taken when a higher exponent bit remains, so an overflowing square means the result overflows.
 * Signed bases run on the magnitude with limit 2^(bits−1), then the sign is applied and the positive
 * result re-checked. `[e, base]` → `[result]`.
 */
function checkedExp(b: CodeBuilder, panics: PanicBlocks, shape: WordShape): void {
  if (shape.kind === 'left') throw new UnsupportedError('evm: arithmetic on bytesN');
  if (shape.kind === 'unsigned') {
    unsignedExpLoop(b, panics, lowMask(shape.bits));
    return;
  }
  // [e, base] → [neg, e, |base|] with neg = base < 0 ∧ e odd.
  b.push(0).dup(2).op('SLT').dup(3).push(1).ops('AND AND'); // [e, base, neg]
  b.swap(1); // [e, neg, base]
  b.dup(1).push(255).op('SAR'); // [e, neg, base, s]
  b.swap(1).dup(2).op('XOR').op('SUB'); // [e, neg, |base|]
  b.swap(1).swap(2).swap(1); // [neg, e, |base|]
  unsignedExpLoop(b, panics, 1n << BigInt(shape.bits - 1)); // [neg, m]
  b.dup(2)
    .op('ISZERO')
    .push(lowMask(shape.bits - 1))
    .dup(3)
    .ops('GT AND');
  panics.panicIf(PanicCode.overflow);
  b.dup(2).push(0).op('SUB').op('XOR').op('ADD'); // (m ^ −neg) + neg
}

function unsignedExpLoop(b: CodeBuilder, panics: PanicBlocks, limit: bigint): void {
  const loop = b.newLabel('exp-loop');
  const skip = b.newLabel('exp-skip');
  const done = b.newLabel('exp-done');
  b.push(1); // [e, base, result]
  b.mark(loop);
  b.dup(3).op('ISZERO').jumpIf(done);
  b.dup(3).push(1).ops('AND ISZERO').jumpIf(skip);
  b.dup(2);
  checkedMulLimit(b, panics, limit);
  b.mark(skip);
  b.swap(2).push(1).op('SHR').swap(2);
  b.dup(3).op('ISZERO').jumpIf(done);
  b.swap(1).dup(1);
  checkedMulLimit(b, panics, limit);
  b.swap(1).jump(loop);
  b.mark(done);
  b.swap(2).pop(2);
}

/** `[a, b]` → `[a·b]`, Panic 0x11 if the product exceeds `limit` or 2^256. */
function checkedMulLimit(b: CodeBuilder, panics: PanicBlocks, limit: bigint): void {
  b.dup(2).dup(2).op('MUL');
  b.dup(2).op('ISZERO').dup(3).dup(3).op('DIV').dup(5).ops('EQ OR ISZERO');
  panics.panicIf(PanicCode.overflow);
  b.swap(2).pop(2);
  if (limit < (1n << 256n) - 1n) checkUnsignedMax(b, panics, limit);
}
