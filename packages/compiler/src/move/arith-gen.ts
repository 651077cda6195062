/**
 * Integer arithmetic on Move words: Solidity's checked and unchecked `+ - * / % **`, shifts and signed
 * operations (two's complement over the type's N bits in the unsigned Move word), each result in a
 * new temporary. Move's own `+ - *` abort on overflow of the Move word (ARITHMETIC_ERROR, reported as
 * Panic(0x11)); everything Solidity does differently is emitted explicitly.
 */
import type { BinaryExpr } from '../ir/nodes.js';
import { type IrType, typeName } from '../ir/types.js';
import type { Emitter, Operand } from './emitter.js';
import { isMoveWidth, moveBits, moveValueType, typeOf } from './types.js';
import { isNegative, mask, signBit, wordBits } from './words.js';

export class ArithGen {
  constructor(readonly out: Emitter) {}

  /** `left op right` of integers or bytesN (operands already computed). */
  binary(e: BinaryExpr, left: Operand, right: Operand): Operand {
    const type = e.type;
    const bits = wordBits(type)!;
    if (type.kind === 'int') {
      const signed = this.#signedBinary(e, bits, left, right);
      if (signed !== null) return signed;
    }
    switch (e.op) {
      case 'add':
      case 'sub':
      case 'mul':
        if (e.checked) {
          // Move aborts with ARITHMETIC_ERROR on overflow of + - *: Solidity's checked arithmetic (Panic 0x11).
          this.out.emit(left.push);
          this.out.emit(right.push);
          this.out.emit({ add: 'Add', sub: 'Sub', mul: 'Mul' }[e.op]);
          const result = this.out.result(type);
          // Below the Move word (uint24 in u32…), the type's own maximum is checked too.
          if (!isMoveWidth(bits))
            this.out.panicIf(`${result.push}|LdU${moveBits(bits)} ${mask(bits)}|Gt`, 0x11);
          return result;
        }
        return this.#wrapping(e.op, bits, left, right, type);
      case 'div':
      case 'mod': {
        this.out.panicIf(`${right.push}|LdU${moveBits(bits)} 0|Eq`, 0x12);
        this.out.emit(left.push);
        this.out.emit(right.push);
        this.out.emit(e.op === 'div' ? 'Div' : 'Mod');
        return this.out.result(type);
      }
      case 'and':
      case 'or':
      case 'xor':
        this.out.emit(left.push);
        this.out.emit(right.push);
        this.out.emit({ and: 'BitAnd', or: 'BitOr', xor: 'Xor' }[e.op]);
        return this.out.result(type);
      case 'shl':
      case 'shr':
        return this.#shift(e, left, right);
      case 'exp':
        return this.#power(e, left, right);
    }
  }

  /** Two's complement negation modulo 2^bits: 0 stays 0, else (MAX − x) + 1. */
  negate(bits: number, x: string): Operand {
    const result = this.out.temp(`u${moveBits(bits)}`);
    const nonZero = this.out.newLabel('NegNz');
    const end = this.out.newLabel('NegEnd');
    this.out.emit(x);
    this.out.emit(`LdU${moveBits(bits)} 0`);
    this.out.emit('Neq');
    this.out.emit(`BrTrue ${nonZero}`);
    this.out.emit(`LdU${moveBits(bits)} 0`);
    this.out.emit(`StLoc ${result}`);
    this.out.emit(`Branch ${end}`);
    this.out.label(nonZero);
    this.out.emit(`LdU${moveBits(bits)} ${mask(bits)}`);
    this.out.emit(x);
    this.out.emit('Sub');
    this.out.emit(`LdU${moveBits(bits)} 1`);
    this.out.emit('Add');
    this.out.emit(`StLoc ${result}`);
    this.out.label(end);
    return { push: `CopyLoc ${result}` };
  }

  /** |x| as an unsigned word (|min| = 2^(bits−1) fits). */
  #abs(bits: number, x: string): Operand {
    const result = this.out.temp(`u${moveBits(bits)}`);
    const end = this.out.newLabel('AbsEnd');
    this.out.emit(x);
    this.out.emit(`StLoc ${result}`);
    for (const ins of isNegative(bits, x).split('|')) this.out.emit(ins);
    this.out.emit(`BrFalse ${end}`);
    const negated = this.negate(bits, x);
    this.out.emit(negated.push);
    this.out.emit(`StLoc ${result}`);
    this.out.label(end);
    return { push: `CopyLoc ${result}` };
  }

  /** `magnitude`, negated when `negative` (bool instructions) holds. */
  #signed(bits: number, magnitude: Operand, negative: string): Operand {
    const result = this.out.temp(`u${moveBits(bits)}`);
    const end = this.out.newLabel('SignEnd');
    this.out.emit(magnitude.push);
    this.out.emit(`StLoc ${result}`);
    for (const ins of negative.split('|')) this.out.emit(ins);
    this.out.emit(`BrFalse ${end}`);
    this.out.emit(this.negate(bits, magnitude.push).push);
    this.out.emit(`StLoc ${result}`);
    this.out.label(end);
    return { push: `CopyLoc ${result}` };
  }

  /**
   * Signed arithmetic over two's-complement words (Solidity's rules: checked add/sub/mul/neg and
   * `min / -1` panic 0x11, division truncates toward zero, the remainder takes the dividend's sign,
   * `>>` is arithmetic). Bitwise ops and `<<` are the unsigned ones (null).
   */
  #signedBinary(e: BinaryExpr, bits: number, left: Operand, right: Operand): Operand | null {
    const sign = `LdU${moveBits(bits)} ${signBit(bits)}`;
    const a = left.push;
    const b = right.push;
    switch (e.op) {
      case 'add':
      case 'sub': {
        const r = this.#wrapping(e.op, bits, left, right, e.type);
        // add overflows iff both operands differ in sign from the result; sub iff a, b differ and a, r differ.
        if (e.checked) {
          const r0 = r.push;
          const lhs = e.op === 'add' ? `${a}|${r0}|Xor|${b}|${r0}|Xor` : `${a}|${b}|Xor|${a}|${r0}|Xor`;
          this.out.panicIf(`${lhs}|BitAnd|${sign}|BitAnd|LdU${moveBits(bits)} 0|Neq`, 0x11);
        }
        return r;
      }
      case 'mul': {
        if (!e.checked) return null;
        const product = this.out.materialize(
          this.out.result(e.type, `${this.#abs(bits, a).push}|${this.#abs(bits, b).push}|Mul`),
          e.type,
        );
        const negative = `${isNegative(bits, a)}|${isNegative(bits, b)}|Neq`;
        // |a·b| may reach 2^(bits−1) only when the result is negative.
        this.out.panicIf(`${product.push}|${sign}|Gt`, 0x11);
        this.out.panicIf(`${product.push}|${sign}|Eq|${negative}|Not|And`, 0x11);
        return this.#signed(bits, product, negative);
      }
      case 'div':
      case 'mod': {
        this.out.panicIf(`${b}|LdU${moveBits(bits)} 0|Eq`, 0x12);
        if (e.op === 'div' && e.checked)
          this.out.panicIf(`${a}|${sign}|Eq|${b}|LdU${moveBits(bits)} ${mask(bits)}|Eq|And`, 0x11);
        const magnitude = this.out.result(
          e.type,
          `${this.#abs(bits, a).push}|${this.#abs(bits, b).push}|${e.op === 'div' ? 'Div' : 'Mod'}`,
        );
        const negative =
          e.op === 'div' ? `${isNegative(bits, a)}|${isNegative(bits, b)}|Neq` : isNegative(bits, a);
        return this.#signed(bits, magnitude, negative);
      }
      case 'shr': {
        // Arithmetic shift of a negative x: ~((~x) >> n), which is −1 for n ≥ bits.
        const amountType = typeOf(e.right);
        if (amountType.kind !== 'uint') throw this.out.unsupported(`shift by ${typeName(amountType)}`);
        const result = this.out.temp(`u${moveBits(bits)}`);
        const positive = this.out.newLabel('ShrPos');
        const end = this.out.newLabel('ShrEnd');
        for (const ins of isNegative(bits, a).split('|')) this.out.emit(ins);
        this.out.emit(`BrFalse ${positive}`);
        const inverted = this.out.result(e.type, `${a}|LdU${moveBits(bits)} ${mask(bits)}|Xor`);
        const shifted = this.#shift({ ...e, type: { kind: 'uint', bits } }, inverted, right);
        this.out.emit(shifted.push);
        this.out.emit(`LdU${moveBits(bits)} ${mask(bits)}`);
        this.out.emit('Xor');
        this.out.emit(`StLoc ${result}`);
        this.out.emit(`Branch ${end}`);
        this.out.label(positive);
        this.out.emit(this.#shift({ ...e, type: { kind: 'uint', bits } }, left, right).push);
        this.out.emit(`StLoc ${result}`);
        this.out.label(end);
        return { push: `CopyLoc ${result}` };
      }
      case 'exp': {
        // Unchecked: the wrapping power of the words is the two's-complement result.
        if (!e.checked) return this.#power(e, left, right);
        const magnitude = this.#power(e, this.#abs(bits, a), right);
        const odd = `${b}|LdU${moveBits((typeOf(e.right) as { bits: number }).bits)} 1|BitAnd|LdU${moveBits((typeOf(e.right) as { bits: number }).bits)} 0|Neq`;
        const negative = `${isNegative(bits, a)}|${odd}|And`;
        this.out.panicIf(`${magnitude.push}|${sign}|Gt`, 0x11);
        this.out.panicIf(`${magnitude.push}|${sign}|Eq|${negative}|Not|And`, 0x11);
        return this.#signed(bits, magnitude, negative);
      }
      default:
        return null;
    }
  }

  /**
   * Checked `base ** exponent` by square-and-multiply with Move's aborting `Mul`. The base is squared
   * only while exponent bits remain, so a squaring overflows only when the exact result would too.
   */
  #power(e: BinaryExpr, left: Operand, right: Operand): Operand {
    const bits = (e.type as { bits: number }).bits;
    const expType = typeOf(e.right);
    if (expType.kind !== 'uint') throw this.out.unsupported(`** with a ${typeName(expType)} exponent`);
    const exponentType = moveValueType(expType);
    const result = this.out.temp(`u${moveBits(bits)}`);
    const base = this.out.temp(`u${moveBits(bits)}`);
    const exponent = this.out.temp(exponentType);
    const head = this.out.newLabel('Pow');
    const skip = this.out.newLabel('PowSkip');
    const end = this.out.newLabel('PowEnd');
    const zero = `LdU${moveBits(expType.bits)} 0`;
    this.out.emit(`LdU${moveBits(bits)} 1`);
    this.out.emit(`StLoc ${result}`);
    this.out.emit(left.push);
    this.out.emit(`StLoc ${base}`);
    this.out.emit(right.push);
    this.out.emit(`StLoc ${exponent}`);
    this.out.label(head);
    this.out.emit(`CopyLoc ${exponent}`);
    this.out.emit(zero);
    this.out.emit('Eq');
    this.out.emit(`BrTrue ${end}`);
    this.out.emit(`CopyLoc ${exponent}`);
    this.out.emit(`LdU${moveBits(expType.bits)} 1`);
    this.out.emit('BitAnd');
    this.out.emit(zero);
    this.out.emit('Eq');
    this.out.emit(`BrTrue ${skip}`);
    this.#multiply(e.checked, bits, `CopyLoc ${result}`, `CopyLoc ${base}`);
    this.out.emit(`StLoc ${result}`);
    this.out.label(skip);
    this.out.emit(`CopyLoc ${exponent}`);
    this.out.emit('LdU8 1');
    this.out.emit('Shr');
    this.out.emit(`StLoc ${exponent}`);
    this.out.emit(`CopyLoc ${exponent}`);
    this.out.emit(zero);
    this.out.emit('Eq');
    this.out.emit(`BrTrue ${end}`);
    this.#multiply(e.checked, bits, `CopyLoc ${base}`, `CopyLoc ${base}`);
    this.out.emit(`StLoc ${base}`);
    this.out.emit(`Branch ${head}`);
    this.out.label(end);
    return { push: `CopyLoc ${result}` };
  }

  /**
   * Pushes a * b: Move's aborting `Mul` when checked, else the product modulo 2^bits without branches
   * (in u256 and masked; u256 itself from 128-bit halves: a·b ≡ al·bl + ((ah·bl + al·bh) mod 2^128)·2^128).
   */
  #multiply(checked: boolean, bits: number, a: string, b: string): void {
    if (checked) {
      this.out.emit(a);
      this.out.emit(b);
      this.out.emit('Mul');
      if (isMoveWidth(bits)) return;
      // Below the Move word, the type's own maximum is checked too (the product stays on the stack).
      const product = this.out.temp(`u${moveBits(bits)}`);
      this.out.emit(`StLoc ${product}`);
      this.out.panicIf(`CopyLoc ${product}|LdU${moveBits(bits)} ${mask(bits)}|Gt`, 0x11);
      this.out.emit(`CopyLoc ${product}`);
      return;
    }
    if (bits < 256) {
      this.out.emit(a);
      this.out.emit('CastU256');
      this.out.emit(b);
      this.out.emit('CastU256');
      this.out.emit('Mul');
      this.out.emit(`LdU256 ${mask(bits)}`);
      this.out.emit('BitAnd');
      this.out.emit(`CastU${moveBits(bits)}`);
      return;
    }
    const m128 = `LdU256 ${mask(128)}`;
    const low = this.out.temp('u256');
    const half = (x: string, high: boolean): void => {
      this.out.emit(x);
      if (high) {
        this.out.emit('LdU8 128');
        this.out.emit('Shr');
      } else {
        this.out.emit(m128);
        this.out.emit('BitAnd');
      }
    };
    half(a, false);
    half(b, false);
    this.out.emit('Mul');
    this.out.emit(`StLoc ${low}`);
    // low mod 2^128
    this.out.emit(`CopyLoc ${low}`);
    this.out.emit(m128);
    this.out.emit('BitAnd');
    // (low >> 128) + (ah·bl mod 2^128) + (al·bh mod 2^128), mod 2^128, shifted up
    this.out.emit(`CopyLoc ${low}`);
    this.out.emit('LdU8 128');
    this.out.emit('Shr');
    half(a, true);
    half(b, false);
    this.out.emit('Mul');
    this.out.emit(m128);
    this.out.emit('BitAnd');
    this.out.emit('Add');
    half(a, false);
    half(b, true);
    this.out.emit('Mul');
    this.out.emit(m128);
    this.out.emit('BitAnd');
    this.out.emit('Add');
    this.out.emit(m128);
    this.out.emit('BitAnd');
    this.out.emit('LdU8 128');
    this.out.emit('Shl');
    this.out.emit('Add');
  }

  /** Unchecked + - * wrap modulo 2^bits: computed in u256 and masked (u256 itself: add/sub by cases). */
  #wrapping(op: 'add' | 'sub' | 'mul', bits: number, left: Operand, right: Operand, type: IrType): Operand {
    if (bits < 256) {
      this.out.emit(left.push);
      this.out.emit('CastU256');
      if (op === 'sub') {
        this.out.emit(`LdU256 ${1n << BigInt(bits)}`);
        this.out.emit('Add');
      }
      this.out.emit(right.push);
      this.out.emit('CastU256');
      this.out.emit({ add: 'Add', sub: 'Sub', mul: 'Mul' }[op]);
      this.out.emit(`LdU256 ${mask(bits)}`);
      this.out.emit('BitAnd');
      this.out.emit(`CastU${moveBits(bits)}`);
      return this.out.result(type);
    }
    if (op === 'mul') {
      this.#multiply(false, bits, left.push, right.push);
      return this.out.result(type);
    }
    const result = this.out.temp('u256');
    const wraps = this.out.newLabel('Wraps');
    const end = this.out.newLabel('WrapEnd');
    const max = mask(256);
    if (op === 'add') {
      // l + r wraps iff l > MAX - r; then the result is l - (MAX - r) - 1.
      this.out.emit(left.push);
      this.out.emit(`LdU256 ${max}`);
      this.out.emit(right.push);
      this.out.emit('Sub');
      this.out.emit('Gt');
      this.out.emit(`BrTrue ${wraps}`);
      this.out.emit(left.push);
      this.out.emit(right.push);
      this.out.emit('Add');
      this.out.emit(`StLoc ${result}`);
      this.out.emit(`Branch ${end}`);
      this.out.label(wraps);
      this.out.emit(left.push);
      this.out.emit(`LdU256 ${max}`);
      this.out.emit(right.push);
      this.out.emit('Sub');
      this.out.emit('Sub');
      this.out.emit('LdU256 1');
      this.out.emit('Sub');
    } else {
      // l - r wraps iff l < r; then the result is MAX - (r - l) + 1.
      this.out.emit(left.push);
      this.out.emit(right.push);
      this.out.emit('Lt');
      this.out.emit(`BrTrue ${wraps}`);
      this.out.emit(left.push);
      this.out.emit(right.push);
      this.out.emit('Sub');
      this.out.emit(`StLoc ${result}`);
      this.out.emit(`Branch ${end}`);
      this.out.label(wraps);
      this.out.emit(`LdU256 ${max}`);
      this.out.emit(right.push);
      this.out.emit(left.push);
      this.out.emit('Sub');
      this.out.emit('Sub');
      this.out.emit('LdU256 1');
      this.out.emit('Add');
    }
    this.out.emit(`StLoc ${result}`);
    this.out.label(end);
    return { push: `CopyLoc ${result}` };
  }

  /** Solidity shifts by ≥ width give 0; Move aborts on them, so those amounts are tested first. */
  #shift(e: BinaryExpr, left: Operand, right: Operand): Operand {
    const bits = wordBits(e.type)!;
    const amountType = typeOf(e.right);
    if (amountType.kind !== 'uint') throw this.out.unsupported(`shift by ${typeName(amountType)}`);
    moveValueType(amountType);
    const result = this.out.temp(`u${moveBits(bits)}`);
    const end = this.out.newLabel('ShiftEnd');
    const mayOverflow = (1n << BigInt(amountType.bits)) - 1n >= BigInt(bits);
    if (mayOverflow) {
      const inRange = this.out.newLabel('ShiftOk');
      this.out.emit(right.push);
      this.out.emit(`LdU${moveBits(amountType.bits)} ${bits}`);
      this.out.emit('Lt');
      this.out.emit(`BrTrue ${inRange}`);
      this.out.emit(`LdU${moveBits(bits)} 0`);
      this.out.emit(`StLoc ${result}`);
      this.out.emit(`Branch ${end}`);
      this.out.label(inRange);
    }
    this.out.emit(left.push);
    this.out.emit(right.push);
    if (amountType.bits !== 8) this.out.emit('CastU8');
    this.out.emit(e.op === 'shl' ? 'Shl' : 'Shr');
    // `<<` keeps the type's N bits (the Move word may be wider).
    if (e.op === 'shl' && !isMoveWidth(bits)) {
      this.out.emit(`LdU${moveBits(bits)} ${mask(bits)}`);
      this.out.emit('BitAnd');
    }
    this.out.emit(`StLoc ${result}`);
    this.out.label(end);
    return { push: `CopyLoc ${result}` };
  }
}
