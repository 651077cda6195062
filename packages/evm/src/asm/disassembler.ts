import { opcodeInfo, opcodeName } from '../decode/opcodes.js';

export interface Instruction {
  pc: number;
  opcode: number;
  name: string;
  /** Immediate bytes of a PUSH, as 0x-hex (zero-padded when the code ends early). */
  immediate?: string;
}

/** Decodes bytecode linearly, skipping PUSH data; undefined bytes show as `UNDEFINED(0xNN)`. */
export function disassemble(code: Uint8Array): Instruction[] {
  const out: Instruction[] = [];
  let pc = 0;
  while (pc < code.length) {
    const opcode = code[pc]!;
    const size = opcodeInfo(opcode)?.immediate ?? 0;
    const instruction: Instruction = { pc, opcode, name: opcodeName(opcode) };
    if (size > 0) {
      let hex = '0x';
      for (let i = 1; i <= size; i++) hex += (code[pc + i] ?? 0).toString(16).padStart(2, '0');
      instruction.immediate = hex;
    }
    out.push(instruction);
    pc += 1 + size;
  }
  return out;
}

/** One instruction per line, `offset  MNEMONIC [immediate]`; the mnemonics re-assemble with `assemble`. */
export function formatDisassembly(code: Uint8Array): string {
  return disassemble(code)
    .map((i) => `${i.pc.toString().padStart(5)}  ${i.name}${i.immediate ? ` ${i.immediate}` : ''}`)
    .join('\n');
}
