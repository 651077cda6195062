import { ValidationError } from '@polyvm/core';
import { INSN_SIZE } from '../constants.js';
import { type DecodedText, decodeText } from '../decode/instruction.js';
import * as op from '../decode/opcodes.js';

/** sbpf `VerifierError` variant names. */
export type VerifierErrorKind =
  | 'ProgramLengthNotMultiple'
  | 'NoProgram'
  | 'DivisionByZero'
  | 'UnsupportedLEBEArgument'
  | 'LDDWCannotBeLast'
  | 'IncompleteLDDW'
  | 'JumpOutOfCode'
  | 'JumpToMiddleOfLDDW'
  | 'InvalidSourceRegister'
  | 'CannotWriteR10'
  | 'InvalidDestinationRegister'
  | 'ShiftWithOverflow'
  | 'InvalidRegister'
  | 'UnknownOpCode';

export class VerifierError extends ValidationError {
  override name = 'VerifierError';
  readonly kind: VerifierErrorKind;
  constructor(kind: VerifierErrorKind, slot?: number, detail?: string) {
    super(`${kind}${slot === undefined ? '' : ` at slot ${slot}`}${detail ? ` (${detail})` : ''}`, {
      details: { kind, slot },
    });
    this.kind = kind;
  }
}

const STORES = new Set([
  op.ST_B_IMM,
  op.ST_H_IMM,
  op.ST_W_IMM,
  op.ST_DW_IMM,
  op.ST_B_REG,
  op.ST_H_REG,
  op.ST_W_REG,
  op.ST_DW_REG,
]);
const IMM_DIVISORS = new Set([op.DIV32_IMM, op.MOD32_IMM, op.DIV64_IMM, op.MOD64_IMM]);
const SHIFTS_32 = new Set([op.LSH32_IMM, op.RSH32_IMM, op.ARSH32_IMM]);
const SHIFTS_64 = new Set([op.LSH64_IMM, op.RSH64_IMM, op.ARSH64_IMM]);

const isJump = (opcode: number): boolean =>
  op.opcodeClass(opcode) === op.CLASS_JMP &&
  opcode !== op.CALL_IMM &&
  opcode !== op.CALL_REG &&
  opcode !== op.EXIT;

/**
 * sbpf `RequisiteVerifier` for SBPF v0, the check agave runs before a program may execute:
 * known opcodes, complete `lddw` pairs, jumps that land inside the text and not mid-`lddw`,
 * registers r0..r10 with r10 read-only, in-range shift immediates, no division by an immediate
 * zero, valid byte-swap widths and `callx` registers.
 */
export function verifyProgram(text: Uint8Array, decoded: DecodedText = decodeText(text)): void {
  if (text.length % INSN_SIZE !== 0) throw new VerifierError('ProgramLengthNotMultiple');
  if (text.length === 0) throw new VerifierError('NoProgram');
  const { count, opcode, dst, src, off, imm } = decoded;
  for (let slot = 0; slot < count; slot++) {
    const o = opcode[slot]!;
    if (o === op.LD_DW_IMM) {
      if (slot + 1 >= count) throw new VerifierError('LDDWCannotBeLast', slot);
      if (opcode[slot + 1] !== 0) throw new VerifierError('IncompleteLDDW', slot);
    } else if (!op.MNEMONICS.has(o)) {
      throw new VerifierError('UnknownOpCode', slot, `0x${o.toString(16)}`);
    } else if (IMM_DIVISORS.has(o) && imm[slot] === 0) {
      throw new VerifierError('DivisionByZero', slot);
    } else if (
      (SHIFTS_32.has(o) && !inRange(imm[slot]!, 32)) ||
      (SHIFTS_64.has(o) && !inRange(imm[slot]!, 64))
    ) {
      throw new VerifierError('ShiftWithOverflow', slot);
    } else if ((o === op.LE || o === op.BE) && ![16, 32, 64].includes(imm[slot]!)) {
      throw new VerifierError('UnsupportedLEBEArgument', slot);
    } else if (o === op.CALL_REG && !(imm[slot]! >= 0 && imm[slot]! < 10)) {
      throw new VerifierError('InvalidRegister', slot);
    } else if (isJump(o)) {
      const target = slot + 1 + off[slot]!;
      if (target < 0 || target >= count) throw new VerifierError('JumpOutOfCode', slot, `to ${target}`);
      if (opcode[target] === 0) throw new VerifierError('JumpToMiddleOfLDDW', slot, `to ${target}`);
    }
    if (src[slot]! > 10) throw new VerifierError('InvalidSourceRegister', slot);
    const d = dst[slot]!;
    if (d === 10 && !STORES.has(o)) throw new VerifierError('CannotWriteR10', slot);
    if (d > 10) throw new VerifierError('InvalidDestinationRegister', slot);
    if (o === op.LD_DW_IMM) slot++;
  }
}

const inRange = (shift: number, bits: number): boolean => shift >= 0 && shift < bits;
