import { ValidationError } from '@polyvm/core';
import { ByteReader } from '../binary/reader.js';
import { ByteWriter } from '../binary/writer.js';
import { OP } from '../module/opcodes.js';
import {
  type ElementSegment,
  EXTERNAL_KINDS,
  F32,
  F64,
  type FuncType,
  I32,
  I64,
  type Limits,
  SECTION,
  SECTION_ORDER,
  type ValType,
  type WasmModule,
} from '../module/types.js';
import { V8_LIMITS } from '../module/v8-limits.js';
import type { FunctionCode } from '../validate/code.js';
import { type BodyContext, hasNaNResults, instrumentBody } from './body.js';
import {
  frameCost,
  GAS_EXPORT,
  type InstrumentOptions,
  RESERVED_EXPORTS,
  STACK_EXPORT,
  START_EXPORT,
} from './options.js';

const EXPORT_FUNC = 0x00;
const EXPORT_GLOBAL = 0x03;

/**
 * Re-encodes a validated module with gas metering and the stack limiter injected. Untouched
 * sections are copied byte for byte; the global, export, memory, type, function, element and code
 * sections are re-encoded; the start section is dropped and its function exported as
 * `START_EXPORT` so the host can run it metered after setting the gas counter.
 *
 * Each defined function takes the gas counter (i64) and the stack height (i32) as two extra
 * parameters and returns the counter as an extra last result, so calls inside the module keep
 * both in registers. Functions reachable from outside (exports, tables, start) get an entry
 * wrapper with the original type, appended after the defined functions, that loads both from the
 * globals and stores the counter back.
 */
export function instrumentModule(
  m: WasmModule,
  codes: FunctionCode[],
  options: InstrumentOptions,
): Uint8Array {
  for (const e of m.exports) {
    if (RESERVED_EXPORTS.includes(e.name)) {
      throw new ValidationError(`export name "${e.name}" is reserved by the metering instrumentation`);
    }
  }
  const gasGlobal = m.importedGlobals + m.globals.length;
  const stackGlobal = gasGlobal + 1;
  const extraTypes: FuncType[] = [];
  /** Type index by signature, so that looking a type up costs no scan of the type section. */
  const typeIndices = new Map<string, number>();
  m.types.forEach((t, i) => {
    const key = signature(t);
    if (!typeIndices.has(key)) typeIndices.set(key, i);
  });
  /** The index of a function type, appending it to the type section when the module lacks it. */
  const typeIndexOf = (params: ValType[], results: ValType[]): number => {
    const key = signature({ params, results });
    let index = typeIndices.get(key);
    if (index === undefined) {
      index = m.types.length + extraTypes.push({ params, results }) - 1;
      typeIndices.set(key, index);
    }
    return index;
  };
  const blockTypes = new Map<number, Uint8Array>();
  const blockTypeFor = (typeIndex: number): Uint8Array => {
    let encoded = blockTypes.get(typeIndex);
    if (!encoded) blockTypes.set(typeIndex, (encoded = encodeBlockType(typeIndex)));
    return encoded;
  };
  const encodeBlockType = (typeIndex: number): Uint8Array => {
    const results = m.types[typeIndex]!.results;
    if (results.length === 0) return Uint8Array.of(0x40);
    if (results.length === 1) return Uint8Array.of(results[0]!);
    // Multi-value: a block type must be a [] -> results type index.
    return Uint8Array.from(new ByteWriter(5).s32(typeIndexOf([], [...results])).finish());
  };
  const internalTypes = new Map<number, number>();
  const internalTypeOf = (typeIndex: number): number => {
    let index = internalTypes.get(typeIndex);
    if (index === undefined) {
      const t = m.types[typeIndex]!;
      if (
        t.params.length > V8_LIMITS.maxFunctionParams - 2 ||
        t.results.length > V8_LIMITS.maxFunctionResults - 1
      ) {
        throw new ValidationError(
          `a function with ${t.params.length} parameters and ${t.results.length} results leaves no room for the metering counters (V8 allows ${V8_LIMITS.maxFunctionParams} and ${V8_LIMITS.maxFunctionResults})`,
        );
      }
      index = typeIndexOf([...t.params, I64, I32], [...t.results, I64]);
      internalTypes.set(typeIndex, index);
    }
    return index;
  };
  const functionTypes = m.functions.map(internalTypeOf);
  const wrappers = entryWrappers(m);
  const code = new ByteWriter(m.bytes.length * 3 + 64);
  const body = new ByteWriter(1024);
  code.u32(codes.length + wrappers.size);
  for (let i = 0; i < codes.length; i++) {
    const fc = codes[i]!;
    const src = m.codes[i]!;
    const typeIndex = m.functions[i]!;
    const paramCount = m.types[typeIndex]!.params.length;
    const bulk = options.bulkByteCost > 0 && fc.hasBulkOps;
    const floats = options.canonicalizeNaNs === true && hasNaNResults(fc);
    const indirect = hasIndirectCalls(fc);
    body.length = 0;
    body.u32(src.locals.length + (bulk ? 1 : 0) + (floats ? 2 : 0) + (indirect ? 1 : 0));
    for (const group of src.locals) body.u32(group.count).u8(group.type);
    // Added locals go after the declared ones, which sit after the two added parameters.
    let next = fc.localCount + 2;
    if (bulk) body.u32(1).u8(I32);
    const scratch = bulk ? next++ : -1;
    if (floats) body.u32(1).u8(F32).u32(1).u8(F64);
    const floatBase = floats ? next : -1;
    if (floats) next += 2;
    if (indirect) body.u32(1).u8(I32);
    const ctx: BodyContext = {
      gasGlobal,
      gasLocal: paramCount,
      heightLocal: paramCount + 1,
      paramCount,
      importedFunctions: m.importedFunctions,
      stackGlobal,
      maxStackHeight: options.maxStackHeight,
      frameCost: frameCost(fc.localCount, fc.maxStackHeight),
      scratchLocal: scratch,
      indirectLocal: indirect ? next : -1,
      f32Local: floatBase,
      f64Local: floats ? floatBase + 1 : -1,
      resultBlockType: blockTypeFor(typeIndex),
      opCost: options.opCost,
      bulkByteCost: options.bulkByteCost,
    };
    instrumentBody(body, m.bytes, fc, ctx);
    code.u32(body.length).append(body);
  }
  for (const target of wrappers.keys()) {
    body.length = 0;
    wrapperBody(body, m.types[m.funcTypeIndex[target]!]!.params.length, target, gasGlobal, stackGlobal);
    code.u32(body.length).append(body);
  }
  const wrapperIndex = (f: number): number => wrappers.get(f) ?? f;

  const out = new ByteWriter(code.length + m.bytes.length + 256);
  out.bytes(m.bytes.subarray(0, 8));
  let emittedGlobals = false;
  let emittedExports = false;
  const flushBefore = (order: number): void => {
    if (!emittedGlobals && order > SECTION_ORDER[SECTION.global]!) {
      out.section(SECTION.global, globalSection(undefined));
      emittedGlobals = true;
    }
    if (!emittedExports && order > SECTION_ORDER[SECTION.export]!) {
      out.section(SECTION.export, exportSection(m, undefined, gasGlobal, stackGlobal, wrapperIndex));
      emittedExports = true;
    }
  };
  for (const section of m.sections) {
    const raw = m.bytes.subarray(section.start, section.end);
    if (section.id !== SECTION.custom) flushBefore(SECTION_ORDER[section.id]!);
    switch (section.id) {
      case SECTION.type:
        out.section(SECTION.type, extraTypes.length > 0 ? typeSection(raw, extraTypes) : copy(raw));
        break;
      case SECTION.memory:
        out.section(SECTION.memory, memorySection(m.memories, options.maxMemoryPages) ?? copy(raw));
        break;
      case SECTION.global:
        out.section(SECTION.global, globalSection(raw));
        emittedGlobals = true;
        break;
      case SECTION.export:
        out.section(SECTION.export, exportSection(m, raw, gasGlobal, stackGlobal, wrapperIndex));
        emittedExports = true;
        break;
      case SECTION.function:
        out.section(SECTION.function, functionSection(functionTypes, wrappers, m));
        break;
      case SECTION.element:
        out.section(SECTION.element, elementSection(m.elements, wrapperIndex));
        break;
      case SECTION.start:
        break;
      case SECTION.code:
        out.u8(SECTION.code).u32(code.length).append(code);
        break;
      default:
        out.u8(section.id).u32(raw.length).bytes(raw);
    }
  }
  flushBefore(Number.POSITIVE_INFINITY);
  return out.finish();
}

function signature(t: FuncType): string {
  return `${t.params.join(',')}>${t.results.join(',')}`;
}

function copy(raw: Uint8Array): ByteWriter {
  return new ByteWriter(raw.length + 1).bytes(raw);
}

/** Splits a vector section into its count and the bytes of its items. */
function vectorItems(raw: Uint8Array | undefined): { count: number; items: Uint8Array } {
  if (raw === undefined) return { count: 0, items: new Uint8Array(0) };
  const r = new ByteReader(raw);
  const count = r.u32();
  return { count, items: raw.subarray(r.pos) };
}

function typeSection(raw: Uint8Array | undefined, extra: FuncType[]): ByteWriter {
  const { count, items } = vectorItems(raw);
  const w = new ByteWriter(items.length + 16).u32(count + extra.length).bytes(items);
  for (const t of extra) {
    w.u8(0x60).u32(t.params.length);
    for (const p of t.params) w.u8(p);
    w.u32(t.results.length);
    for (const r of t.results) w.u8(r);
  }
  return w;
}

/** Defined functions that code outside the module can call: exported, in a table, or the start. */
function entryWrappers(m: WasmModule): Map<number, number> {
  const wrappers = new Map<number, number>();
  const add = (f: number) => {
    if (f >= m.importedFunctions && !wrappers.has(f)) {
      wrappers.set(f, m.importedFunctions + m.functions.length + wrappers.size);
    }
  };
  for (const e of m.exports) if (e.kind === 'func') add(e.index);
  for (const segment of m.elements) for (const f of segment.functions) add(f);
  if (m.start !== undefined) add(m.start);
  return wrappers;
}

/** An entry wrapper: the original parameters plus both counters from the globals; the counter back. */
function wrapperBody(w: ByteWriter, paramCount: number, target: number, gas: number, stack: number): void {
  w.u32(0);
  for (let p = 0; p < paramCount; p++) w.u8(OP.localGet).u32(p);
  w.u8(OP.globalGet).u32(gas).u8(OP.globalGet).u32(stack).u8(OP.call).u32(target);
  w.u8(OP.globalSet).u32(gas).u8(OP.end);
}

function hasIndirectCalls(code: FunctionCode): boolean {
  for (let i = 0; i < code.count; i++) if (code.ops[i] === OP.callIndirect) return true;
  return false;
}

function functionSection(types: number[], wrappers: Map<number, number>, m: WasmModule): ByteWriter {
  const w = new ByteWriter(types.length * 2 + 8).u32(types.length + wrappers.size);
  for (const t of types) w.u32(t);
  for (const target of wrappers.keys()) w.u32(m.funcTypeIndex[target]!);
  return w;
}

/** Element segments with every defined function replaced by its entry wrapper (forms 0, 1 and 2). */
function elementSection(segments: ElementSegment[], wrapperIndex: (f: number) => number): ByteWriter {
  const w = new ByteWriter(64).u32(segments.length);
  for (const s of segments) {
    if (s.mode === 'passive') w.u32(1).u8(0);
    else if (s.tableIndex === 0) w.u32(0).bytes(s.offset!.raw);
    else w.u32(2).u32(s.tableIndex).bytes(s.offset!.raw).u8(0);
    w.u32(s.functions.length);
    for (const f of s.functions) w.u32(wrapperIndex(f));
  }
  return w;
}

function memorySection(memories: Limits[], cap: number | undefined): ByteWriter | undefined {
  if (cap === undefined) return undefined;
  const w = new ByteWriter(16).u32(memories.length);
  for (const mem of memories) {
    const max = Math.min(mem.max ?? cap, cap);
    w.u8(1).u32(mem.min).u32(max);
  }
  return w;
}

/** The module's globals plus the gas counter (i64, mutable) and the stack-height counter (i32). */
function globalSection(raw: Uint8Array | undefined): ByteWriter {
  const { count, items } = vectorItems(raw);
  const w = new ByteWriter(items.length + 16).u32(count + 2).bytes(items);
  w.u8(I64).u8(1).u8(0x42).u8(0).u8(0x0b);
  w.u8(I32).u8(1).u8(0x41).u8(0).u8(0x0b);
  return w;
}

/** The module's exports, functions pointing at their entry wrappers, plus the counters and the start. */
function exportSection(
  m: WasmModule,
  raw: Uint8Array | undefined,
  gas: number,
  stack: number,
  wrapperIndex: (f: number) => number,
): ByteWriter {
  const extra = m.start === undefined ? 2 : 3;
  const w = new ByteWriter((raw?.length ?? 0) + 64).u32(m.exports.length + extra);
  for (const e of m.exports) {
    const kind = EXTERNAL_KINDS.indexOf(e.kind);
    w.name(e.name)
      .u8(kind)
      .u32(kind === EXPORT_FUNC ? wrapperIndex(e.index) : e.index);
  }
  w.name(GAS_EXPORT).u8(EXPORT_GLOBAL).u32(gas);
  w.name(STACK_EXPORT).u8(EXPORT_GLOBAL).u32(stack);
  if (m.start !== undefined) w.name(START_EXPORT).u8(EXPORT_FUNC).u32(wrapperIndex(m.start));
  return w;
}
