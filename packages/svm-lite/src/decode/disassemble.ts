import { INSN_SIZE } from '../constants.js';
import { decodeInstruction, type Instruction } from './instruction.js';
import * as op from './opcodes.js';

/** How `call imm` targets are named: syscalls by name, internal functions by label. */
export interface DisassemblyNames {
  syscall?(hash: number): string | undefined;
  functionAt?(hash: number): number | undefined;
}

const hex = (n: number | bigint): string => (n < 0 ? `-0x${(-n).toString(16)}` : `0x${n.toString(16)}`);
const signedOff = (off: number): string => (off < 0 ? `-${hex(-off)}` : `+${hex(off)}`);
const jumpOff = (off: number): string => (off < 0 ? `-${-off}` : `+${off}`);

/** One instruction in the sbpf assembler syntax (the syntax `assemble` reads back). */
export function formatInstruction(
  insn: Instruction,
  next?: Instruction,
  names: DisassemblyNames = {},
): string {
  const { opcode, dst, src, off, imm } = insn;
  const name = op.MNEMONICS.get(opcode);
  if (name === undefined) return `invalid 0x${opcode.toString(16).padStart(2, '0')}`;
  const cls = op.opcodeClass(opcode);
  const reg = op.isRegisterSource(opcode);
  switch (opcode) {
    case op.LD_DW_IMM: {
      const high = BigInt(next?.imm ?? 0) & 0xffffffffn;
      return `lddw r${dst}, ${hex((high << 32n) | (BigInt(imm) & 0xffffffffn))}`;
    }
    case op.NEG32:
    case op.NEG64:
      return `${name} r${dst}`;
    case op.LE:
    case op.BE:
      return `${name}${imm} r${dst}`;
    case op.JA:
      return `ja ${jumpOff(off)}`;
    case op.EXIT:
      return 'exit';
    case op.CALL_REG:
      return `callx r${imm}`;
    case op.CALL_IMM: {
      const hash = imm >>> 0;
      const syscall = names.syscall?.(hash);
      if (syscall !== undefined) return `syscall ${syscall}`;
      const target = names.functionAt?.(hash);
      return target === undefined ? `call ${hex(hash)}` : `call function_${target}`;
    }
  }
  if (cls === op.CLASS_LDX) return `${name} r${dst}, [r${src}${signedOff(off)}]`;
  if (cls === op.CLASS_ST) return `${name} [r${dst}${signedOff(off)}], ${hex(imm)}`;
  if (cls === op.CLASS_STX) return `${name} [r${dst}${signedOff(off)}], r${src}`;
  if (cls === op.CLASS_JMP) return `${name} r${dst}, ${reg ? `r${src}` : hex(imm)}, ${jumpOff(off)}`;
  return `${name} r${dst}, ${reg ? `r${src}` : hex(imm)}`;
}

/** Disassembles a text section, one line per instruction (lddw takes two slots, one line). */
export function disassemble(
  text: Uint8Array,
  names: DisassemblyNames = {},
): Array<{ slot: number; text: string }> {
  const lines: Array<{ slot: number; text: string }> = [];
  const count = Math.floor(text.length / INSN_SIZE);
  for (let slot = 0; slot < count; slot++) {
    const insn = decodeInstruction(text, slot);
    const wide = insn.opcode === op.LD_DW_IMM && slot + 1 < count;
    lines.push({
      slot,
      text: formatInstruction(insn, wide ? decodeInstruction(text, slot + 1) : undefined, names),
    });
    if (wide) slot++;
  }
  return lines;
}
