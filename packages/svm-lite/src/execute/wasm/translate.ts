import { MAX_CALL_DEPTH, STACK_FRAME_SIZE } from '../../constants.js';
import type { Executable } from '../../elf/executable.js';
import { BodyWriter, encodeModule, I32, I64, Op } from './encoder.js';

/**
 * sBPF basic blocks translated to one WebAssembly function. The function holds r0–r10 in i64
 * locals for as long as it runs and moves between blocks through a `br_table` dispatch loop, so
 * loops, internal calls and returns never leave WebAssembly; the call stack (saved r6–r10 and
 * return slot per frame) lives in linear memory. Each block checks that the meter holds its whole
 * cost and charges it once; anything a block cannot finish exactly as the interpreter would (a
 * memory access that faults, a zero divisor, the 64th frame, a block the meter cannot pay for) is
 * a *bail*: the function refunds what the block did not execute and returns, and the interpreter
 * resumes at that very instruction, so faults, their messages and compute units are the
 * interpreter's own. Guest memory stays behind `MemoryMap` (imported `load`/`store`); syscalls are
 * imported calls made with the meter handed over, as the interpreter hands it over.
 */

/** Linear memory layout (bytes) shared by the translated code and the tier that runs it. */
export const LAYOUT = {
  /** r0..r10 as little-endian i64: in on entry, out on return and before each syscall. */
  regs: 0,
  /** The value a `load` import read (zero-extended to 64 bits). */
  value: 96,
  /** Out on return: the slot to resume at, the meter left, the call depth. */
  pc: 104,
  budget: 108,
  depth: 112,
  /** MAX_CALL_DEPTH frames of FRAME_WORDS int32s. */
  frames: 128,
  /** u16 per slot from the first block start: the block index, or the block count for "none". */
  table: 4096,
} as const;

/** Int32s per call frame: r6..r10 as lo/hi pairs, the return slot, padding to 8-byte alignment. */
export const FRAME_WORDS = 12;
const FRAME_BYTES = FRAME_WORDS * 4;
/** What the translated function returns. */
export const STATUS_BAIL = 0;
export const STATUS_EXITED = 1;
/** Longest block translated: bounds the code one block start can ask for. */
export const MAX_BLOCK = 256;

/** Imported function indices (type indices equal them), then the exported `run`. */
const LOAD = 0;
const STORE = 1;
const SYSCALL = 2;
const RUN_TYPE = 3;

// Locals: the three parameters, then r0..r10, the status and two temporaries.
const PC = 0;
const BUDGET = 1;
const DEPTH = 2;
const reg = (r: number) => 3 + r;
const STATUS = 14;
const T64 = 15;
const T32 = 16;

/** Block leaders: jump targets, the slot after a jump, call or exit, internal call targets, the entrypoint. */
export function leadersOf(executable: Executable, calls: Int32Array): Uint8Array {
  const { opcode, off, count } = executable.decoded;
  const leaders = new Uint8Array(count + 1);
  if (executable.entryPc < count) leaders[executable.entryPc] = 1;
  for (let pc = 0; pc < count; pc++) {
    const o = opcode[pc]!;
    const isJump = (o & 0x07) === 0x05 && o !== 0x85 && o !== 0x95 && o !== 0x8d;
    if (isJump) {
      const target = pc + 1 + off[pc]!;
      if (target >= 0 && target < count) leaders[target] = 1;
    }
    if (isJump || o === 0x85 || o === 0x8d || o === 0x95) leaders[pc + 1] = 1;
    if (o === 0x85 && calls[pc]! >= 0) leaders[calls[pc]!] = 1;
  }
  return leaders;
}

/** One block to translate: its first slot and the slots of its instructions. */
interface Block {
  start: number;
  slots: number[];
  /** Slot control reaches when the block runs to its end without a jump (a leader or an untranslatable instruction). */
  fallthrough: number | undefined;
}

/** Whether the instruction at `pc` can be translated, and whether it ends a block. */
function classify(executable: Executable, calls: Int32Array, pc: number): 'no' | 'body' | 'end' {
  const { opcode, imm, count } = executable.decoded;
  const o = opcode[pc]!;
  const k = imm[pc]!;
  if (o === 0x18) return pc + 1 < count ? 'body' : 'no';
  if (o === 0x85) return calls[pc] === -1 ? 'no' : 'end';
  if (o === 0x95 || o === 0x05) return 'end';
  if (o === 0x8d) return 'no';
  if ((o & 0x07) === 0x05) return JUMPS.has(o) ? 'end' : 'no';
  if (o === 0xd4 || o === 0xdc) return k === 16 || k === 32 || k === 64 ? 'body' : 'no';
  if (DIVISIONS.has(o)) return (o & 0x08) === 0 && k === 0 ? 'no' : 'body';
  return ALU.has(o) || MEMORY.has(o) ? 'body' : 'no';
}

const JUMPS = new Set([
  0x15, 0x1d, 0x55, 0x5d, 0x45, 0x4d, 0x25, 0x2d, 0x35, 0x3d, 0xa5, 0xad, 0xb5, 0xbd, 0x65, 0x6d, 0x75, 0x7d,
  0xc5, 0xcd, 0xd5, 0xdd,
]);
const DIVISIONS = new Set([0x34, 0x3c, 0x94, 0x9c, 0x37, 0x3f, 0x97, 0x9f]);
const MEMORY = new Set([0x71, 0x69, 0x61, 0x79, 0x72, 0x6a, 0x62, 0x7a, 0x73, 0x6b, 0x63, 0x7b]);
const ALU = new Set([
  0x04, 0x0c, 0x14, 0x1c, 0x24, 0x2c, 0x44, 0x4c, 0x54, 0x5c, 0x64, 0x6c, 0x74, 0x7c, 0x84, 0xa4, 0xac, 0xb4,
  0xbc, 0xc4, 0xcc, 0x07, 0x0f, 0x17, 0x1f, 0x27, 0x2f, 0x47, 0x4f, 0x57, 0x5f, 0xa7, 0xaf, 0x67, 0x6f, 0x77,
  0x7f, 0xc7, 0xcf, 0x87, 0xb7, 0xbf,
]);

/** The block starting at `start`, or undefined when its first instruction cannot be translated. */
export function blockAt(
  executable: Executable,
  calls: Int32Array,
  leaders: Uint8Array,
  start: number,
): Block | undefined {
  const { opcode, count } = executable.decoded;
  const slots: number[] = [];
  let pc = start;
  while (pc < count && slots.length < MAX_BLOCK && (pc === start || leaders[pc] === 0)) {
    const kind = classify(executable, calls, pc);
    if (kind === 'no') break;
    slots.push(pc);
    if (kind === 'end') return { start, slots, fallthrough: undefined };
    pc += opcode[pc] === 0x18 ? 2 : 1;
  }
  return slots.length === 0 ? undefined : { start, slots, fallthrough: pc };
}

/** A translated module and what each block costs (by start slot). */
export interface Translation {
  bytes: Uint8Array;
  memoryPages: number;
}

/** Translates `blocks` (at most 65,535) into a module exporting `run(pc, budget, depth) -> status`. */
export function translateBlocks(executable: Executable, calls: Int32Array, blocks: Block[]): Translation {
  const n = blocks.length;
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (const b of blocks) {
    first = Math.min(first, b.start);
    last = Math.max(last, b.start);
  }
  const span = last - first + 1;
  const table = new Uint16Array(span + 1).fill(n);
  blocks.forEach((b, i) => {
    table[b.start - first] = i;
  });

  const w = new BodyWriter();
  for (let r = 0; r <= 10; r++)
    w.i32(0)
      .mem(Op.i64Load, LAYOUT.regs + 8 * r, 3)
      .set(reg(r));
  const exit = w.open(Op.block);
  const dispatch = w.open(Op.loop);
  const none = w.open(Op.block);
  const labels = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) labels[i] = w.open(Op.block);
  // index = (pc - first) <u span ? table[pc - first] : table[span] (= n)
  w.get(PC).i32(first).byte(Op.i32Sub).byte(Op.localTee).u32(T32);
  w.i32(span).get(T32).i32(span).byte(Op.i32LtU).byte(Op.select);
  w.i32(1).byte(Op.i32Shl).mem(Op.i32Load16u, LAYOUT.table, 1);
  w.brTable(labels, none);
  for (let i = 0; i < n; i++) {
    w.close();
    new BlockEmitter(w, executable, calls, blocks[i]!, exit, dispatch).emit();
  }
  w.close(); // none: the slot has no block; STATUS is still BAIL
  w.close(); // dispatch
  w.close(); // exit
  for (let r = 0; r <= 10; r++)
    w.i32(0)
      .get(reg(r))
      .mem(Op.i64Store, LAYOUT.regs + 8 * r, 3);
  w.i32(0).get(PC).mem(Op.i32Store, LAYOUT.pc, 2);
  w.i32(0).get(BUDGET).mem(Op.i32Store, LAYOUT.budget, 2);
  w.i32(0).get(DEPTH).mem(Op.i32Store, LAYOUT.depth, 2);
  w.get(STATUS);

  const tableBytes = new Uint8Array(table.buffer);
  const memoryPages = Math.ceil((LAYOUT.table + tableBytes.length) / 65536);
  const bytes = encodeModule({
    types: [
      { params: [I32, I32, I32], results: [I32] },
      { params: [I32, I32, I32, I32, I32], results: [I32] },
      { params: [I32, I32, I32], results: [I32] },
      { params: [I32, I32, I32], results: [I32] },
    ],
    imports: [
      { name: 'load', type: LOAD },
      { name: 'store', type: STORE },
      { name: 'syscall', type: SYSCALL },
    ],
    memoryPages,
    func: {
      type: RUN_TYPE,
      locals: [
        [11, I64],
        [1, I32],
        [1, I64],
        [1, I32],
      ],
      body: w,
      export: 'run',
    },
    data: { offset: LAYOUT.table, bytes: tableBytes },
  });
  return { bytes, memoryPages };
}

const U32_MASK = 0xffff_ffffn;

/** Emits one block: the meter check, its instructions and the branch that leaves it. */
class BlockEmitter {
  readonly #cost: number;
  /** The block's own `loop` label when its last jump goes back to its start. */
  #self: number | undefined;

  constructor(
    private readonly w: BodyWriter,
    private readonly executable: Executable,
    private readonly calls: Int32Array,
    private readonly block: Block,
    private readonly exit: number,
    private readonly dispatch: number,
  ) {
    this.#cost = block.slots.length;
  }

  emit(): void {
    const { w, block } = this;
    const cost = this.#cost;
    // The meter must hold the whole block; otherwise the interpreter steps through it.
    w.get(BUDGET).i32(cost).byte(Op.i32LtU);
    w.open(Op.if);
    w.br(this.exit);
    w.close();
    w.get(BUDGET).i32(cost).byte(Op.i32Sub).set(BUDGET);
    const lastSlot = block.slots[block.slots.length - 1]!;
    const loops = block.fallthrough === undefined && this.#jumpTarget(lastSlot) === block.start;
    if (loops) this.#self = w.open(Op.loop);
    block.slots.forEach((pc, executed) => {
      this.#instruction(pc, executed);
    });
    if (block.fallthrough !== undefined) this.#goto(block.fallthrough);
    if (loops) w.close();
  }

  #jumpTarget(pc: number): number | undefined {
    const { opcode, off } = this.executable.decoded;
    const o = opcode[pc]!;
    return o === 0x05 || JUMPS.has(o) ? pc + 1 + off[pc]! : undefined;
  }

  #goto(pc: number): void {
    this.w.i32(pc).set(PC).br(this.dispatch);
  }

  /** Leaves for the interpreter at `pc` (not executed), refunding the rest of the pass. */
  #bail(pc: number, executed: number): void {
    const { w } = this;
    w.i32(pc).set(PC);
    w.get(BUDGET)
      .i32(this.#cost - executed)
      .byte(Op.i32Add)
      .set(BUDGET);
    w.br(this.exit);
  }

  /** `if (top of stack) bail` */
  #bailIf(pc: number, executed: number): void {
    this.w.open(Op.if);
    this.#bail(pc, executed);
    this.w.close();
  }

  #instruction(pc: number, executed: number): void {
    const { w } = this;
    const { opcode, dst, src, imm, off } = this.executable.decoded;
    const o = opcode[pc]!;
    const d = reg(dst[pc]!);
    const s = reg(src[pc]!);
    const k = imm[pc]!;
    const operand64 = () => ((o & 0x08) !== 0 ? w.get(s) : w.i64(k));
    const operand32 = () => ((o & 0x08) !== 0 ? w.get(s).byte(Op.i32WrapI64) : w.i32(k));
    const alu64 = (op: number) => {
      w.get(d);
      operand64();
      w.byte(op).set(d);
    };
    // v0: add32/sub32/mul32 results are sign-extended, every other ALU32 result zero-extended.
    const alu32 = (op: number, extend: number = Op.i64ExtendI32U) => {
      w.get(d).byte(Op.i32WrapI64);
      operand32();
      w.byte(op).byte(extend).set(d);
    };
    const bswap32 = () => w.bswap32(T32);
    const address = (base: number) => {
      w.get(base).i64(off[pc]!).byte(Op.i64Add).byte(Op.localTee).u32(T64).byte(Op.i32WrapI64);
      w.get(T64).i64(32).byte(Op.i64ShrU).byte(Op.i32WrapI64);
    };
    const load = (bytes: number) => {
      address(s);
      w.i32(bytes).byte(Op.call).u32(LOAD).byte(Op.i32Eqz);
      this.#bailIf(pc, executed);
      w.i32(0).mem(Op.i64Load, LAYOUT.value, 3).set(d);
    };
    const store = (bytes: number, value: () => void) => {
      address(d);
      w.i32(bytes);
      value();
      w.byte(Op.call).u32(STORE).byte(Op.i32Eqz);
      this.#bailIf(pc, executed);
    };
    const storeReg = () => {
      w.get(s).byte(Op.i32WrapI64).get(s).i64(32).byte(Op.i64ShrU).byte(Op.i32WrapI64);
    };
    const storeImm = () => {
      w.i32(k).i32(k >> 31);
    };
    const branch = (compare: () => void) => {
      const target = pc + 1 + off[pc]!;
      compare();
      if (this.#self !== undefined && target === this.block.start) {
        // Back to this block's own start: loop in place while the meter holds another whole pass.
        w.open(Op.if);
        w.get(BUDGET).i32(this.#cost).byte(Op.i32GeU);
        w.open(Op.if);
        w.get(BUDGET).i32(this.#cost).byte(Op.i32Sub).set(BUDGET);
        w.br(this.#self);
        w.close();
        this.#goto(target);
        w.close();
      } else {
        w.open(Op.if);
        this.#goto(target);
        w.close();
      }
      this.#goto(pc + 1);
    };
    const compare = (op: number) => () => {
      w.get(d);
      operand64();
      w.byte(op);
    };
    switch (o) {
      case 0x18: {
        const value = (BigInt(imm[pc + 1]!) << 32n) | (BigInt(k) & U32_MASK);
        w.i64(value).set(d);
        return;
      }
      case 0x71:
        load(1);
        return;
      case 0x69:
        load(2);
        return;
      case 0x61:
        load(4);
        return;
      case 0x79:
        load(8);
        return;
      case 0x72:
        store(1, storeImm);
        return;
      case 0x6a:
        store(2, storeImm);
        return;
      case 0x62:
        store(4, storeImm);
        return;
      case 0x7a:
        store(8, storeImm);
        return;
      case 0x73:
        store(1, storeReg);
        return;
      case 0x6b:
        store(2, storeReg);
        return;
      case 0x63:
        store(4, storeReg);
        return;
      case 0x7b:
        store(8, storeReg);
        return;
      case 0x04:
      case 0x0c:
        alu32(Op.i32Add, Op.i64ExtendI32S);
        return;
      case 0x14:
      case 0x1c:
        alu32(Op.i32Sub, Op.i64ExtendI32S);
        return;
      case 0x24:
      case 0x2c:
        alu32(Op.i32Mul, Op.i64ExtendI32S);
        return;
      case 0x44:
      case 0x4c:
        alu32(Op.i32Or);
        return;
      case 0x54:
      case 0x5c:
        alu32(Op.i32And);
        return;
      case 0x64:
      case 0x6c:
        alu32(Op.i32Shl);
        return;
      case 0x74:
      case 0x7c:
        alu32(Op.i32ShrU);
        return;
      case 0xa4:
      case 0xac:
        alu32(Op.i32Xor);
        return;
      case 0xc4:
      case 0xcc:
        alu32(Op.i32ShrS);
        return;
      case 0x84:
        w.i32(0).get(d).byte(Op.i32WrapI64).byte(Op.i32Sub).byte(Op.i64ExtendI32U).set(d);
        return;
      case 0xb4:
        w.i64(BigInt(k >>> 0)).set(d);
        return;
      case 0xbc:
        w.get(s).i64(U32_MASK).byte(Op.i64And).set(d);
        return;
      case 0x34:
      case 0x3c:
      case 0x94:
      case 0x9c:
        if ((o & 0x08) !== 0) {
          w.get(s).byte(Op.i32WrapI64).byte(Op.i32Eqz);
          this.#bailIf(pc, executed);
        }
        alu32((o & 0xf0) === 0x30 ? Op.i32DivU : Op.i32RemU);
        return;
      case 0x37:
      case 0x3f:
      case 0x97:
      case 0x9f:
        if ((o & 0x08) !== 0) {
          w.get(s).byte(Op.i64Eqz);
          this.#bailIf(pc, executed);
        }
        alu64((o & 0xf0) === 0x30 ? Op.i64DivU : Op.i64RemU);
        return;
      case 0xd4:
        if (k === 16) w.get(d).i64(0xffff).byte(Op.i64And).set(d);
        else if (k === 32) w.get(d).i64(U32_MASK).byte(Op.i64And).set(d);
        return;
      case 0xdc:
        if (k === 16) {
          // ((x & 0xff) << 8) | ((x >> 8) & 0xff)
          w.get(d).byte(Op.i32WrapI64).set(T32);
          w.get(T32).i32(0xff).byte(Op.i32And).i32(8).byte(Op.i32Shl);
          w.get(T32).i32(8).byte(Op.i32ShrU).i32(0xff).byte(Op.i32And).byte(Op.i32Or);
          w.byte(Op.i64ExtendI32U).set(d);
        } else if (k === 32) {
          w.get(d).byte(Op.i32WrapI64);
          bswap32();
          w.byte(Op.i64ExtendI32U).set(d);
        } else {
          w.get(d).byte(Op.i32WrapI64);
          bswap32();
          w.byte(Op.i64ExtendI32U).i64(32).byte(Op.i64Shl);
          w.get(d).i64(32).byte(Op.i64ShrU).byte(Op.i32WrapI64);
          bswap32();
          w.byte(Op.i64ExtendI32U).byte(Op.i64Or).set(d);
        }
        return;
      case 0x07:
      case 0x0f:
        alu64(Op.i64Add);
        return;
      case 0x17:
      case 0x1f:
        alu64(Op.i64Sub);
        return;
      case 0x27:
      case 0x2f:
        alu64(Op.i64Mul);
        return;
      case 0x47:
      case 0x4f:
        alu64(Op.i64Or);
        return;
      case 0x57:
      case 0x5f:
        alu64(Op.i64And);
        return;
      case 0xa7:
      case 0xaf:
        alu64(Op.i64Xor);
        return;
      // Shift counts are taken mod 64 by both sBPF (`& 63`) and WebAssembly.
      case 0x67:
      case 0x6f:
        alu64(Op.i64Shl);
        return;
      case 0x77:
      case 0x7f:
        alu64(Op.i64ShrU);
        return;
      case 0xc7:
      case 0xcf:
        alu64(Op.i64ShrS);
        return;
      case 0x87:
        w.i64(0).get(d).byte(Op.i64Sub).set(d);
        return;
      case 0xb7:
        w.i64(k).set(d);
        return;
      case 0xbf:
        w.get(s).set(d);
        return;
      case 0x05:
        branch(() => w.i32(1));
        return;
      case 0x15:
      case 0x1d:
        branch(compare(Op.i64Eq));
        return;
      case 0x55:
      case 0x5d:
        branch(compare(Op.i64Ne));
        return;
      case 0x45:
      case 0x4d:
        branch(() => {
          w.get(d);
          operand64();
          w.byte(Op.i64And).byte(Op.i64Eqz).byte(Op.i32Eqz);
        });
        return;
      case 0x25:
      case 0x2d:
        branch(compare(Op.i64GtU));
        return;
      case 0x35:
      case 0x3d:
        branch(compare(Op.i64GeU));
        return;
      case 0xa5:
      case 0xad:
        branch(compare(Op.i64LtU));
        return;
      case 0xb5:
      case 0xbd:
        branch(compare(Op.i64LeU));
        return;
      case 0x65:
      case 0x6d:
        branch(compare(Op.i64GtS));
        return;
      case 0x75:
      case 0x7d:
        branch(compare(Op.i64GeS));
        return;
      case 0xc5:
      case 0xcd:
        branch(compare(Op.i64LtS));
        return;
      case 0xd5:
      case 0xdd:
        branch(compare(Op.i64LeS));
        return;
      case 0x85:
        this.#call(pc, executed);
        return;
      case 0x95:
        this.#exitInstruction(pc);
        return;
      default:
        throw new Error(`untranslatable opcode 0x${o.toString(16)} classified as translatable`);
    }
  }

  /** `call imm`: a syscall through the import, or an internal function (sbpf `push_frame`). */
  #call(pc: number, executed: number): void {
    const { w } = this;
    const target = this.calls[pc]!;
    if (target <= -2) {
      for (let r = 0; r <= 10; r++)
        w.i32(0)
          .get(reg(r))
          .mem(Op.i64Store, LAYOUT.regs + 8 * r, 3);
      w.i32(0).get(DEPTH).mem(Op.i32Store, LAYOUT.depth, 2);
      w.i32(-2 - target)
        .i32(pc)
        .get(BUDGET)
        .byte(Op.call)
        .u32(SYSCALL)
        .set(BUDGET);
      w.i32(0).mem(Op.i64Load, LAYOUT.regs, 3).set(reg(0));
      this.#goto(pc + 1);
      return;
    }
    // The 64th frame faults: leave that to the interpreter, before anything is pushed.
    w.get(DEPTH)
      .i32(MAX_CALL_DEPTH - 1)
      .byte(Op.i32Eq);
    this.#bailIf(pc, executed);
    w.get(DEPTH).i32(FRAME_BYTES).byte(Op.i32Mul).set(T32);
    for (let i = 0; i < 5; i++)
      w.get(T32)
        .get(reg(6 + i))
        .mem(Op.i64Store, LAYOUT.frames + 8 * i, 3);
    w.get(T32)
      .i32(pc + 1)
      .mem(Op.i32Store, LAYOUT.frames + 40, 2);
    w.get(DEPTH).i32(1).byte(Op.i32Add).set(DEPTH);
    w.get(reg(10))
      .i64(2 * STACK_FRAME_SIZE)
      .byte(Op.i64Add)
      .set(reg(10));
    this.#goto(target);
  }

  /** `exit`: return from the entrypoint, or pop a frame (sbpf `pop_frame`). */
  #exitInstruction(pc: number): void {
    const { w } = this;
    w.get(DEPTH).byte(Op.i32Eqz);
    w.open(Op.if);
    w.i32(pc).set(PC).i32(STATUS_EXITED).set(STATUS).br(this.exit);
    w.close();
    w.get(DEPTH)
      .i32(1)
      .byte(Op.i32Sub)
      .byte(Op.localTee)
      .u32(DEPTH)
      .i32(FRAME_BYTES)
      .byte(Op.i32Mul)
      .set(T32);
    for (let i = 0; i < 5; i++)
      w.get(T32)
        .mem(Op.i64Load, LAYOUT.frames + 8 * i, 3)
        .set(reg(6 + i));
    w.get(T32)
      .mem(Op.i32Load, LAYOUT.frames + 40, 2)
      .set(PC);
    w.br(this.dispatch);
  }
}
