import { ValidationError } from '@polyvm/core';
import { ByteReader } from '../binary/reader.js';
import {
  IMM,
  isSupportedOp,
  OP,
  OP_MEMORY_FILL,
  OP_TABLE_INIT,
  opImmediate,
  opMaxAlign,
  opName,
  opPops,
  opPushes,
  PREFIX_FC,
} from '../module/opcodes.js';
import { F32, F64, type FuncType, I32, I64, valTypeName, type WasmModule } from '../module/types.js';
import { V8_LIMITS } from '../module/v8-limits.js';
import type { FunctionCode } from './code.js';
import type { WasmFeatures } from './features.js';

/** Operand-stack entry for a value of unknown type, after `unreachable`/`br` (validation appendix). */
const UNKNOWN = 0;
const EMPTY = new Uint8Array(0);
/** Single-result block types (encoded as one value-type byte), shared by every block. */
const SINGLE: Readonly<Record<number, Uint8Array>> = {
  [I32]: Uint8Array.of(I32),
  [I64]: Uint8Array.of(I64),
  [F32]: Uint8Array.of(F32),
  [F64]: Uint8Array.of(F64),
};
/** How many operand-stack slots a trace event shows. */
export const STACK_VIEW = 8;

/** Block kinds on the control stack. */
const FRAME_BLOCK = 0;
const FRAME_LOOP = 1;
const FRAME_IF = 2;
const FRAME_ELSE = 3;
const FRAME_FUNC = 4;

/**
 * The function-body type checker of the spec's validation appendix (A.3): an operand stack of
 * value types and a control stack of frames, one pass over the code, decoding as it goes. It also
 * records the instruction stream (`FunctionCode`) the instrumenter works from.
 */
export class FunctionValidator {
  readonly #module: WasmModule;
  readonly #features: WasmFeatures;
  readonly #globalTypes: Array<{ type: number; mutable: boolean }>;
  readonly #tableCount: number;
  readonly #memoryCount: number;
  readonly #maxLocals: number;

  #vals = new Uint8Array(1024);
  #height = 0;
  #maxHeight = 0;
  // Control frames as parallel arrays: kind, operand height at entry, unreachable flag, types.
  #kinds: number[] = [];
  #heights: number[] = [];
  #unreachable: boolean[] = [];
  #params: Uint8Array[] = [];
  #results: Uint8Array[] = [];
  #locals = new Uint8Array(64);
  #ops = new Uint16Array(1024);
  #starts = new Uint32Array(1025);
  #r = new ByteReader(new Uint8Array(0));
  #snapshots: Uint8Array | undefined;
  #blockParams: Uint8Array = EMPTY;
  #blockResults: Uint8Array = EMPTY;
  #bulk = false;

  constructor(module: WasmModule, features: WasmFeatures, maxLocals: number) {
    this.#module = module;
    this.#features = features;
    this.#maxLocals = maxLocals;
    this.#globalTypes = [];
    for (const imp of module.imports) {
      if (imp.desc.kind === 'global') this.#globalTypes.push(imp.desc.global);
    }
    for (const g of module.globals) this.#globalTypes.push(g.type);
    this.#tableCount = module.importedTables + module.tables.length;
    this.#memoryCount = module.importedMemories + module.memories.length;
  }

  #fail(message: string, at = this.#r.pos): never {
    throw new ValidationError(`${message} at byte ${at}`, { details: { offset: at, reason: message } });
  }

  /**
   * For traces: the types of the top `STACK_VIEW` operand-stack values before each instruction
   * (`STACK_VIEW` bytes per instruction, top last, 0 where the slot is empty or unknown).
   */
  stackTypes(definedIndex: number): Uint8Array {
    const count = this.validate(definedIndex).count;
    this.#snapshots = new Uint8Array(count * STACK_VIEW);
    try {
      this.validate(definedIndex);
      return this.#snapshots;
    } finally {
      this.#snapshots = undefined;
    }
  }

  validate(definedIndex: number): FunctionCode {
    const m = this.#module;
    const body = m.codes[definedIndex]!;
    const type = m.types[m.functions[definedIndex]!];
    if (type === undefined) this.#fail('unknown type', body.codeStart);
    const localCount = type.params.length + body.localCount;
    if (localCount > this.#maxLocals) this.#fail(`too many locals (${localCount})`, body.codeStart);
    if (this.#locals.length < localCount) this.#locals = new Uint8Array(localCount * 2);
    const locals = this.#locals;
    let n = 0;
    for (const p of type.params) locals[n++] = p;
    for (const group of body.locals) {
      locals.fill(group.type, n, n + group.count);
      n += group.count;
    }

    this.#r = new ByteReader(m.bytes, body.codeStart, body.codeEnd);
    this.#height = 0;
    this.#maxHeight = 0;
    this.#bulk = false;
    this.#kinds.length = this.#heights.length = this.#unreachable.length = 0;
    this.#params.length = this.#results.length = 0;
    this.#pushFrame(FRAME_FUNC, EMPTY, Uint8Array.from(type.results));
    const count = this.#run(localCount);
    return {
      count,
      ops: this.#ops.slice(0, count),
      starts: this.#starts.slice(0, count + 1),
      maxStackHeight: this.#maxHeight,
      localCount,
      hasBulkOps: this.#bulk,
    };
  }

  #run(localCount: number): number {
    const r = this.#r;
    let count = 0;
    while (this.#kinds.length > 0) {
      if (r.pos >= r.end) this.#fail('unexpected end of function body');
      if (count >= this.#ops.length) this.#grow();
      this.#starts[count] = r.pos;
      let op = r.u8();
      if (op === PREFIX_FC) {
        const sub = r.u32();
        op = sub < 0x12 ? 0x100 + sub : -1;
      }
      if (op < 0 || !isSupportedOp(op)) this.#fail(`illegal opcode`, this.#starts[count]);
      if (this.#snapshots) this.#snapshot(count);
      this.#ops[count++] = op;
      this.#instruction(op, localCount);
    }
    if (r.pos !== r.end) this.#fail('operators remaining after end of function');
    this.#starts[count] = r.pos;
    return count;
  }

  #snapshot(index: number): void {
    const n = Math.min(STACK_VIEW, this.#height);
    const base = index * STACK_VIEW + STACK_VIEW - n;
    this.#snapshots!.set(this.#vals.subarray(this.#height - n, this.#height), base);
  }

  #grow(): void {
    const ops = new Uint16Array(this.#ops.length * 2);
    ops.set(this.#ops);
    this.#ops = ops;
    const starts = new Uint32Array(ops.length + 1);
    starts.set(this.#starts);
    this.#starts = starts;
  }

  #push(t: number): void {
    if (this.#height === this.#vals.length) {
      const next = new Uint8Array(this.#vals.length * 2);
      next.set(this.#vals);
      this.#vals = next;
    }
    this.#vals[this.#height++] = t;
    if (this.#height > this.#maxHeight) this.#maxHeight = this.#height;
  }

  #pop(expect: number): number {
    const frame = this.#kinds.length - 1;
    if (this.#height === this.#heights[frame]!) {
      if (this.#unreachable[frame]) return expect;
      this.#fail(`type mismatch: expected ${valTypeName(expect)} but the stack is empty`);
    }
    const actual = this.#vals[--this.#height]!;
    if (actual !== expect && actual !== UNKNOWN && expect !== UNKNOWN) {
      this.#fail(`type mismatch: expected ${valTypeName(expect)}, found ${valTypeName(actual)}`);
    }
    return actual === UNKNOWN ? expect : actual;
  }

  #popAll(types: Uint8Array): void {
    for (let i = types.length - 1; i >= 0; i--) this.#pop(types[i]!);
  }

  #pushAll(types: Uint8Array): void {
    for (let i = 0; i < types.length; i++) this.#push(types[i]!);
  }

  #pushFrame(kind: number, params: Uint8Array, results: Uint8Array): void {
    this.#kinds.push(kind);
    this.#heights.push(this.#height);
    this.#unreachable.push(false);
    this.#params.push(params);
    this.#results.push(results);
    this.#pushAll(params);
  }

  /** Pops the innermost frame, checking the stack holds exactly its results. */
  #popFrame(): number {
    const frame = this.#kinds.length - 1;
    if (frame < 0) this.#fail('unexpected end');
    this.#popAll(this.#results[frame]!);
    if (this.#height !== this.#heights[frame]!) this.#fail('type mismatch: values remaining on the stack');
    const kind = this.#kinds.pop()!;
    this.#heights.pop();
    this.#unreachable.pop();
    this.#params.pop();
    this.#results.pop();
    return kind;
  }

  #setUnreachable(): void {
    const frame = this.#kinds.length - 1;
    this.#height = this.#heights[frame]!;
    this.#unreachable[frame] = true;
  }

  /** The types a branch to label `depth` carries: a loop's params, any other block's results. */
  #labelTypes(depth: number): Uint8Array {
    if (depth >= this.#kinds.length) this.#fail(`unknown label ${depth}`);
    const frame = this.#kinds.length - 1 - depth;
    return this.#kinds[frame] === FRAME_LOOP ? this.#params[frame]! : this.#results[frame]!;
  }

  /** Reads a block type into #blockParams/#blockResults (shared arrays: frames never mutate them). */
  #blockType(): void {
    const r = this.#r;
    const at = r.pos;
    const bt = r.s33();
    this.#blockParams = EMPTY;
    if (bt === -0x40) {
      this.#blockResults = EMPTY;
      return;
    }
    if (bt < 0) {
      // A value type is one byte (binary format 5.4.1, `blocktype`); a longer negative s33 such as
      // `ff 7f` is malformed, not an alias of i32 (the spec interpreter and V8 reject it).
      if (r.pos - at !== 1) this.#fail('malformed block type: overlong encoding', at);
      const single = SINGLE[bt + 0x80];
      if (single === undefined) this.#fail('malformed block type', at);
      this.#blockResults = single;
      return;
    }
    if (!this.#features.multiValue) this.#fail('block type index needs the multi-value feature', at);
    const type = this.#module.types[bt];
    if (type === undefined) this.#fail('unknown type', at);
    this.#blockParams = Uint8Array.from(type.params);
    this.#blockResults = Uint8Array.from(type.results);
  }

  #funcType(index: number): FuncType {
    const typeIndex = this.#module.funcTypeIndex[index];
    const type = typeIndex === undefined ? undefined : this.#module.types[typeIndex];
    if (type === undefined) this.#fail(`unknown function ${index}`);
    return type;
  }

  #requireMemory(): void {
    if (this.#memoryCount === 0) this.#fail('unknown memory 0');
  }

  #zeroByte(): void {
    if (this.#r.u8() !== 0) this.#fail('zero byte expected', this.#r.pos - 1);
  }

  #instruction(op: number, localCount: number): void {
    const r = this.#r;
    switch (op) {
      case OP.unreachable:
        this.#setUnreachable();
        return;
      case OP.block:
      case OP.loop:
      case OP.if: {
        this.#blockType();
        const params = this.#blockParams;
        const results = this.#blockResults;
        if (op === OP.if) this.#pop(I32);
        this.#popAll(params);
        this.#pushFrame(
          op === OP.block ? FRAME_BLOCK : op === OP.loop ? FRAME_LOOP : FRAME_IF,
          params,
          results,
        );
        return;
      }
      case OP.else: {
        const frame = this.#kinds.length - 1;
        if (this.#kinds[frame] !== FRAME_IF) this.#fail('else without matching if');
        const params = this.#params[frame]!;
        const results = this.#results[frame]!;
        this.#popFrame();
        this.#pushFrame(FRAME_ELSE, params, results);
        return;
      }
      case OP.end: {
        const frame = this.#kinds.length - 1;
        const params = this.#params[frame]!;
        const results = this.#results[frame]!;
        const kind = this.#popFrame();
        // An `if` without `else` has an implicit empty else branch, which must map params to results.
        if (kind === FRAME_IF && !sameTypes(params, results)) this.#fail('type mismatch: if without else');
        this.#pushAll(results);
        return;
      }
      case OP.br:
        this.#popAll(this.#labelTypes(r.u32()));
        this.#setUnreachable();
        return;
      case OP.brIf: {
        const label = r.u32();
        this.#pop(I32);
        const types = this.#labelTypes(label);
        this.#popAll(types);
        this.#pushAll(types);
        return;
      }
      case OP.brTable: {
        const at = r.pos;
        const n = r.u32();
        if (n > r.end - r.pos) r.fail('unexpected end');
        if (n > V8_LIMITS.maxBrTableTargets) {
          this.#fail(`br_table has ${n} targets, V8 allows ${V8_LIMITS.maxBrTableTargets}`, at);
        }
        const labels: number[] = [];
        for (let i = 0; i < n; i++) labels.push(r.u32());
        const fallback = this.#labelTypes(r.u32());
        this.#pop(I32);
        for (const label of labels) {
          const types = this.#labelTypes(label);
          if (types.length !== fallback.length) this.#fail('type mismatch: br_table arity');
          // Check each target against the stack without consuming it (validation appendix A.3).
          this.#popAll(types);
          this.#pushAll(types);
        }
        this.#popAll(fallback);
        this.#setUnreachable();
        return;
      }
      case OP.return:
        this.#popAll(this.#results[0]!);
        this.#setUnreachable();
        return;
      case OP.call: {
        const type = this.#funcType(r.u32());
        this.#popSig(type);
        return;
      }
      case OP.callIndirect: {
        const typeIndex = r.u32();
        const table = r.u8();
        if (table !== 0) this.#fail('zero byte expected', r.pos - 1);
        if (this.#tableCount === 0) this.#fail('unknown table 0');
        const type = this.#module.types[typeIndex];
        if (type === undefined) this.#fail(`unknown type ${typeIndex}`);
        this.#pop(I32);
        this.#popSig(type);
        return;
      }
      case OP.drop:
        this.#pop(UNKNOWN);
        return;
      case OP.select: {
        this.#pop(I32);
        const a = this.#pop(UNKNOWN);
        const b = this.#pop(a);
        this.#push(a === UNKNOWN ? b : a);
        return;
      }
      case OP.localGet:
      case OP.localSet:
      case OP.localTee: {
        const index = r.u32();
        if (index >= localCount) this.#fail(`unknown local ${index}`);
        const t = this.#locals[index]!;
        if (op !== OP.localGet) this.#pop(t);
        if (op !== OP.localSet) this.#push(t);
        return;
      }
      case OP.globalGet:
      case OP.globalSet: {
        const index = r.u32();
        const g = this.#globalTypes[index];
        if (g === undefined) this.#fail(`unknown global ${index}`);
        if (op === OP.globalGet) this.#push(g.type);
        else {
          if (!g.mutable) this.#fail('global is immutable');
          this.#pop(g.type);
        }
        return;
      }
    }
    this.#immediate(op);
    const pops = opPops[op]!;
    this.#popAll(pops);
    this.#pushAll(opPushes[op]!);
  }

  #popSig(type: FuncType): void {
    for (let i = type.params.length - 1; i >= 0; i--) this.#pop(type.params[i]!);
    for (const t of type.results) this.#push(t);
  }

  /** Reads and checks the immediates of the plain instructions (memory, constants, 0xFC ops). */
  #immediate(op: number): void {
    const r = this.#r;
    switch (opImmediate[op]) {
      case IMM.none:
        return;
      case IMM.memarg: {
        const at = r.pos;
        const align = r.u32();
        r.u32();
        this.#requireMemory();
        if (align > opMaxAlign[op]!) this.#fail('alignment must not be larger than natural', at);
        return;
      }
      case IMM.memory:
        // memory.size, memory.grow and memory.fill share the single zero memory-index byte.
        if (op === OP_MEMORY_FILL) this.#bulk = true;
        this.#zeroByte();
        this.#requireMemory();
        return;
      case IMM.i32:
        r.s32();
        return;
      case IMM.i64:
        r.skipS64();
        return;
      case IMM.f32:
        r.skip(4);
        return;
      case IMM.f64:
        r.skip(8);
        return;
      case IMM.memoryInit:
        this.#bulk = true;
        this.#dataIndex();
        this.#zeroByte();
        this.#requireMemory();
        return;
      case IMM.data:
        this.#dataIndex();
        return;
      case IMM.memoryCopy:
        this.#bulk = true;
        this.#zeroByte();
        this.#zeroByte();
        this.#requireMemory();
        return;
      case IMM.tableInit:
      case IMM.elem: {
        const index = r.u32();
        if (index >= this.#module.elements.length) this.#fail(`unknown elem segment ${index}`);
        if (op === OP_TABLE_INIT) {
          this.#bulk = true;
          this.#table(r.u32());
        }
        return;
      }
      case IMM.tableCopy:
        this.#bulk = true;
        this.#table(r.u32());
        this.#table(r.u32());
        return;
      default:
        this.#fail(`unexpected immediate for ${opName[op]}`);
    }
  }

  #dataIndex(): void {
    const index = this.#r.u32();
    if (this.#module.dataCount === undefined) this.#fail('data count section required');
    if (index >= this.#module.dataCount) this.#fail(`unknown data segment ${index}`);
  }

  #table(index: number): void {
    if (index >= this.#tableCount) this.#fail(`unknown table ${index}`);
  }
}

function sameTypes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
