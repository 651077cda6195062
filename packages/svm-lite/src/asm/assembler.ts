import { DecodeError } from '@polyvm/core';
import { INSN_SIZE } from '../constants.js';
import { encodeInstruction } from '../decode/instruction.js';
import * as op from '../decode/opcodes.js';
import { type Executable, executableFromText, type FunctionRegistry } from '../elf/executable.js';
import { functionKey } from '../elf/function-registry.js';
import { hashSymbolName } from '../elf/murmur3.js';

/**
 * A small sBPF assembler for the syntax `disassemble` prints (sbpf `assembler.rs` style):
 *
 *     entrypoint:
 *       mov64 r0, 0
 *       ldxdw r2, [r1+0x8]
 *       jne r2, 0, done        ; labels or +n / -n slot offsets
 *       call my_function        ; internal call, keyed as the ELF loader keys its target slot
 *       syscall sol_log_        ; key = murmur3("sol_log_")
 *     done:
 *       exit
 *
 * `mov`, `add`… without a width mean the 64-bit form. Comments start with `;`, `#` or `//`.
 */
export interface AssembledProgram {
  text: Uint8Array;
  functions: FunctionRegistry;
  entryPc: number;
  labels: ReadonlyMap<string, number>;
  /** Every `call`/`syscall` slot, so an ELF writer can re-encode them as a linker would. */
  calls: AssembledCall[];
}

/** A call site: an internal function (`targetPc`) or a syscall (`syscall` name). */
export interface AssembledCall {
  slot: number;
  targetPc?: number;
  syscall?: string;
}

const ALU_OPS: Readonly<Record<string, number>> = {
  add: 0x00,
  sub: 0x10,
  mul: 0x20,
  div: 0x30,
  or: 0x40,
  and: 0x50,
  lsh: 0x60,
  rsh: 0x70,
  mod: 0x90,
  xor: 0xa0,
  mov: 0xb0,
  arsh: 0xc0,
};
const JUMP_OPS: Readonly<Record<string, number>> = {
  jeq: 0x10,
  jgt: 0x20,
  jge: 0x30,
  jset: 0x40,
  jne: 0x50,
  jsgt: 0x60,
  jsge: 0x70,
  jlt: 0xa0,
  jle: 0xb0,
  jslt: 0xc0,
  jsle: 0xd0,
};
const LOADS: Readonly<Record<string, number>> = { ldxb: 0x71, ldxh: 0x69, ldxw: 0x61, ldxdw: 0x79 };
const STORES: Readonly<Record<string, number>> = { stb: 0x72, sth: 0x6a, stw: 0x62, stdw: 0x7a };
const STORES_REG: Readonly<Record<string, number>> = { stxb: 0x73, stxh: 0x6b, stxw: 0x63, stxdw: 0x7b };

interface Pending {
  line: number;
  mnemonic: string;
  operands: string[];
  slot: number;
}

export function assemble(source: string): AssembledProgram {
  const labels = new Map<string, number>();
  const pending: Pending[] = [];
  let slot = 0;
  source.split('\n').forEach((raw, index) => {
    let text = raw.replace(/(;|#|\/\/).*$/, '').trim();
    for (let m = /^([A-Za-z_.$][\w.$]*):/.exec(text); m; m = /^([A-Za-z_.$][\w.$]*):/.exec(text)) {
      if (labels.has(m[1]!)) throw asmError(index + 1, `duplicate label "${m[1]}"`);
      labels.set(m[1]!, slot);
      text = text.slice(m[0].length).trim();
    }
    if (text === '') return;
    const space = text.search(/\s/);
    const mnemonic = (space < 0 ? text : text.slice(0, space)).toLowerCase();
    const rest = space < 0 ? '' : text.slice(space).trim();
    const operands = rest === '' ? [] : splitOperands(rest);
    pending.push({ line: index + 1, mnemonic, operands, slot });
    slot += mnemonic === 'lddw' ? 2 : 1;
  });

  const functions: FunctionRegistry = new Map();
  const calls: AssembledCall[] = [];
  const bytes = new Uint8Array(slot * INSN_SIZE);
  for (const p of pending) {
    if (p.mnemonic === 'call') calls.push({ slot: p.slot, targetPc: labels.get(p.operands[0] ?? '') });
    if (p.mnemonic === 'syscall') calls.push({ slot: p.slot, syscall: p.operands[0] });
    const encoded = encode(p, labels, functions);
    encoded.forEach((insn, i) => {
      bytes.set(encodeInstruction(insn), (p.slot + i) * INSN_SIZE);
    });
  }
  const entryPc = labels.get('entrypoint') ?? 0;
  return { text: bytes, functions, entryPc, labels, calls };
}

/** Assembles straight to a loadable executable (text mapped at the program region start). */
export function assembleExecutable(source: string): Executable {
  const program = assemble(source);
  return executableFromText(program.text, program.functions, program.entryPc);
}

type Insn = { opcode: number; dst: number; src: number; off: number; imm: number };

function encode(p: Pending, labels: Map<string, number>, functions: FunctionRegistry): Insn[] {
  const { mnemonic: m, operands: ops, line } = p;
  const want = (n: number): void => {
    if (ops.length !== n) throw asmError(line, `${m} takes ${n} operand(s), got ${ops.length}`);
  };
  const insn = (opcode: number, dst = 0, src = 0, off = 0, imm = 0): Insn => ({ opcode, dst, src, off, imm });
  const target = (operand: string): number => {
    if (/^[+-]\d+$/.test(operand)) return Number(operand);
    const at = labels.get(operand);
    if (at === undefined) throw asmError(line, `unknown label "${operand}"`);
    return at - (p.slot + 1);
  };

  if (m === 'exit') return [insn(op.EXIT)];
  if (m === 'lddw') {
    want(2);
    const value = BigInt.asUintN(64, parseBig(ops[1]!, line));
    return [
      insn(op.LD_DW_IMM, reg(ops[0]!, line), 0, 0, Number(BigInt.asIntN(32, value & 0xffffffffn))),
      insn(0, 0, 0, 0, Number(BigInt.asIntN(32, value >> 32n))),
    ];
  }
  if (m === 'ja') {
    want(1);
    return [insn(op.JA, 0, 0, target(ops[0]!))];
  }
  if (m === 'call') {
    want(1);
    const name = ops[0]!;
    const at = labels.get(name);
    if (at === undefined) throw asmError(line, `unknown function "${name}"`);
    const key = functionKey(name, at);
    functions.set(key, { name, pc: at });
    return [insn(op.CALL_IMM, 0, 0, 0, key | 0)];
  }
  if (m === 'syscall') {
    want(1);
    return [insn(op.CALL_IMM, 0, 0, 0, hashSymbolName(ops[0]!) | 0)];
  }
  if (m === 'callx') {
    want(1);
    return [insn(op.CALL_REG, 0, 0, 0, reg(ops[0]!, line))];
  }
  if (m === 'neg32' || m === 'neg64' || m === 'neg') {
    want(1);
    return [insn(m === 'neg32' ? op.NEG32 : op.NEG64, reg(ops[0]!, line))];
  }
  const swap = /^(le|be)(16|32|64)$/.exec(m);
  if (swap) {
    want(1);
    return [insn(swap[1] === 'le' ? op.LE : op.BE, reg(ops[0]!, line), 0, 0, Number(swap[2]))];
  }
  const load = LOADS[m];
  if (load !== undefined) {
    want(2);
    const mem = memOperand(ops[1]!, line);
    return [insn(load, reg(ops[0]!, line), mem.reg, mem.off)];
  }
  const store = STORES[m] ?? STORES_REG[m];
  if (store !== undefined) {
    want(2);
    const mem = memOperand(ops[0]!, line);
    if (STORES_REG[m] !== undefined) return [insn(store, mem.reg, reg(ops[1]!, line), mem.off)];
    return [insn(store, mem.reg, 0, mem.off, parseImm(ops[1]!, line))];
  }
  const alu = /^([a-z]+?)(32|64)?$/.exec(m);
  if (alu && ALU_OPS[alu[1]!] !== undefined) {
    want(2);
    const base = ALU_OPS[alu[1]!]! | (alu[2] === '32' ? op.CLASS_ALU32 : op.CLASS_ALU64);
    const dst = reg(ops[0]!, line);
    if (isReg(ops[1]!)) return [insn(base | 0x08, dst, reg(ops[1]!, line))];
    return [insn(base, dst, 0, 0, parseImm(ops[1]!, line))];
  }
  const jump = JUMP_OPS[m];
  if (jump !== undefined) {
    want(3);
    const dst = reg(ops[0]!, line);
    const off = target(ops[2]!);
    if (isReg(ops[1]!)) return [insn(jump | 0x08 | op.CLASS_JMP, dst, reg(ops[1]!, line), off)];
    return [insn(jump | op.CLASS_JMP, dst, 0, off, parseImm(ops[1]!, line))];
  }
  throw asmError(line, `unknown mnemonic "${m}"`);
}

function splitOperands(text: string): string[] {
  return text.split(',').map((s) => s.trim());
}

const isReg = (s: string): boolean => /^r(10|[0-9])$/.test(s);

function reg(s: string, line: number): number {
  const m = /^r(10|[0-9])$/.exec(s);
  if (!m) throw asmError(line, `expected a register r0..r10, got "${s}"`);
  return Number(m[1]);
}

function memOperand(s: string, line: number): { reg: number; off: number } {
  const m = /^\[\s*(r\d+)\s*(?:([+-])\s*(0x[0-9a-fA-F]+|\d+))?\s*\]$/.exec(s);
  if (!m) throw asmError(line, `expected [rN+off], got "${s}"`);
  const magnitude = m[3] === undefined ? 0 : Number(m[3]);
  const off = m[2] === '-' ? -magnitude : magnitude;
  if (off < -32768 || off > 32767) throw asmError(line, `offset ${off} does not fit 16 bits`);
  return { reg: reg(m[1]!, line), off };
}

function parseBig(s: string, line: number): bigint {
  const m = /^(-?)(0x[0-9a-fA-F]+|\d+)$/.exec(s);
  if (!m) throw asmError(line, `expected a number, got "${s}"`);
  const v = BigInt(m[2]!);
  return m[1] === '-' ? -v : v;
}

function parseImm(s: string, line: number): number {
  const v = parseBig(s, line);
  if (v < -(1n << 31n) || v >= 1n << 32n) throw asmError(line, `immediate ${s} does not fit 32 bits`);
  return Number(BigInt.asIntN(32, v));
}

function asmError(line: number, message: string): DecodeError {
  return new DecodeError(`asm line ${line}: ${message}`, { details: { line } });
}
