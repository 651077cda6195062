import type { ByteWriter } from '../binary/writer.js';
import {
  OP,
  OP_MEMORY_COPY,
  OP_MEMORY_FILL,
  OP_MEMORY_INIT,
  OP_TABLE_COPY,
  OP_TABLE_INIT,
} from '../module/opcodes.js';
import type { FunctionCode } from '../validate/code.js';

const EMPTY_BLOCK = 0x40;
const F32_CANONICAL_NAN = Uint8Array.of(0x00, 0x00, 0xc0, 0x7f);
const F64_CANONICAL_NAN = Uint8Array.of(0, 0, 0, 0, 0, 0, 0xf8, 0x7f);

/** Where the injected code keeps its state, per function. */
export interface BodyContext {
  gasGlobal: number;
  /**
   * The i64 local the body counts gas in (a register, where the global is a memory access). It is
   * loaded from the global on entry and after every call, and written back before every call, on
   * exit and before an out-of-gas trap, so callees, host functions and the host see one counter.
   */
  gasLocal: number;
  stackGlobal: number;
  maxStackHeight: number;
  /** Stack-limiter cost of this function's frame. */
  frameCost: number;
  /** Index of the scratch i32 local for bulk-memory charges (-1 when the body has none). */
  scratchLocal: number;
  /** Encoded block type of the wrapper block: the function's result type(s). */
  resultBlockType: Uint8Array;
  opCost: Float64Array;
  bulkByteCost: number;
  /** Scratch f32 and f64 locals for NaN canonicalization (-1 when not canonicalizing). */
  f32Local: number;
  f64Local: number;
}

/**
 * Float instructions whose result may be a NaN with host-chosen bits: arithmetic, rounding,
 * min/max, sqrt, demote/promote (1 = f32 result, 2 = f64 result). abs/neg/copysign, loads and
 * reinterprets only move bits and are left alone, as the spec makes them deterministic.
 */
export const NAN_RESULT = new Uint8Array(0x100);
for (let op = 0x8d; op <= 0x97; op++) NAN_RESULT[op] = 1;
for (let op = 0x9b; op <= 0xa5; op++) NAN_RESULT[op] = 2;
NAN_RESULT[0xb6] = 1;
NAN_RESULT[0xbb] = 2;

export function hasNaNResults(code: FunctionCode): boolean {
  for (let i = 0; i < code.count; i++) {
    const op = code.ops[i]!;
    if (op < 0x100 && NAN_RESULT[op] !== 0) return true;
  }
  return false;
}

/** [x] -> [x == x ? x : canonical NaN], through a scratch local (select keeps its first operand on true). */
function canonicalize(w: ByteWriter, kind: number, ctx: BodyContext): void {
  if (kind === 1) {
    w.u8(OP.localTee).u32(ctx.f32Local).u8(OP.f32Const).bytes(F32_CANONICAL_NAN);
    w.u8(OP.localGet).u32(ctx.f32Local).u8(OP.localGet).u32(ctx.f32Local).u8(OP.f32Eq);
  } else {
    w.u8(OP.localTee).u32(ctx.f64Local).u8(OP.f64Const).bytes(F64_CANONICAL_NAN);
    w.u8(OP.localGet).u32(ctx.f64Local).u8(OP.localGet).u32(ctx.f64Local).u8(OP.f64Eq);
  }
  w.u8(OP.select);
}

/** Per-function segment costs, reused across functions (instrumentation is single-threaded). */
let scratch = new Float64Array(1024);

/** True for instructions after which control may arrive from elsewhere or leave: metering points. */
function endsSegment(op: number): boolean {
  return (
    op === OP.loop ||
    op === OP.if ||
    op === OP.else ||
    op === OP.end ||
    op === OP.br ||
    op === OP.brIf ||
    op === OP.brTable ||
    op === OP.return ||
    op === OP.unreachable
  );
}

function isBulk(op: number): boolean {
  return (
    op === OP_MEMORY_COPY ||
    op === OP_MEMORY_FILL ||
    op === OP_MEMORY_INIT ||
    op === OP_TABLE_COPY ||
    op === OP_TABLE_INIT
  );
}

/**
 * `gas_left -= <i64 on the stack>` then trap if negative: the inline check (no host call). The
 * counter goes back to the global before the trap, so the host sees it ran out.
 */
function chargeTail(w: ByteWriter, ctx: BodyContext): void {
  w.u8(OP.i64Sub).u8(OP.localTee).u32(ctx.gasLocal).u8(OP.i64Const).u8(0).u8(OP.i64LtS);
  w.u8(OP.if).u8(EMPTY_BLOCK);
  syncOut(w, ctx);
  w.u8(OP.unreachable).u8(OP.end);
}

function chargeConstant(w: ByteWriter, ctx: BodyContext, cost: number): void {
  w.u8(OP.localGet).u32(ctx.gasLocal).u8(OP.i64Const).s64Number(cost);
  chargeTail(w, ctx);
}

/** local → global: before a call and on exit. */
function syncOut(w: ByteWriter, ctx: BodyContext): void {
  w.u8(OP.localGet).u32(ctx.gasLocal).u8(OP.globalSet).u32(ctx.gasGlobal);
}

/** global → local: on entry and after a call (the callee or host function charged the global). */
function syncIn(w: ByteWriter, ctx: BodyContext): void {
  w.u8(OP.globalGet).u32(ctx.gasGlobal).u8(OP.localSet).u32(ctx.gasLocal);
}

function stackAdjust(w: ByteWriter, ctx: BodyContext, enter: boolean): void {
  w.u8(OP.globalGet).u32(ctx.stackGlobal).u8(OP.i32Const).s32(ctx.frameCost);
  w.u8(enter ? OP.i32Add : OP.i32Sub)
    .u8(OP.globalSet)
    .u32(ctx.stackGlobal);
  if (!enter) return;
  w.u8(OP.globalGet).u32(ctx.stackGlobal).u8(OP.i32Const).s32(ctx.maxStackHeight).u8(OP.i32GtU);
  w.u8(OP.if).u8(EMPTY_BLOCK).u8(OP.unreachable).u8(OP.end);
}

/**
 * Re-emits one function body with metering:
 * - a gas charge at the head of every straight-line segment, costing the sum of its instructions
 *   (segments end after loop/if/else/end and every branch, so each branch target starts one);
 * - a per-byte charge before each bulk memory/table operation, read from its length operand;
 * - optionally, NaN canonicalization after each float instruction that can produce a NaN;
 * - the counter in a local (see `BodyContext.gasLocal`), synced with the global around calls;
 * - the stack-height limiter: the frame cost is added on entry (trapping past the limit) and
 *   subtracted on exit. The body is wrapped in a block so that `return` (rewritten to a branch to
 *   it) and branches to the function label all leave through the single epilogue.
 */
export function instrumentBody(w: ByteWriter, bytes: Uint8Array, code: FunctionCode, ctx: BodyContext): void {
  const { ops, starts, count } = code;
  if (scratch.length < count) scratch = new Float64Array(count * 2);
  const segmentCost = scratch;
  segmentCost.fill(0, 0, count);
  let head = 0;
  for (let i = 0; i < count; i++) {
    const op = ops[i]!;
    segmentCost[head]! += ctx.opCost[op]!;
    if (endsSegment(op)) head = i + 1;
  }

  stackAdjust(w, ctx, true);
  syncIn(w, ctx);
  w.u8(OP.block).bytes(ctx.resultBlockType);
  let depth = 0;
  let copied = starts[0]!;
  for (let i = 0; i < count; i++) {
    const op = ops[i]!;
    const start = starts[i]!;
    const cost = segmentCost[i]!;
    const bulk = isBulk(op);
    const isReturn = op === OP.return;
    const isFinalEnd = i === count - 1;
    const isCall = op === OP.call || op === OP.callIndirect;
    if (cost > 0 || bulk || isReturn || isFinalEnd || isCall) {
      w.range(bytes, copied, start);
      copied = start;
      if (cost > 0) chargeConstant(w, ctx, cost);
      if (isCall) {
        syncOut(w, ctx);
        const next = starts[i + 1]!;
        w.range(bytes, start, next);
        copied = next;
        syncIn(w, ctx);
      }
      if (bulk && ctx.bulkByteCost > 0) {
        const x = ctx.scratchLocal;
        w.u8(OP.localSet).u32(x).u8(OP.localGet).u32(ctx.gasLocal);
        w.u8(OP.localGet)
          .u32(x)
          .u8(OP.i64ExtendI32U)
          .u8(OP.i64Const)
          .s64Number(ctx.bulkByteCost)
          .u8(OP.i64Mul);
        chargeTail(w, ctx);
        w.u8(OP.localGet).u32(x);
      }
      if (isReturn) {
        // `return` leaves every open block plus the wrapper: branch to the wrapper instead.
        w.u8(OP.br).u32(depth);
        copied = starts[i + 1]!;
      }
    }
    if (op === OP.block || op === OP.loop || op === OP.if) depth++;
    else if (op === OP.end) depth--;
    else if (ctx.f32Local >= 0 && op < 0x100 && NAN_RESULT[op] !== 0) {
      const next = starts[i + 1]!;
      w.range(bytes, copied, next);
      copied = next;
      canonicalize(w, NAN_RESULT[op]!, ctx);
    }
  }
  // The final `end` closes the wrapper block; the epilogue and a new `end` close the function.
  w.range(bytes, copied, starts[count]!);
  syncOut(w, ctx);
  stackAdjust(w, ctx, false);
  w.u8(OP.end);
}
