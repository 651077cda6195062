import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/assembler.js';
import { type VerifierError, verifyProgram } from './verifier.js';

const kindOf = (bytes: Uint8Array): string | undefined => {
  try {
    verifyProgram(bytes);
    return undefined;
  } catch (err) {
    return (err as VerifierError).kind;
  }
};
const asm = (source: string): string | undefined => kindOf(assemble(source).text);

describe('RequisiteVerifier (SBPF v0)', () => {
  it('accepts well-formed code', () => {
    expect(
      asm('mov64 r0, 1\nlddw r1, 0x1122334455667788\njeq r0, 1, +1\nexit\nstxdw [r10-8], r1\nexit'),
    ).toBeUndefined();
  });

  const cases: Array<[string, string, string]> = [
    ['division by an immediate zero', 'mov32 r0, 1\ndiv32 r0, 0\nexit', 'DivisionByZero'],
    ['shift past the width', 'lsh32 r0, 32\nexit', 'ShiftWithOverflow'],
    ['64-bit shift by 64', 'rsh64 r0, 64\nexit', 'ShiftWithOverflow'],
    ['writing r10', 'mov64 r10, 1\nexit', 'CannotWriteR10'],
    ['callx r10', 'callx r10\nexit', 'InvalidRegister'],
    ['jump out of the program', 'ja +2\nexit', 'JumpOutOfCode'],
    ['jump before the start', 'ja -2\nexit', 'JumpOutOfCode'],
    ['jump into an lddw', 'ja +1\nlddw r0, 0x1122334455667788\nexit', 'JumpToMiddleOfLDDW'],
  ];
  for (const [name, source, kind] of cases) {
    it(`rejects ${name}`, () => expect(asm(source)).toBe(kind));
  }

  it('rejects malformed byte streams', () => {
    expect(kindOf(new Uint8Array(0))).toBe('NoProgram');
    expect(kindOf(new Uint8Array(9))).toBe('ProgramLengthNotMultiple');
    expect(kindOf(Uint8Array.of(0xdc, 0x01, 0, 0, 3, 0, 0, 0, 0x95, 0, 0, 0, 0, 0, 0, 0))).toBe(
      'UnsupportedLEBEArgument',
    );
    expect(kindOf(Uint8Array.of(0x18, 0, 0, 0, 0x88, 0x77, 0x66, 0x55))).toBe('LDDWCannotBeLast');
    expect(kindOf(Uint8Array.of(0x18, 0, 0, 0, 1, 0, 0, 0, 0x95, 0, 0, 0, 0, 0, 0, 0))).toBe(
      'IncompleteLDDW',
    );
    expect(kindOf(Uint8Array.of(0xff, 0, 0, 0, 0, 0, 0, 0))).toBe('UnknownOpCode');
    expect(kindOf(Uint8Array.of(0xbf, 0xb0, 0, 0, 0, 0, 0, 0, 0x95, 0, 0, 0, 0, 0, 0, 0))).toBe(
      'InvalidSourceRegister',
    );
    expect(kindOf(Uint8Array.of(0xb7, 0x0b, 0, 0, 0, 0, 0, 0, 0x95, 0, 0, 0, 0, 0, 0, 0))).toBe(
      'InvalidDestinationRegister',
    );
  });
});
