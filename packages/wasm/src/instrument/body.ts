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
   * The i64 parameter the body counts gas in (a register, where the global is a memory access).
   * Internal calls pass it to the callee and take the callee's counter back as an extra result
   * (`internalType`); it is written to the global before host and indirect calls, and before an
   * out-of-gas trap, and loaded back after host and indirect calls.
   */
  gasLocal: number;
  /** The i32 parameter holding the stack height of the callers, plus this frame after the entry check. */
  heightLocal: number;
  /** Declared parameters: local indices from here on move past the two added parameters. */
  paramCount: number;
  /** Calls to function indices below this go to imports (host functions), which read the globals. */
  importedFunctions: number;
  stackGlobal: number;
  maxStackHeight: number;
  /** Stack-limiter cost of this function's frame. */
  frameCost: number;
  /** Index of the scratch i32 local for bulk-memory charges (-1 when the body has none). */
  scratchLocal: number;
  /** Scratch i32 local saving the stack global around `call_indirect` (-1 when the body has none). */
  indirectLocal: number;
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

/** Per-function segment costs, br_if refunds and merge points, reused across functions (single-threaded). */
let scratch = new Float64Array(1024);
let refunds = new Float64Array(1024);
let merges = new Uint8Array(1024);

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

/** An unsigned LEB128 immediate of already validated code. */
function readU32(bytes: Uint8Array, at: number): number {
  let result = 0;
  for (let shift = 0; ; shift += 7) {
    const b = bytes[at++]!;
    result |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) return result >>> 0;
  }
}

function skipU32(bytes: Uint8Array, at: number): number {
  while ((bytes[at++]! & 0x80) !== 0);
  return at;
}

const KIND_BLOCK = 1;
const KIND_LOOP = 2;
const KIND_IF = 3;

/**
 * Marks (out[i] = 1) the segment ends after which the next segment can join the current chain of
 * prepaid segments, because nothing but falling through reaches it:
 * - a `br_if` to a `block` without results (a forward exit: the taken branch is refunded);
 * - the `end` of a `loop` (branches go to its start);
 * - the `end` of a `block` that no branch targets.
 * A br_if back to a loop never merges: the back-edge is the common path.
 */
function mergePoints(bytes: Uint8Array, code: FunctionCode, out: Uint8Array): void {
  const { ops, starts, count } = code;
  const openers: number[] = [];
  const kinds: number[] = [];
  const empty: boolean[] = [];
  const targeted = new Uint8Array(count);
  const frameOf = (label: number) => openers.length - 1 - label;
  for (let i = 0; i < count; i++) {
    const op = ops[i]!;
    if (op === OP.block || op === OP.loop || op === OP.if) openers.push(i);
    else if (op === OP.end) openers.pop();
    else if (op === OP.br || op === OP.brIf) {
      const f = frameOf(readU32(bytes, starts[i]! + 1));
      if (f >= 0) targeted[openers[f]!] = 1;
    } else if (op === OP.brTable) {
      let at = starts[i]! + 1;
      const n = readU32(bytes, at);
      at = skipU32(bytes, at);
      for (let k = 0; k <= n; k++) {
        const f = frameOf(readU32(bytes, at));
        at = skipU32(bytes, at);
        if (f >= 0) targeted[openers[f]!] = 1;
      }
    }
  }
  openers.length = 0;
  for (let i = 0; i < count; i++) {
    const op = ops[i]!;
    out[i] = 0;
    if (op === OP.block || op === OP.loop || op === OP.if) {
      openers.push(i);
      kinds.push(op === OP.block ? KIND_BLOCK : op === OP.loop ? KIND_LOOP : KIND_IF);
      empty.push(bytes[starts[i]! + 1] === 0x40);
    } else if (op === OP.end) {
      const opener = openers.pop();
      const kind = kinds.pop();
      empty.pop();
      if (opener !== undefined && (kind === KIND_LOOP || (kind === KIND_BLOCK && targeted[opener] === 0))) {
        out[i] = 1;
      }
    } else if (op === OP.brIf) {
      const f = frameOf(readU32(bytes, starts[i]! + 1));
      if (f >= 0 && kinds[f] === KIND_BLOCK && empty[f]) out[i] = 1;
    }
  }
}

/**
 * Landing pads for the br_ifs that leave a chain early (`refunds[i] > 0`): each target block gets
 * one empty block per distinct refund, opened right inside it; the br_if branches to its pad,
 * which adds the refund to the counter and goes on to the block's end. The loop keeps plain
 * `br_if`s, so V8 compiles it as it would the uninstrumented one.
 * `padsOf`: opener index → refunds, outermost pad first; `padOf[i]`: the pad of br_if `i`;
 * `openerOf[i]`: the opener of the frame `end` `i` closes.
 */
function landingPads(
  bytes: Uint8Array,
  code: FunctionCode,
  refunds: Float64Array,
): { padsOf: Map<number, number[]>; padOf: Int32Array; openerOf: Int32Array } {
  const { ops, starts, count } = code;
  const padsOf = new Map<number, number[]>();
  const padOf = new Int32Array(count);
  const openerOf = new Int32Array(count);
  const openers: number[] = [];
  for (let i = 0; i < count; i++) {
    const op = ops[i]!;
    if (op === OP.block || op === OP.loop || op === OP.if) openers.push(i);
    else if (op === OP.end) openerOf[i] = openers.pop() ?? -1;
    else if (op === OP.brIf && refunds[i]! > 0) {
      const target = openers[openers.length - 1 - readU32(bytes, starts[i]! + 1)]!;
      let pads = padsOf.get(target);
      if (!pads) padsOf.set(target, (pads = []));
      let k = pads.indexOf(refunds[i]!);
      if (k < 0) k = pads.push(refunds[i]!) - 1;
      padOf[i] = k;
    }
  }
  return { padsOf, padOf, openerOf };
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

/** local → global: before host and indirect calls and before an out-of-gas trap. */
function syncOut(w: ByteWriter, ctx: BodyContext): void {
  w.u8(OP.localGet).u32(ctx.gasLocal).u8(OP.globalSet).u32(ctx.gasGlobal);
}

/** global → local: after host and indirect calls (the host function or callee charged the global). */
function syncIn(w: ByteWriter, ctx: BodyContext): void {
  w.u8(OP.globalGet).u32(ctx.gasGlobal).u8(OP.localSet).u32(ctx.gasLocal);
}

/**
 * The stack limiter on entry: the height parameter grows by this frame's cost and the call traps
 * past the limit. The height goes to the global before the trap, so the host can tell a stack
 * overflow from other traps; nothing is undone on exit, as the callers keep their own height.
 */
function stackEnter(w: ByteWriter, ctx: BodyContext): void {
  w.u8(OP.localGet).u32(ctx.heightLocal).u8(OP.i32Const).s32(ctx.frameCost).u8(OP.i32Add);
  w.u8(OP.localTee).u32(ctx.heightLocal).u8(OP.i32Const).s32(ctx.maxStackHeight).u8(OP.i32GtU);
  w.u8(OP.if).u8(EMPTY_BLOCK);
  w.u8(OP.localGet).u32(ctx.heightLocal).u8(OP.globalSet).u32(ctx.stackGlobal);
  w.u8(OP.unreachable).u8(OP.end);
}

/** Whether instruction `i` is a `call` to a function of this module (not an import). */
function isInternalCall(bytes: Uint8Array, code: FunctionCode, i: number, ctx: BodyContext): boolean {
  return code.ops[i] === OP.call && readU32(bytes, code.starts[i]! + 1) >= ctx.importedFunctions;
}

function isLocalOp(op: number): boolean {
  return op === OP.localGet || op === OP.localSet || op === OP.localTee;
}

/**
 * Re-emits one function body with metering:
 * - a gas charge at the head of every chain of straight-line segments, costing the sum of its
 *   instructions: segments end after loop/if/else/end and every branch, so each branch target
 *   starts one, and segments only fallen into are prepaid by the chain before them (see
 *   `mergePoints`), a br_if leaving the chain early refunding the rest. Completed runs cost
 *   exactly the per-segment gas; a run may run out of gas up to one chain earlier;
 * - a per-byte charge before each bulk memory/table operation, read from its length operand;
 * - optionally, NaN canonicalization after each float instruction that can produce a NaN;
 * - the counter and the stack height in added parameters (see `BodyContext.gasLocal`), passed
 *   along internal calls and synced with the globals around host and indirect calls;
 * - the stack-height limiter: the frame cost is added on entry, trapping past the limit. The body
 *   is wrapped in a block so that `return` (rewritten to a branch to it) and branches to the
 *   function label all leave through the single epilogue, which returns the counter.
 */
export function instrumentBody(w: ByteWriter, bytes: Uint8Array, code: FunctionCode, ctx: BodyContext): void {
  const { ops, starts, count } = code;
  if (scratch.length < count) {
    scratch = new Float64Array(count * 2);
    refunds = new Float64Array(count * 2);
    merges = new Uint8Array(count * 2);
  }
  const segmentCost = scratch;
  segmentCost.fill(0, 0, count);
  refunds.fill(0, 0, count);
  mergePoints(bytes, code, merges);
  // Chains of segments are charged once at their head (function entry, loop header, branch
  // target); a br_if that leaves a chain early gives back what the chain charged beyond it.
  let head = 0;
  let chainStart = 0;
  const closeChain = (end: number) => {
    const total = segmentCost[head]!;
    // refunds[k] holds 1 + what the chain had charged up to br_if k; it becomes the rest.
    for (let k = chainStart; k < end; k++) if (refunds[k]! > 0) refunds[k] = total - (refunds[k]! - 1);
  };
  for (let i = 0; i < count; i++) {
    const op = ops[i]!;
    segmentCost[head]! += ctx.opCost[op]!;
    if (!endsSegment(op)) continue;
    if (merges[i] === 1) {
      if (op === OP.brIf) refunds[i] = segmentCost[head]! + 1;
      continue;
    }
    closeChain(i + 1);
    head = i + 1;
    chainStart = i + 1;
  }
  closeChain(count);
  const { padsOf, padOf, openerOf } = landingPads(bytes, code, refunds);
  const padded = padsOf.size > 0;
  /** Landing pads of each open frame (index 0: the wrapper block), innermost last. */
  const framePads: number[] = [0];
  /** A branch label of the original code, shifted past the landing pads it now crosses. */
  const relabel = (label: number): number => {
    let shifted = label;
    for (let f = framePads.length - 1 - label; f < framePads.length; f++) shifted += framePads[f]!;
    return shifted;
  };

  stackEnter(w, ctx);
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
        const next = starts[i + 1]!;
        if (isInternalCall(bytes, code, i, ctx)) {
          // The counter and the height travel as arguments; the counter comes back as the last result.
          w.u8(OP.localGet).u32(ctx.gasLocal).u8(OP.localGet).u32(ctx.heightLocal);
          w.range(bytes, start, next);
          w.u8(OP.localSet).u32(ctx.gasLocal);
        } else if (op === OP.callIndirect) {
          // Tables hold the entry wrappers, which read both counters from the globals.
          syncOut(w, ctx);
          w.u8(OP.globalGet).u32(ctx.stackGlobal).u8(OP.localSet).u32(ctx.indirectLocal);
          w.u8(OP.localGet).u32(ctx.heightLocal).u8(OP.globalSet).u32(ctx.stackGlobal);
          w.range(bytes, start, next);
          w.u8(OP.localGet).u32(ctx.indirectLocal).u8(OP.globalSet).u32(ctx.stackGlobal);
          syncIn(w, ctx);
        } else {
          syncOut(w, ctx);
          w.range(bytes, start, next);
          syncIn(w, ctx);
        }
        copied = next;
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
        w.u8(OP.br).u32(relabel(depth));
        copied = starts[i + 1]!;
      }
    }
    if (op === OP.brIf && refunds[i]! > 0) {
      // The taken exit lands on its pad, which gives back the prepaid rest (`landingPads`).
      w.range(bytes, copied, start);
      const label = readU32(bytes, start + 1);
      w.u8(OP.brIf).u32(relabel(label) - padOf[i]! - 1);
      copied = starts[i + 1]!;
    } else if (padded && (op === OP.br || op === OP.brIf || op === OP.brTable)) {
      w.range(bytes, copied, start);
      w.u8(op);
      let at = start + 1;
      if (op === OP.brTable) {
        const n = readU32(bytes, at);
        w.u32(n);
        at = skipU32(bytes, at);
        for (let k = 0; k < n; k++, at = skipU32(bytes, at)) w.u32(relabel(readU32(bytes, at)));
      }
      w.u32(relabel(readU32(bytes, at)));
      copied = starts[i + 1]!;
    }
    if (op === OP.block || op === OP.loop || op === OP.if) {
      depth++;
      const refundsHere = padsOf.get(i);
      framePads.push(refundsHere?.length ?? 0);
      if (refundsHere) {
        const next = starts[i + 1]!;
        w.range(bytes, copied, next);
        copied = next;
        for (let k = 0; k < refundsHere.length; k++) w.u8(OP.block).u8(EMPTY_BLOCK);
      }
    } else if (op === OP.end) {
      depth--;
      const pads = framePads.pop()!;
      if (pads > 0) {
        // Falling through skips the pads; pad k (innermost first) refunds, then leaves to the block's end.
        w.range(bytes, copied, start);
        copied = start;
        const refundsHere = padsOf.get(openerOf[i]!)!;
        w.u8(OP.br).u32(pads);
        for (let k = pads - 1; k >= 0; k--) {
          w.u8(OP.end);
          w.u8(OP.localGet).u32(ctx.gasLocal).u8(OP.i64Const).s64Number(refundsHere[k]!);
          w.u8(OP.i64Add).u8(OP.localSet).u32(ctx.gasLocal);
          if (k > 0) w.u8(OP.br).u32(k);
        }
      }
    } else if (isLocalOp(op)) {
      const local = readU32(bytes, start + 1);
      if (local >= ctx.paramCount) {
        // Declared locals come after the two added parameters.
        w.range(bytes, copied, start);
        w.u8(op).u32(local + 2);
        copied = starts[i + 1]!;
      }
    } else if (ctx.f32Local >= 0 && op < 0x100 && NAN_RESULT[op] !== 0) {
      const next = starts[i + 1]!;
      w.range(bytes, copied, next);
      copied = next;
      canonicalize(w, NAN_RESULT[op]!, ctx);
    }
  }
  // The final `end` closes the wrapper block; the epilogue and a new `end` close the function.
  w.range(bytes, copied, starts[count]!);
  w.u8(OP.localGet).u32(ctx.gasLocal).u8(OP.end);
}
