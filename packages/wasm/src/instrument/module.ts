import { ValidationError } from '@polyvm/core';
import { ByteReader } from '../binary/reader.js';
import { ByteWriter } from '../binary/writer.js';
import { F32, F64, I32, I64, type Limits, SECTION, SECTION_ORDER, type WasmModule } from '../module/types.js';
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
 * sections are copied byte for byte; the global, export, memory, type and code sections are
 * re-encoded; the start section is dropped and its function exported as `START_EXPORT` so the host
 * can run it metered after setting the gas counter.
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
  const extraTypes: Array<{ results: number[] }> = [];
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
    // Multi-value: a block type must be a [] -> results type index; append one when missing.
    let index = m.types.findIndex((t) => t.params.length === 0 && sameList(t.results, results));
    if (index < 0) {
      const extra = extraTypes.findIndex((t) => sameList(t.results, results));
      index = m.types.length + (extra >= 0 ? extra : extraTypes.push({ results: [...results] }) - 1);
    }
    return Uint8Array.from(new ByteWriter(5).s32(index).finish());
  };

  const code = new ByteWriter(m.bytes.length * 3 + 64);
  code.u32(codes.length);
  const body = new ByteWriter(1024);
  for (let i = 0; i < codes.length; i++) {
    const fc = codes[i]!;
    const src = m.codes[i]!;
    const typeIndex = m.functions[i]!;
    const bulk = options.bulkByteCost > 0 && fc.hasBulkOps;
    const floats = options.canonicalizeNaNs === true && hasNaNResults(fc);
    body.length = 0;
    body.u32(src.locals.length + 1 + (bulk ? 1 : 0) + (floats ? 2 : 0));
    for (const group of src.locals) body.u32(group.count).u8(group.type);
    // Added locals go after the declared ones, so no existing local index moves.
    const gasLocal = fc.localCount;
    body.u32(1).u8(I64);
    const scratch = gasLocal + 1;
    if (bulk) body.u32(1).u8(I32);
    if (floats) body.u32(1).u8(F32).u32(1).u8(F64);
    const floatBase = scratch + (bulk ? 1 : 0);
    const ctx: BodyContext = {
      gasGlobal,
      gasLocal,
      stackGlobal,
      maxStackHeight: options.maxStackHeight,
      frameCost: frameCost(fc.localCount, fc.maxStackHeight),
      scratchLocal: bulk ? scratch : -1,
      f32Local: floats ? floatBase : -1,
      f64Local: floats ? floatBase + 1 : -1,
      resultBlockType: blockTypeFor(typeIndex),
      opCost: options.opCost,
      bulkByteCost: options.bulkByteCost,
    };
    instrumentBody(body, m.bytes, fc, ctx);
    code.u32(body.length).append(body);
  }

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
      out.section(SECTION.export, exportSection(m, undefined, gasGlobal, stackGlobal));
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
        out.section(SECTION.export, exportSection(m, raw, gasGlobal, stackGlobal));
        emittedExports = true;
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

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
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

function typeSection(raw: Uint8Array, extra: Array<{ results: number[] }>): ByteWriter {
  const { count, items } = vectorItems(raw);
  const w = new ByteWriter(raw.length + 16).u32(count + extra.length).bytes(items);
  for (const t of extra) {
    w.u8(0x60).u32(0).u32(t.results.length);
    for (const r of t.results) w.u8(r);
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

function exportSection(m: WasmModule, raw: Uint8Array | undefined, gas: number, stack: number): ByteWriter {
  const { count, items } = vectorItems(raw);
  const extra = m.start === undefined ? 2 : 3;
  const w = new ByteWriter(items.length + 64).u32(count + extra).bytes(items);
  w.name(GAS_EXPORT).u8(EXPORT_GLOBAL).u32(gas);
  w.name(STACK_EXPORT).u8(EXPORT_GLOBAL).u32(stack);
  if (m.start !== undefined) w.name(START_EXPORT).u8(EXPORT_FUNC).u32(m.start);
  return w;
}
