import { describe, expect, it } from 'vitest';
import { intType, uintType } from '../types.js';
import { binary, convert, negate, PanicSignal } from './arithmetic.js';

const panicCode = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    if (error instanceof PanicSignal) return error.code;
    throw error;
  }
  return null;
};

// Expected values from docs/types/value-types.rst and control-structures.rst (checked against solc
// by the corpus, test/corpus/arith_*.sol).
describe('Solidity integer semantics', () => {
  const i8 = intType(8);
  const u8 = uintType(8);

  it('checked overflow is Panic(0x11), unchecked wraps', () => {
    expect(panicCode(() => binary('add', u8, true, 255n, 1n))).toBe(0x11);
    expect(binary('add', u8, false, 255n, 1n)).toBe(0n);
    expect(panicCode(() => binary('div', i8, true, -128n, -1n))).toBe(0x11);
    expect(binary('div', i8, false, -128n, -1n)).toBe(-128n);
    expect(panicCode(() => negate(i8, true, -128n))).toBe(0x11);
  });

  it('division and modulo by zero are Panic(0x12) even unchecked', () => {
    expect(panicCode(() => binary('div', u8, false, 1n, 0n))).toBe(0x12);
    expect(panicCode(() => binary('mod', i8, false, 1n, 0n))).toBe(0x12);
  });

  it('signed division truncates, modulo takes the sign of the dividend', () => {
    expect(binary('div', i8, true, -7n, 2n)).toBe(-3n);
    expect(binary('mod', i8, true, -5n, 2n)).toBe(-1n);
  });

  it('shifts never check: ≥ width gives 0, or -1 for a negative >>', () => {
    expect(binary('shr', i8, true, -5n, 1n)).toBe(-3n);
    expect(binary('shr', i8, true, -5n, 8n)).toBe(-1n);
    expect(binary('shl', u8, true, 0x81n, 1n)).toBe(2n);
    expect(binary('shl', i8, true, 1n, 7n)).toBe(-128n);
    expect(binary('shl', u8, true, 1n, 1000n)).toBe(0n);
  });

  it('exponentiation: exact when it fits, wrapping unchecked', () => {
    expect(binary('exp', i8, true, -2n, 7n)).toBe(-128n);
    expect(panicCode(() => binary('exp', i8, true, 2n, 7n))).toBe(0x11);
    expect(binary('exp', u8, false, 3n, 5n)).toBe(243n);
    expect(binary('exp', u8, false, 3n, 300n)).toBe(3n ** 300n % 256n);
  });

  it('conversions keep low bits, sign-extend, and pad bytesN on the right', () => {
    expect(convert(uintType(256), u8, 0x1234n)).toBe(0x34n);
    expect(convert(i8, intType(256), -1n)).toBe(-1n);
    expect(convert(i8, u8, -1n)).toBe(255n);
    expect(convert({ kind: 'fixedBytes', size: 2 }, { kind: 'fixedBytes', size: 4 }, 0xabcdn)).toBe(
      0xabcd0000n,
    );
    expect(convert({ kind: 'fixedBytes', size: 4 }, { kind: 'fixedBytes', size: 1 }, 0xabcd0000n)).toBe(
      0xabn,
    );
  });
});
