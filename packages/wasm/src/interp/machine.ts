import type { StepEvent, Tracer } from '@polyvm/core';
import '../engine/webassembly.js';
import { frameCost, GAS_EXPORT, type InstrumentOptions, STACK_EXPORT } from '../instrument/options.js';
import { functionNames } from '../module/names.js';
import {
  OP,
  OP_DATA_DROP,
  OP_ELEM_DROP,
  OP_MEMORY_COPY,
  OP_MEMORY_FILL,
  OP_MEMORY_INIT,
  OP_TABLE_COPY,
  OP_TABLE_INIT,
  opName,
} from '../module/opcodes.js';
import { F32, F64, type FuncType, I32, I64, type WasmModule } from '../module/types.js';
import type { FunctionCode } from '../validate/code.js';
import { FunctionValidator, STACK_VIEW } from '../validate/function.js';
import { decodeForInterpreter, type InterpCode } from './code.js';
import { checkImport, type FuncRef, InterpTable, linkInfo, sameType, tag } from './link.js';
import * as N from './numeric.js';
import { TrapError } from './numeric.js';

/** i32 as int32 number, i64 as signed bigint, f32 as uint32 bits, f64 as uint64 bits. */
export type Value = number | bigint;
type HostFunction = (...args: never[]) => unknown;

const PAGE = 65_536;
const TWO32 = 4294967296;
const I64_MIN = -(2n ** 63n);

export interface InterpreterOptions {
  metering: InstrumentOptions;
  tracer?: Tracer;
  runtime?: string;
}

/**
 * A pure-TypeScript WebAssembly interpreter over the validator's pre-decoded instruction stream,
 * for per-instruction traces. It charges the same per-instruction costs and frame costs as the
 * instrumented module (so a completed run uses the same gas) and exposes the same counter exports,
 * so the NEAR/CosmWasm hosts work unchanged. It is the teaching path, not the fast path.
 */
export class Interpreter {
  readonly module: WasmModule;
  readonly exports: WebAssembly.Exports = {};
  readonly #codes: InterpCode[];
  /** The stack limiter's cost of each function's frame, as the instrumenter computes it. */
  readonly #frameCosts: number[];
  readonly #funcs: FuncRef[] = [];
  readonly #globals: Array<{ type: number; value: Value; host?: WebAssembly.Global }> = [];
  #table = new InterpTable(0, 0);
  readonly #dataDropped: boolean[];
  readonly #elemDropped: boolean[];
  readonly #metering: InstrumentOptions;
  readonly #tracer: Tracer | undefined;
  readonly #runtime: string;
  #memory: WebAssembly.Memory | undefined;
  #view = new DataView(new ArrayBuffer(0));
  #bytes = new Uint8Array(0);
  readonly #gasGlobal = new WebAssembly.Global({ value: 'i64', mutable: true }, 0n);
  readonly #stackGlobal = new WebAssembly.Global({ value: 'i32', mutable: true }, 0);
  #names: string[] | undefined;
  #validator: FunctionValidator | undefined;
  readonly #stackTypes: Uint8Array[] = [];
  #gas = 0;
  #stackHeight = 0;
  #depth = 0;

  constructor(
    module: WasmModule,
    codes: FunctionCode[],
    imports: WebAssembly.Imports,
    options: InterpreterOptions,
  ) {
    this.module = module;
    this.#metering = options.metering;
    this.#tracer = options.tracer;
    this.#runtime = options.runtime ?? 'wasm';
    this.#codes = codes.map((c, i) => decodeForInterpreter(module, i, c));
    this.#frameCosts = codes.map((c) => frameCost(c.localCount, c.maxStackHeight));
    for (const imp of module.imports) {
      const value = imports[imp.module]?.[imp.name];
      const what = `${imp.module}.${imp.name}`;
      if (value === undefined) throw new WebAssembly.LinkError(`unknown import ${what}`);
      const type = imp.desc.kind === 'func' ? module.types[imp.desc.typeIndex]! : undefined;
      checkImport(what, imp.desc, value, type);
      if (imp.desc.kind === 'func') {
        this.#funcs.push(linkInfo<FuncRef>(value) ?? this.#hostRef(value as HostFunction, type!));
      } else if (imp.desc.kind === 'memory') {
        this.#setMemory(value as WebAssembly.Memory);
      } else if (imp.desc.kind === 'global') {
        const g = value as WebAssembly.Global;
        this.#globals.push({
          type: imp.desc.global.type,
          value: fromJs(imp.desc.global.type, g.value),
          host: g,
        });
      } else {
        this.#table = value as unknown as InterpTable;
      }
    }
    for (let i = 0; i < module.functions.length; i++) {
      const index = module.importedFunctions + i;
      this.#funcs.push({
        type: this.funcType(index),
        owner: this,
        index: i,
        call: (args) => this.invokeRaw(index, args),
      });
    }
    for (const g of module.globals) {
      const init = g.init;
      const value =
        init.opcode === OP.globalGet
          ? this.#globalValue(init.value as number)
          : constValue(init.opcode, init.value);
      this.#globals.push({ type: g.type.type, value });
    }
    const mem = module.memories[0];
    if (mem) {
      const cap = this.#metering.maxMemoryPages;
      const max = cap === undefined ? mem.max : Math.min(mem.max ?? cap, cap);
      const memory = new WebAssembly.Memory({
        initial: mem.min,
        ...(max === undefined ? {} : { maximum: max }),
      });
      this.#setMemory(tag(memory, { max }));
    }
    const table = module.tables[0];
    if (table) this.#table = new InterpTable(table.min, table.max);
    this.#dataDropped = module.data.map(() => false);
    this.#elemDropped = module.elements.map(() => false);
    this.#initSegments();
    this.#buildExports();
  }

  #setMemory(memory: WebAssembly.Memory): void {
    this.#memory = memory;
    this.#refreshMemory();
  }

  #refreshMemory(): void {
    if (this.#memory && this.#view.buffer !== this.#memory.buffer) {
      this.#view = new DataView(this.#memory.buffer);
      this.#bytes = new Uint8Array(this.#memory.buffer);
    }
  }

  #globalValue(index: number): Value {
    const g = this.#globals[index]!;
    return g.host ? fromJs(g.type, g.host.value) : g.value;
  }

  /** Active segments in order, trapping at the first out-of-bounds one (bulk-memory semantics). */
  #initSegments(): void {
    this.module.elements.forEach((seg, i) => {
      if (seg.mode !== 'active') return;
      const offset = this.#constI32(seg.offset!);
      if (offset + seg.functions.length > this.#table.elements.length)
        throw new TrapError('out of bounds table access');
      seg.functions.forEach((f, k) => {
        this.#table.elements[offset + k] = this.#funcs[f];
      });
      this.#elemDropped[i] = true;
    });
    this.module.data.forEach((seg, i) => {
      if (seg.mode !== 'active') return;
      const offset = this.#constI32(seg.offset!);
      if (offset + seg.bytes.length > this.#bytes.length) throw new TrapError('out of bounds memory access');
      this.#bytes.set(seg.bytes, offset);
      this.#dataDropped[i] = true;
    });
  }

  #constI32(expr: { opcode: number; value: number | bigint }): number {
    const v = expr.opcode === OP.globalGet ? this.#globalValue(expr.value as number) : expr.value;
    return (v as number) >>> 0;
  }

  #buildExports(): void {
    for (const e of this.module.exports) {
      if (e.kind === 'func') {
        const ref = this.#funcs[e.index]!;
        this.exports[e.name] = tag((...args: Value[]) => this.invoke(e.index, args), ref);
      } else if (e.kind === 'table') this.exports[e.name] = this.#table as unknown as WebAssembly.Table;
      else if (e.kind === 'memory' && this.#memory) this.exports[e.name] = this.#memory;
      else if (e.kind === 'global') this.exports[e.name] = this.#exportGlobal(e.index);
    }
    this.exports[GAS_EXPORT] = this.#gasGlobal;
    this.exports[STACK_EXPORT] = this.#stackGlobal;
  }

  /** Exported globals become host-visible Global objects that the cell then reads through. */
  #exportGlobal(index: number): WebAssembly.Global {
    const cell = this.#globals[index]!;
    if (cell.host) return cell.host;
    const mutable =
      index < this.module.importedGlobals ||
      this.module.globals[index - this.module.importedGlobals]!.type.mutable;
    const global = new WebAssembly.Global(
      { value: typeName(cell.type), mutable },
      toJs(cell.type, cell.value),
    );
    cell.host = tag(global, { type: cell.type, mutable });
    return cell.host;
  }

  /** Calls function `index` with values in the interpreter's bit-pattern representation. */
  invokeRaw(index: number, args: Value[]): Value[] {
    this.#gas = Number(this.#gasGlobal.value as bigint);
    if (this.#depth === 0) this.#stackHeight = this.#stackGlobal.value as number;
    // A shared memory may have grown through another instance since this one last ran.
    this.#refreshMemory();
    try {
      return this.#call(index, args);
    } finally {
      this.#publish();
    }
  }

  funcType(index: number): FuncType {
    return this.module.types[this.module.funcTypeIndex[index]!]!;
  }

  /** Calls function `index` from the host: JS values in (i64 as bigint), JS values out. */
  invoke(index: number, args: Value[]): unknown {
    const type = this.funcType(index);
    // The counters' globals are authoritative whenever control is outside the interpreter loop
    // (the host may have charged gas, possibly from inside a host call that re-entered the guest).
    this.#gas = Number(this.#gasGlobal.value as bigint);
    if (this.#depth === 0) this.#stackHeight = this.#stackGlobal.value as number;
    // A shared memory may have grown through another instance since this one last ran.
    this.#refreshMemory();
    try {
      const results = this.#call(
        index,
        type.params.map((t, i) => fromJs(t, args[i])),
      );
      return results.length === 0 ? undefined : toJs(type.results[0]!, results[0]!);
    } finally {
      this.#publish();
    }
  }

  #publish(): void {
    this.#gasGlobal.value = BigInt(this.#gas);
    this.#stackGlobal.value = this.#stackHeight;
  }

  #call(index: number, args: Value[]): Value[] {
    return this.#callRef(this.#funcs[index]!, args);
  }

  /** Own functions run in this loop; host functions and other instances' go through `call`. */
  #callRef(ref: FuncRef, args: Value[]): Value[] {
    if (ref.owner === this) return this.#run(ref.index, args);
    if (ref.owner === undefined) return ref.call(args);
    this.#publish();
    try {
      return ref.call(args);
    } finally {
      this.#gas = Number(this.#gasGlobal.value as bigint);
      this.#refreshMemory();
    }
  }

  #hostRef(fn: HostFunction, type: FuncType): FuncRef {
    return { type, owner: undefined, index: -1, call: (args) => this.#callHost(fn, type, args) };
  }

  #callHost(fn: HostFunction, type: FuncType, args: Value[]): Value[] {
    this.#publish();
    const result = (fn as (...a: unknown[]) => unknown)(...type.params.map((t, i) => toJs(t, args[i]!)));
    this.#gas = Number(this.#gasGlobal.value as bigint);
    this.#refreshMemory();
    return type.results.length === 0 ? [] : [fromJs(type.results[0]!, result)];
  }

  #charge(cost: number): void {
    this.#gas -= cost;
    if (this.#gas < 0) {
      this.#publish();
      throw new TrapError('out of gas', 'out-of-gas');
    }
  }

  /** The top of the operand stack with its static types (from a re-run of the validator). */
  #stackView(func: number, pc: number, stack: Value[]): string[] {
    this.#validator ??= new FunctionValidator(this.module, { multiValue: true }, Number.MAX_SAFE_INTEGER);
    const types = (this.#stackTypes[func] ??= this.#validator.stackTypes(func));
    const n = Math.min(STACK_VIEW, stack.length);
    const out: string[] = [];
    for (let k = 0; k < n; k++) {
      const type = types[pc * STACK_VIEW + STACK_VIEW - n + k]!;
      out.push(formatValue(type, stack[stack.length - n + k]!));
    }
    return out;
  }

  #trace(code: InterpCode, pc: number, func: number, stack: Value[]): void {
    const op = code.ops[pc]!;
    const event: StepEvent = {
      runtime: this.#runtime,
      depth: this.#depth - 1,
      pc: code.starts[pc]!,
      op: opName[op]!,
      gasBefore: this.#gas,
      gasCost: this.#metering.opCost[op]!,
      stack: this.#stackView(func, pc, stack),
      location: (this.#names ??= functionNames(this.module))[this.module.importedFunctions + func]!,
      memorySize: this.#bytes.length,
    };
    this.#tracer!(event);
  }

  #run(func: number, args: Value[]): Value[] {
    const code = this.#codes[func]!;
    const cost = this.#frameCosts[func]!;
    this.#stackHeight += cost;
    if (this.#stackHeight > this.#metering.maxStackHeight) {
      this.#publish();
      throw new TrapError('call stack exhausted', 'exhaustion');
    }
    this.#depth++;
    try {
      return this.#loop(func, code, args);
    } finally {
      this.#depth--;
      this.#stackHeight -= cost;
    }
  }

  #loop(func: number, code: InterpCode, args: Value[]): Value[] {
    const { ops, imm, imm2, arity } = code;
    const locals: Value[] = new Array(code.localTypes.length);
    for (let i = 0; i < locals.length; i++)
      locals[i] = i < args.length ? args[i]! : zero(code.localTypes[i]!);
    const stack: Value[] = [];
    // Label stack: continuation pc, operand height, arity, and whether it is a loop.
    const labelPc: number[] = [];
    const labelHeight: number[] = [];
    const labelArity: number[] = [];
    const results = this.funcType(this.module.importedFunctions + func).results.length;
    const opCost = this.#metering.opCost;
    let pc = 0;

    const branch = (depth: number): boolean => {
      if (depth >= labelPc.length) return true;
      const target = labelPc.length - 1 - depth;
      const n = labelArity[target]!;
      const kept = stack.splice(stack.length - n, n);
      stack.length = labelHeight[target]!;
      stack.push(...kept);
      const isLoop = ops[labelPc[target]!] === OP.loop;
      pc = isLoop ? labelPc[target]! + 1 : (imm[labelPc[target]!] as number) + 1;
      labelPc.length = labelHeight.length = labelArity.length = isLoop ? target + 1 : target;
      return false;
    };

    for (;;) {
      const op = ops[pc]!;
      if (this.#tracer) this.#trace(code, pc, func, stack);
      this.#charge(opCost[op]!);
      switch (op) {
        case OP.unreachable:
          throw new TrapError('unreachable');
        case 0x01:
          break;
        case OP.block:
        case OP.loop:
          labelPc.push(pc);
          labelHeight.push(stack.length);
          labelArity.push(op === OP.loop ? 0 : arity[pc]!);
          break;
        case OP.if: {
          const cond = stack.pop() as number;
          labelPc.push(pc);
          labelHeight.push(stack.length);
          labelArity.push(arity[pc]!);
          if (cond === 0) {
            const elsePc = imm2[pc]!;
            if (elsePc >= 0) pc = elsePc + 1;
            else {
              // No else: skip the then-branch and its `end`, which the metered segment also skips.
              pc = (imm[pc] as number) + 1;
              labelPc.pop();
              labelHeight.pop();
              labelArity.pop();
            }
            continue;
          }
          break;
        }
        case OP.else:
          // The then-branch is done: leave the if past its `end` (not executed on this path).
          pc = (imm[labelPc.pop()!] as number) + 1;
          labelHeight.pop();
          labelArity.pop();
          continue;
        case OP.end:
          if (labelPc.length === 0) return stack.slice(stack.length - results);
          labelPc.pop();
          labelHeight.pop();
          labelArity.pop();
          break;
        case OP.br:
          if (branch(imm[pc] as number)) return stack.slice(stack.length - results);
          continue;
        case OP.brIf:
          if ((stack.pop() as number) !== 0) {
            if (branch(imm[pc] as number)) return stack.slice(stack.length - results);
            continue;
          }
          break;
        case OP.brTable: {
          const labels = code.brTables.get(pc)!;
          const i = (stack.pop() as number) >>> 0;
          const depth = labels[Math.min(i, labels.length - 1)]!;
          if (branch(depth)) return stack.slice(stack.length - results);
          continue;
        }
        case OP.return:
          return stack.slice(stack.length - results);
        case OP.call: {
          const callee = imm[pc] as number;
          const n = this.funcType(callee).params.length;
          const callArgs = stack.splice(stack.length - n, n);
          stack.push(...this.#call(callee, callArgs));
          break;
        }
        case OP.callIndirect: {
          const type = this.module.types[imm[pc] as number]!;
          const i = (stack.pop() as number) >>> 0;
          const elements = this.#table.elements;
          if (i >= elements.length) throw new TrapError('undefined element');
          const target = elements[i];
          if (!target) throw new TrapError('uninitialized element');
          if (!sameType(target.type, type)) throw new TrapError('indirect call type mismatch');
          const callArgs = stack.splice(stack.length - type.params.length, type.params.length);
          stack.push(...this.#callRef(target, callArgs));
          break;
        }
        case OP.drop:
          stack.pop();
          break;
        case OP.select: {
          const c = stack.pop() as number;
          const b = stack.pop()!;
          const a = stack.pop()!;
          stack.push(c !== 0 ? a : b);
          break;
        }
        case OP.localGet:
          stack.push(locals[imm[pc] as number]!);
          break;
        case OP.localSet:
          locals[imm[pc] as number] = stack.pop()!;
          break;
        case OP.localTee:
          locals[imm[pc] as number] = stack[stack.length - 1]!;
          break;
        case OP.globalGet:
          stack.push(this.#globalValue(imm[pc] as number));
          break;
        case OP.globalSet: {
          const g = this.#globals[imm[pc] as number]!;
          const v = stack.pop()!;
          if (g.host) g.host.value = toJs(g.type, v);
          else g.value = v;
          break;
        }
        default:
          this.#plain(op, imm[pc]!, stack);
      }
      pc++;
    }
  }

  #address(stack: Value[], offset: number, size: number): number {
    const ea = ((stack.pop() as number) >>> 0) + offset;
    if (ea + size > this.#bytes.length) throw new TrapError('out of bounds memory access');
    return ea;
  }

  /** Memory, numeric and bulk instructions: fixed signatures, no control flow. */
  #plain(op: number, a: number | bigint, s: Value[]): void {
    const v = this.#view;
    const off = a as number;
    switch (op) {
      case 0x28:
        s.push(v.getInt32(this.#address(s, off, 4), true));
        return;
      case 0x29:
        s.push(v.getBigInt64(this.#address(s, off, 8), true));
        return;
      case 0x2a:
        s.push(v.getUint32(this.#address(s, off, 4), true));
        return;
      case 0x2b:
        s.push(v.getBigUint64(this.#address(s, off, 8), true));
        return;
      case 0x2c:
        s.push(v.getInt8(this.#address(s, off, 1)));
        return;
      case 0x2d:
        s.push(v.getUint8(this.#address(s, off, 1)));
        return;
      case 0x2e:
        s.push(v.getInt16(this.#address(s, off, 2), true));
        return;
      case 0x2f:
        s.push(v.getUint16(this.#address(s, off, 2), true));
        return;
      case 0x30:
        s.push(BigInt(v.getInt8(this.#address(s, off, 1))));
        return;
      case 0x31:
        s.push(BigInt(v.getUint8(this.#address(s, off, 1))));
        return;
      case 0x32:
        s.push(BigInt(v.getInt16(this.#address(s, off, 2), true)));
        return;
      case 0x33:
        s.push(BigInt(v.getUint16(this.#address(s, off, 2), true)));
        return;
      case 0x34:
        s.push(BigInt(v.getInt32(this.#address(s, off, 4), true)));
        return;
      case 0x35:
        s.push(BigInt(v.getUint32(this.#address(s, off, 4), true)));
        return;
      case 0x36: {
        const x = s.pop() as number;
        v.setInt32(this.#address(s, off, 4), x, true);
        return;
      }
      case 0x37: {
        const x = s.pop() as bigint;
        v.setBigInt64(this.#address(s, off, 8), x, true);
        return;
      }
      case 0x38: {
        const x = s.pop() as number;
        v.setUint32(this.#address(s, off, 4), x, true);
        return;
      }
      case 0x39: {
        const x = s.pop() as bigint;
        v.setBigUint64(this.#address(s, off, 8), x, true);
        return;
      }
      case 0x3a: {
        const x = s.pop() as number;
        v.setUint8(this.#address(s, off, 1), x & 0xff);
        return;
      }
      case 0x3b: {
        const x = s.pop() as number;
        v.setUint16(this.#address(s, off, 2), x & 0xffff, true);
        return;
      }
      case 0x3c: {
        const x = s.pop() as bigint;
        v.setUint8(this.#address(s, off, 1), Number(x & 0xffn));
        return;
      }
      case 0x3d: {
        const x = s.pop() as bigint;
        v.setUint16(this.#address(s, off, 2), Number(x & 0xffffn), true);
        return;
      }
      case 0x3e: {
        const x = s.pop() as bigint;
        v.setUint32(this.#address(s, off, 4), Number(x & 0xffffffffn), true);
        return;
      }
      case 0x3f:
        s.push(this.#bytes.length / PAGE);
        return;
      case 0x40:
        s.push(this.#grow(s.pop() as number));
        return;
      case OP.i32Const:
      case OP.i64Const:
      case OP.f32Const:
      case OP.f64Const:
        s.push(a);
        return;
    }
    if ((op >= 0x45 && op <= 0x4f) || (op >= 0x67 && op <= 0x78)) i32Op(op, s);
    else if ((op >= 0x50 && op <= 0x5a) || (op >= 0x79 && op <= 0x8a)) i64Op(op, s);
    else if ((op >= 0x5b && op <= 0x60) || (op >= 0x8b && op <= 0x98)) f32Op(op, s);
    else if ((op >= 0x61 && op <= 0x66) || (op >= 0x99 && op <= 0xa6)) f64Op(op, s);
    else if ((op >= 0xa7 && op <= 0xc4) || (op >= 0x100 && op <= 0x107)) convert(op, s);
    else this.#bulk(op, a as number, s);
  }

  /** memory.grow: the Memory object enforces the maximum; failure is -1, not a trap. */
  #grow(delta: number): number {
    if (!this.#memory) return -1;
    try {
      const old = this.#memory.grow(delta >>> 0);
      this.#refreshMemory();
      return old;
    } catch {
      return -1;
    }
  }

  #bulk(op: number, index: number, s: Value[]): void {
    if (op === OP_DATA_DROP || op === OP_ELEM_DROP) {
      (op === OP_DATA_DROP ? this.#dataDropped : this.#elemDropped)[index] = true;
      return;
    }
    const n = (s.pop() as number) >>> 0;
    const src = s.pop() as number;
    const dst = (s.pop() as number) >>> 0;
    this.#charge(this.#metering.bulkByteCost * n);
    switch (op) {
      case OP_MEMORY_COPY: {
        if ((src >>> 0) + n > this.#bytes.length || dst + n > this.#bytes.length)
          throw new TrapError('out of bounds memory access');
        this.#bytes.copyWithin(dst, src >>> 0, (src >>> 0) + n);
        return;
      }
      case OP_MEMORY_FILL:
        if (dst + n > this.#bytes.length) throw new TrapError('out of bounds memory access');
        this.#bytes.fill(src & 0xff, dst, dst + n);
        return;
      case OP_MEMORY_INIT: {
        const data = this.#dataDropped[index] ? new Uint8Array(0) : this.module.data[index]!.bytes;
        if ((src >>> 0) + n > data.length || dst + n > this.#bytes.length)
          throw new TrapError('out of bounds memory access');
        this.#bytes.set(data.subarray(src >>> 0, (src >>> 0) + n), dst);
        return;
      }
      case OP_TABLE_INIT: {
        const seg = this.#elemDropped[index] ? [] : this.module.elements[index]!.functions;
        if ((src >>> 0) + n > seg.length || dst + n > this.#table.elements.length)
          throw new TrapError('out of bounds table access');
        for (let k = 0; k < n; k++) this.#table.elements[dst + k] = this.#funcs[seg[(src >>> 0) + k]!];
        return;
      }
      case OP_TABLE_COPY: {
        if ((src >>> 0) + n > this.#table.elements.length || dst + n > this.#table.elements.length)
          throw new TrapError('out of bounds table access');
        const elements = this.#table.elements;
        const copy = elements.slice(src >>> 0, (src >>> 0) + n);
        for (let k = 0; k < n; k++) elements[dst + k] = copy[k];
        return;
      }
    }
    throw new TrapError(`unsupported instruction ${opName[op]}`);
  }
}

/** A value as a trace shows it: `i32:-1`, `i64:7`, `f32:1.5`, `f64:nan:0x7ff8000000000001`. */
export function formatValue(type: number, v: Value): string {
  switch (type) {
    case I32:
      return `i32:${v}`;
    case I64:
      return `i64:${v}`;
    case F32: {
      const x = N.f32FromBits(v as number);
      return Number.isNaN(x) ? `f32:nan:0x${(v as number).toString(16)}` : `f32:${x}`;
    }
    case F64: {
      const x = N.f64FromBits(v as bigint);
      return Number.isNaN(x) ? `f64:nan:0x${(v as bigint).toString(16)}` : `f64:${x}`;
    }
    default:
      return String(v);
  }
}

function typeName(type: number): 'i32' | 'i64' | 'f32' | 'f64' {
  return type === I32 ? 'i32' : type === I64 ? 'i64' : type === F32 ? 'f32' : 'f64';
}

function zero(type: number): Value {
  return type === I64 || type === F64 ? 0n : 0;
}

function constValue(opcode: number, value: number | bigint): Value {
  if (opcode === OP.i32Const) return (value as number) | 0;
  if (opcode === OP.f32Const) return (value as number) >>> 0;
  return value;
}

/** JS API values ↔ interpreter values (floats cross as numbers, as the JS API defines). */
export function fromJs(type: number, v: unknown): Value {
  switch (type) {
    case I32:
      return Number(v) | 0;
    case I64:
      return BigInt.asIntN(64, BigInt(v as bigint));
    case F32:
      return N.f32ToBits(Math.fround(Number(v)));
    default:
      return N.f64ToBits(Number(v));
  }
}

export function toJs(type: number, v: Value): unknown {
  switch (type) {
    case I32:
      return v as number;
    case I64:
      return v as bigint;
    case F32:
      return N.f32FromBits(v as number);
    default:
      return N.f64FromBits(v as bigint);
  }
}

function i32Op(op: number, s: Value[]): void {
  if (op === 0x45) {
    s.push((s.pop() as number) === 0 ? 1 : 0);
    return;
  }
  if (op >= 0x67 && op <= 0x69) {
    const x = s.pop() as number;
    s.push(op === 0x67 ? Math.clz32(x) : op === 0x68 ? N.ctz32(x) : N.popcnt32(x));
    return;
  }
  const y = s.pop() as number;
  const x = s.pop() as number;
  let r: number;
  switch (op) {
    case 0x46:
      r = x === y ? 1 : 0;
      break;
    case 0x47:
      r = x !== y ? 1 : 0;
      break;
    case 0x48:
      r = x < y ? 1 : 0;
      break;
    case 0x49:
      r = x >>> 0 < y >>> 0 ? 1 : 0;
      break;
    case 0x4a:
      r = x > y ? 1 : 0;
      break;
    case 0x4b:
      r = x >>> 0 > y >>> 0 ? 1 : 0;
      break;
    case 0x4c:
      r = x <= y ? 1 : 0;
      break;
    case 0x4d:
      r = x >>> 0 <= y >>> 0 ? 1 : 0;
      break;
    case 0x4e:
      r = x >= y ? 1 : 0;
      break;
    case 0x4f:
      r = x >>> 0 >= y >>> 0 ? 1 : 0;
      break;
    case 0x6a:
      r = (x + y) | 0;
      break;
    case 0x6b:
      r = (x - y) | 0;
      break;
    case 0x6c:
      r = Math.imul(x, y);
      break;
    case 0x6d:
      if (y === 0) throw new TrapError('integer divide by zero');
      if (x === -2147483648 && y === -1) throw new TrapError('integer overflow');
      r = (x / y) | 0;
      break;
    case 0x6e:
      if (y === 0) throw new TrapError('integer divide by zero');
      r = ((x >>> 0) / (y >>> 0)) | 0;
      break;
    case 0x6f:
      if (y === 0) throw new TrapError('integer divide by zero');
      r = y === -1 ? 0 : (x % y) | 0;
      break;
    case 0x70:
      if (y === 0) throw new TrapError('integer divide by zero');
      r = ((x >>> 0) % (y >>> 0)) | 0;
      break;
    case 0x71:
      r = x & y;
      break;
    case 0x72:
      r = x | y;
      break;
    case 0x73:
      r = x ^ y;
      break;
    case 0x74:
      r = x << (y & 31);
      break;
    case 0x75:
      r = x >> (y & 31);
      break;
    case 0x76:
      r = (x >>> (y & 31)) | 0;
      break;
    case 0x77:
      r = N.rotl32(x, y);
      break;
    default:
      r = N.rotl32(x, -y & 31);
      break;
  }
  s.push(r);
}

function i64Op(op: number, s: Value[]): void {
  if (op === 0x50) {
    s.push((s.pop() as bigint) === 0n ? 1 : 0);
    return;
  }
  if (op >= 0x79 && op <= 0x7b) {
    const x = s.pop() as bigint;
    s.push(op === 0x79 ? N.clz64(x) : op === 0x7a ? N.ctz64(x) : N.popcnt64(x));
    return;
  }
  const y = s.pop() as bigint;
  const x = s.pop() as bigint;
  const ux = N.u64(x);
  const uy = N.u64(y);
  switch (op) {
    case 0x51:
      s.push(x === y ? 1 : 0);
      return;
    case 0x52:
      s.push(x !== y ? 1 : 0);
      return;
    case 0x53:
      s.push(x < y ? 1 : 0);
      return;
    case 0x54:
      s.push(ux < uy ? 1 : 0);
      return;
    case 0x55:
      s.push(x > y ? 1 : 0);
      return;
    case 0x56:
      s.push(ux > uy ? 1 : 0);
      return;
    case 0x57:
      s.push(x <= y ? 1 : 0);
      return;
    case 0x58:
      s.push(ux <= uy ? 1 : 0);
      return;
    case 0x59:
      s.push(x >= y ? 1 : 0);
      return;
    case 0x5a:
      s.push(ux >= uy ? 1 : 0);
      return;
  }
  let r: bigint;
  switch (op) {
    case 0x7c:
      r = x + y;
      break;
    case 0x7d:
      r = x - y;
      break;
    case 0x7e:
      r = x * y;
      break;
    case 0x7f:
      if (y === 0n) throw new TrapError('integer divide by zero');
      if (x === I64_MIN && y === -1n) throw new TrapError('integer overflow');
      r = x / y;
      break;
    case 0x80:
      if (y === 0n) throw new TrapError('integer divide by zero');
      r = ux / uy;
      break;
    case 0x81:
      if (y === 0n) throw new TrapError('integer divide by zero');
      r = x % y;
      break;
    case 0x82:
      if (y === 0n) throw new TrapError('integer divide by zero');
      r = ux % uy;
      break;
    case 0x83:
      r = x & y;
      break;
    case 0x84:
      r = x | y;
      break;
    case 0x85:
      r = x ^ y;
      break;
    case 0x86:
      r = x << (uy & 63n);
      break;
    case 0x87:
      r = x >> (uy & 63n);
      break;
    case 0x88:
      r = ux >> (uy & 63n);
      break;
    case 0x89:
      r = N.rotl64(x, y);
      break;
    default:
      r = N.rotl64(x, -uy & 63n);
      break;
  }
  s.push(N.i64(r));
}

function f32Op(op: number, s: Value[]): void {
  if (op >= 0x8b && op <= 0x91) {
    const bits = s.pop() as number;
    if (op === 0x8b) {
      s.push((bits & 0x7fffffff) >>> 0);
      return;
    }
    if (op === 0x8c) {
      s.push((bits ^ 0x80000000) >>> 0);
      return;
    }
    const x = N.f32FromBits(bits);
    const r =
      op === 0x8d
        ? Math.ceil(x)
        : op === 0x8e
          ? Math.floor(x)
          : op === 0x8f
            ? Math.trunc(x)
            : op === 0x90
              ? N.nearest(x)
              : Math.sqrt(x);
    s.push(N.f32Result(Math.fround(r)));
    return;
  }
  const yb = s.pop() as number;
  const xb = s.pop() as number;
  if (op === 0x98) {
    s.push(((xb & 0x7fffffff) | (yb & 0x80000000)) >>> 0);
    return;
  }
  const x = N.f32FromBits(xb);
  const y = N.f32FromBits(yb);
  switch (op) {
    case 0x5b:
      s.push(x === y ? 1 : 0);
      return;
    case 0x5c:
      s.push(x !== y ? 1 : 0);
      return;
    case 0x5d:
      s.push(x < y ? 1 : 0);
      return;
    case 0x5e:
      s.push(x > y ? 1 : 0);
      return;
    case 0x5f:
      s.push(x <= y ? 1 : 0);
      return;
    case 0x60:
      s.push(x >= y ? 1 : 0);
      return;
  }
  const r =
    op === 0x92
      ? x + y
      : op === 0x93
        ? x - y
        : op === 0x94
          ? x * y
          : op === 0x95
            ? x / y
            : op === 0x96
              ? N.fmin(x, y)
              : N.fmax(x, y);
  s.push(N.f32Result(Math.fround(r)));
}

function f64Op(op: number, s: Value[]): void {
  const SIGN = 0x8000000000000000n;
  if (op >= 0x99 && op <= 0x9f) {
    const bits = s.pop() as bigint;
    if (op === 0x99) {
      s.push(bits & ~SIGN & 0xffffffffffffffffn);
      return;
    }
    if (op === 0x9a) {
      s.push(bits ^ SIGN);
      return;
    }
    const x = N.f64FromBits(bits);
    const r =
      op === 0x9b
        ? Math.ceil(x)
        : op === 0x9c
          ? Math.floor(x)
          : op === 0x9d
            ? Math.trunc(x)
            : op === 0x9e
              ? N.nearest(x)
              : Math.sqrt(x);
    s.push(N.f64Result(r));
    return;
  }
  const yb = s.pop() as bigint;
  const xb = s.pop() as bigint;
  if (op === 0xa6) {
    s.push((xb & ~SIGN & 0xffffffffffffffffn) | (yb & SIGN));
    return;
  }
  const x = N.f64FromBits(xb);
  const y = N.f64FromBits(yb);
  switch (op) {
    case 0x61:
      s.push(x === y ? 1 : 0);
      return;
    case 0x62:
      s.push(x !== y ? 1 : 0);
      return;
    case 0x63:
      s.push(x < y ? 1 : 0);
      return;
    case 0x64:
      s.push(x > y ? 1 : 0);
      return;
    case 0x65:
      s.push(x <= y ? 1 : 0);
      return;
    case 0x66:
      s.push(x >= y ? 1 : 0);
      return;
  }
  const r =
    op === 0xa0
      ? x + y
      : op === 0xa1
        ? x - y
        : op === 0xa2
          ? x * y
          : op === 0xa3
            ? x / y
            : op === 0xa4
              ? N.fmin(x, y)
              : N.fmax(x, y);
  s.push(N.f64Result(r));
}

function convert(op: number, s: Value[]): void {
  const v = s.pop()!;
  const f32 = () => N.f32FromBits(v as number);
  const f64 = () => N.f64FromBits(v as bigint);
  const big = (x: number) => N.i64(N.truncToBigInt(x));
  switch (op) {
    case 0xa7:
      s.push(Number(BigInt.asIntN(32, v as bigint)));
      return;
    case 0xa8:
      s.push(N.truncChecked(f32(), -2147483648, 2147483648) | 0);
      return;
    case 0xa9:
      s.push(N.truncChecked(f32(), 0, TWO32) | 0);
      return;
    case 0xaa:
      s.push(N.truncChecked(f64(), -2147483648, 2147483648) | 0);
      return;
    case 0xab:
      s.push(N.truncChecked(f64(), 0, TWO32) | 0);
      return;
    case 0xac:
      s.push(BigInt(v as number));
      return;
    case 0xad:
      s.push(BigInt((v as number) >>> 0));
      return;
    case 0xae:
      s.push(big(N.truncChecked(f32(), -(2 ** 63), 2 ** 63)));
      return;
    case 0xaf:
      s.push(big(N.truncChecked(f32(), 0, 2 ** 64)));
      return;
    case 0xb0:
      s.push(big(N.truncChecked(f64(), -(2 ** 63), 2 ** 63)));
      return;
    case 0xb1:
      s.push(big(N.truncChecked(f64(), 0, 2 ** 64)));
      return;
    case 0xb2:
      s.push(N.f32ToBits(Math.fround(v as number)));
      return;
    case 0xb3:
      s.push(N.f32ToBits(Math.fround((v as number) >>> 0)));
      return;
    case 0xb4:
      s.push(N.f32ToBits(N.s64ToF32(v as bigint)));
      return;
    case 0xb5:
      s.push(N.f32ToBits(N.u64ToF32(N.u64(v as bigint))));
      return;
    case 0xb6:
      s.push(N.f32Result(Math.fround(f64())));
      return;
    case 0xb7:
      s.push(N.f64ToBits(v as number));
      return;
    case 0xb8:
      s.push(N.f64ToBits((v as number) >>> 0));
      return;
    case 0xb9:
      s.push(N.f64ToBits(N.s64ToF64(v as bigint)));
      return;
    case 0xba:
      s.push(N.f64ToBits(N.u64ToF64(N.u64(v as bigint))));
      return;
    case 0xbb:
      s.push(N.f64Result(f32()));
      return;
    case 0xbc:
      s.push((v as number) | 0);
      return;
    case 0xbd:
      s.push(N.i64(v as bigint));
      return;
    case 0xbe:
      s.push((v as number) >>> 0);
      return;
    case 0xbf:
      s.push(N.u64(v as bigint));
      return;
    case 0xc0:
      s.push(((v as number) << 24) >> 24);
      return;
    case 0xc1:
      s.push(((v as number) << 16) >> 16);
      return;
    case 0xc2:
      s.push(BigInt.asIntN(8, v as bigint));
      return;
    case 0xc3:
      s.push(BigInt.asIntN(16, v as bigint));
      return;
    case 0xc4:
      s.push(BigInt.asIntN(32, v as bigint));
      return;
    case 0x100:
      s.push(N.truncSat(f32(), -2147483648, 2147483647) | 0);
      return;
    case 0x101:
      s.push(N.truncSat(f32(), 0, 4294967295) | 0);
      return;
    case 0x102:
      s.push(N.truncSat(f64(), -2147483648, 2147483647) | 0);
      return;
    case 0x103:
      s.push(N.truncSat(f64(), 0, 4294967295) | 0);
      return;
    case 0x104:
      s.push(satI64(f32(), true));
      return;
    case 0x105:
      s.push(satI64(f32(), false));
      return;
    case 0x106:
      s.push(satI64(f64(), true));
      return;
    default:
      s.push(satI64(f64(), false));
  }
}

function satI64(x: number, signed: boolean): bigint {
  if (Number.isNaN(x)) return 0n;
  if (signed) {
    if (x >= 2 ** 63) return 2n ** 63n - 1n;
    if (x < -(2 ** 63)) return I64_MIN;
    return BigInt(Math.trunc(x));
  }
  if (x >= 2 ** 64) return -1n;
  if (x <= -1) return 0n;
  return N.i64(BigInt(Math.trunc(x)));
}
