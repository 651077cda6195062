/**
 * sBPF v0 opcodes: the eBPF encoding (iovisor eBPF.md) as restricted by anza-xyz/sbpf `ebpf.rs`.
 * An opcode byte is `operation | source | class`; `source` is 0x00 for an immediate, 0x08 for a register.
 */

export const LD_DW_IMM = 0x18;
export const LD_B_REG = 0x71;
export const LD_H_REG = 0x69;
export const LD_W_REG = 0x61;
export const LD_DW_REG = 0x79;
export const ST_B_IMM = 0x72;
export const ST_H_IMM = 0x6a;
export const ST_W_IMM = 0x62;
export const ST_DW_IMM = 0x7a;
export const ST_B_REG = 0x73;
export const ST_H_REG = 0x6b;
export const ST_W_REG = 0x63;
export const ST_DW_REG = 0x7b;

export const ADD32_IMM = 0x04;
export const ADD32_REG = 0x0c;
export const SUB32_IMM = 0x14;
export const SUB32_REG = 0x1c;
export const MUL32_IMM = 0x24;
export const MUL32_REG = 0x2c;
export const DIV32_IMM = 0x34;
export const DIV32_REG = 0x3c;
export const OR32_IMM = 0x44;
export const OR32_REG = 0x4c;
export const AND32_IMM = 0x54;
export const AND32_REG = 0x5c;
export const LSH32_IMM = 0x64;
export const LSH32_REG = 0x6c;
export const RSH32_IMM = 0x74;
export const RSH32_REG = 0x7c;
export const NEG32 = 0x84;
export const MOD32_IMM = 0x94;
export const MOD32_REG = 0x9c;
export const XOR32_IMM = 0xa4;
export const XOR32_REG = 0xac;
export const MOV32_IMM = 0xb4;
export const MOV32_REG = 0xbc;
export const ARSH32_IMM = 0xc4;
export const ARSH32_REG = 0xcc;
export const LE = 0xd4;
export const BE = 0xdc;

export const ADD64_IMM = 0x07;
export const ADD64_REG = 0x0f;
export const SUB64_IMM = 0x17;
export const SUB64_REG = 0x1f;
export const MUL64_IMM = 0x27;
export const MUL64_REG = 0x2f;
export const DIV64_IMM = 0x37;
export const DIV64_REG = 0x3f;
export const OR64_IMM = 0x47;
export const OR64_REG = 0x4f;
export const AND64_IMM = 0x57;
export const AND64_REG = 0x5f;
export const LSH64_IMM = 0x67;
export const LSH64_REG = 0x6f;
export const RSH64_IMM = 0x77;
export const RSH64_REG = 0x7f;
export const NEG64 = 0x87;
export const MOD64_IMM = 0x97;
export const MOD64_REG = 0x9f;
export const XOR64_IMM = 0xa7;
export const XOR64_REG = 0xaf;
export const MOV64_IMM = 0xb7;
export const MOV64_REG = 0xbf;
export const ARSH64_IMM = 0xc7;
export const ARSH64_REG = 0xcf;

export const JA = 0x05;
export const JEQ_IMM = 0x15;
export const JEQ_REG = 0x1d;
export const JGT_IMM = 0x25;
export const JGT_REG = 0x2d;
export const JGE_IMM = 0x35;
export const JGE_REG = 0x3d;
export const JSET_IMM = 0x45;
export const JSET_REG = 0x4d;
export const JNE_IMM = 0x55;
export const JNE_REG = 0x5d;
export const JSGT_IMM = 0x65;
export const JSGT_REG = 0x6d;
export const JSGE_IMM = 0x75;
export const JSGE_REG = 0x7d;
export const CALL_IMM = 0x85;
export const CALL_REG = 0x8d;
export const EXIT = 0x95;
export const JLT_IMM = 0xa5;
export const JLT_REG = 0xad;
export const JLE_IMM = 0xb5;
export const JLE_REG = 0xbd;
export const JSLT_IMM = 0xc5;
export const JSLT_REG = 0xcd;
export const JSLE_IMM = 0xd5;
export const JSLE_REG = 0xdd;

/** Instruction classes (low three bits). */
export const CLASS_LD = 0x00;
export const CLASS_LDX = 0x01;
export const CLASS_ST = 0x02;
export const CLASS_STX = 0x03;
export const CLASS_ALU32 = 0x04;
export const CLASS_JMP = 0x05;
export const CLASS_ALU64 = 0x07;

/** Mnemonics of every opcode valid in v0, as the sbpf disassembler prints them. */
export const MNEMONICS: ReadonlyMap<number, string> = new Map([
  [LD_DW_IMM, 'lddw'],
  [LD_B_REG, 'ldxb'],
  [LD_H_REG, 'ldxh'],
  [LD_W_REG, 'ldxw'],
  [LD_DW_REG, 'ldxdw'],
  [ST_B_IMM, 'stb'],
  [ST_H_IMM, 'sth'],
  [ST_W_IMM, 'stw'],
  [ST_DW_IMM, 'stdw'],
  [ST_B_REG, 'stxb'],
  [ST_H_REG, 'stxh'],
  [ST_W_REG, 'stxw'],
  [ST_DW_REG, 'stxdw'],
  ...withRegisterTwin('32', [ADD32_IMM, 'add'], [SUB32_IMM, 'sub'], [MUL32_IMM, 'mul'], [DIV32_IMM, 'div']),
  ...withRegisterTwin('32', [OR32_IMM, 'or'], [AND32_IMM, 'and'], [LSH32_IMM, 'lsh'], [RSH32_IMM, 'rsh']),
  ...withRegisterTwin('32', [MOD32_IMM, 'mod'], [XOR32_IMM, 'xor'], [MOV32_IMM, 'mov'], [ARSH32_IMM, 'arsh']),
  [NEG32, 'neg32'],
  [LE, 'le'],
  [BE, 'be'],
  ...withRegisterTwin('64', [ADD64_IMM, 'add'], [SUB64_IMM, 'sub'], [MUL64_IMM, 'mul'], [DIV64_IMM, 'div']),
  ...withRegisterTwin('64', [OR64_IMM, 'or'], [AND64_IMM, 'and'], [LSH64_IMM, 'lsh'], [RSH64_IMM, 'rsh']),
  ...withRegisterTwin('64', [MOD64_IMM, 'mod'], [XOR64_IMM, 'xor'], [MOV64_IMM, 'mov'], [ARSH64_IMM, 'arsh']),
  [NEG64, 'neg64'],
  [JA, 'ja'],
  ...withRegisterTwin(
    '',
    [JEQ_IMM, 'jeq'],
    [JGT_IMM, 'jgt'],
    [JGE_IMM, 'jge'],
    [JSET_IMM, 'jset'],
    [JNE_IMM, 'jne'],
  ),
  ...withRegisterTwin('', [JSGT_IMM, 'jsgt'], [JSGE_IMM, 'jsge'], [JLT_IMM, 'jlt'], [JLE_IMM, 'jle']),
  ...withRegisterTwin('', [JSLT_IMM, 'jslt'], [JSLE_IMM, 'jsle']),
  [CALL_IMM, 'call'],
  [CALL_REG, 'callx'],
  [EXIT, 'exit'],
]);

/** An opcode with an immediate source has its register-source twin at `opcode | 0x08`. */
function withRegisterTwin(suffix: string, ...ops: Array<[number, string]>): Array<[number, string]> {
  return ops.flatMap(
    ([op, name]): Array<[number, string]> => [
      [op, `${name}${suffix}`],
      [op | 0x08, `${name}${suffix}`],
    ],
  );
}

export const isRegisterSource = (opcode: number): boolean => (opcode & 0x08) !== 0;
export const opcodeClass = (opcode: number): number => opcode & 0x07;
