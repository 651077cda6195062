import { DecodeError, ValidationError } from '@polyvm/core';
import { ByteReader } from '../binary/reader.js';
import { OP } from './opcodes.js';
import {
  type ConstExpr,
  type DataSegment,
  type ElementSegment,
  EXTERNAL_KINDS,
  type Export,
  FUNCREF,
  type FuncType,
  type FunctionBody,
  type Global,
  type GlobalType,
  type Import,
  isValType,
  type Limits,
  SECTION,
  SECTION_ORDER,
  type ValType,
  type WasmModule,
} from './types.js';
import { V8_LIMITS } from './v8-limits.js';

const MAGIC = 0x6d736100; // "\0asm", binary format 5.5.16
const VERSION = 1;
/** The binary format allows up to 2^32-1 locals per function (5.5.13). */
const MAX_LOCALS = 0xffffffff;

/**
 * Decodes a module's sections (binary format 5.5). Function bodies are split into their locals and
 * instruction byte range; the instructions themselves are decoded by the validator's single pass.
 */
export function decodeModule(bytes: Uint8Array): WasmModule {
  const r = new ByteReader(bytes);
  if (bytes.length < 4) r.fail('unexpected end');
  const magic = (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0;
  if (magic !== MAGIC) r.fail('magic header not detected', 0);
  if (bytes.length < 8) r.fail('unexpected end');
  const version = (bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! << 24)) >>> 0;
  if (version !== VERSION) r.fail('unknown binary version', 4);
  r.pos = 8;

  const m: WasmModule = {
    bytes,
    sections: [],
    types: [],
    imports: [],
    functions: [],
    tables: [],
    memories: [],
    globals: [],
    exports: [],
    start: undefined,
    elements: [],
    dataCount: undefined,
    codes: [],
    data: [],
    customs: [],
    importedFunctions: 0,
    importedTables: 0,
    importedMemories: 0,
    importedGlobals: 0,
    funcTypeIndex: [],
  };
  let lastOrder = 0;
  let sawCode = false;
  let sawFunction = false;
  let sawData = false;
  while (!r.atEnd) {
    const id = r.u8();
    const size = r.u32();
    const start = r.pos;
    if (size > r.end - start) r.fail('length out of bounds', start);
    const end = start + size;
    if (id !== SECTION.custom) {
      const order = SECTION_ORDER[id];
      if (order === undefined) return r.fail('malformed section id', start - 1);
      if (order <= lastOrder) r.fail('unexpected content after last section', start - 1);
      lastOrder = order;
    }
    const s = new ByteReader(bytes, start, end);
    switch (id) {
      case SECTION.custom:
        m.customs.push({ name: s.name(), bytes: bytes.subarray(s.pos, end) });
        s.pos = end;
        break;
      case SECTION.type:
        vec(s, () => m.types.push(funcType(s)));
        break;
      case SECTION.import:
        vec(s, () => m.imports.push(importEntry(s, m)), V8_LIMITS.maxImports, 'imports');
        break;
      case SECTION.function:
        sawFunction = true;
        vec(s, () => m.functions.push(s.u32()));
        break;
      case SECTION.table:
        vec(s, () => m.tables.push(tableType(s)));
        break;
      case SECTION.memory:
        vec(s, () => m.memories.push(limits(s)));
        break;
      case SECTION.global:
        vec(s, () => m.globals.push(global(s)));
        break;
      case SECTION.export:
        vec(s, () => m.exports.push(exportEntry(s)), V8_LIMITS.maxExports, 'exports');
        break;
      case SECTION.start:
        m.start = s.u32();
        break;
      case SECTION.element:
        vec(s, () => m.elements.push(element(s)));
        break;
      case SECTION.dataCount:
        m.dataCount = s.u32();
        break;
      case SECTION.code:
        sawCode = true;
        vec(s, () => m.codes.push(body(s)));
        break;
      case SECTION.data:
        sawData = true;
        vec(s, () => m.data.push(dataSegment(s)));
        break;
    }
    if (s.pos !== end) s.fail('section size mismatch');
    m.sections.push({ id, start, end });
    r.pos = end;
  }
  if (m.functions.length !== m.codes.length && (sawFunction || sawCode)) {
    throw new DecodeError('function and code section have inconsistent lengths', {
      details: { functions: m.functions.length, codes: m.codes.length },
    });
  }
  if (m.dataCount !== undefined && m.dataCount !== (sawData ? m.data.length : 0)) {
    throw new DecodeError('data count and data section have inconsistent lengths', {
      details: { dataCount: m.dataCount, data: m.data.length },
    });
  }
  for (const imp of m.imports) if (imp.desc.kind === 'func') m.funcTypeIndex.push(imp.desc.typeIndex);
  for (const t of m.functions) m.funcTypeIndex.push(t);
  return m;
}

function vec(r: ByteReader, item: () => void, max = Number.POSITIVE_INFINITY, what = 'items'): void {
  const at = r.pos;
  const n = r.u32();
  // Every item takes at least one byte, so a count beyond the bytes left is malformed, not a huge loop.
  if (n > r.end - r.pos) r.fail('length out of bounds');
  if (n > max) r.fail(`too many ${what}: ${n}, V8 allows ${max}`, at);
  for (let i = 0; i < n; i++) item();
}

function valType(r: ByteReader): ValType {
  const b = r.u8();
  if (!isValType(b)) r.fail(`malformed value type 0x${b.toString(16)}`, r.pos - 1);
  return b;
}

function funcType(r: ByteReader): FuncType {
  const form = r.u8();
  if (form !== 0x60) r.fail('malformed function type', r.pos - 1);
  const params: ValType[] = [];
  vec(r, () => params.push(valType(r)));
  const results: ValType[] = [];
  vec(r, () => results.push(valType(r)));
  return { params, results };
}

function limits(r: ByteReader): Limits {
  const flag = r.u8();
  if (flag > 1) r.fail(flag < 4 ? 'shared memory is not supported' : 'integer too large', r.pos - 1);
  const min = r.u32();
  return { min, max: flag === 1 ? r.u32() : undefined };
}

function tableType(r: ByteReader): Limits {
  const elem = r.u8();
  if (elem !== FUNCREF) r.fail('malformed reference type', r.pos - 1);
  return limits(r);
}

function globalType(r: ByteReader): GlobalType {
  const type = valType(r);
  const mut = r.u8();
  if (mut > 1) r.fail('malformed mutability', r.pos - 1);
  return { type, mutable: mut === 1 };
}

function importEntry(r: ByteReader, m: WasmModule): Import {
  const module = r.name();
  const name = r.name();
  const kind = r.u8();
  switch (kind) {
    case 0:
      m.importedFunctions++;
      return { module, name, desc: { kind: 'func', typeIndex: r.u32() } };
    case 1:
      m.importedTables++;
      return { module, name, desc: { kind: 'table', limits: tableType(r) } };
    case 2:
      m.importedMemories++;
      return { module, name, desc: { kind: 'memory', limits: limits(r) } };
    case 3:
      m.importedGlobals++;
      return { module, name, desc: { kind: 'global', global: globalType(r) } };
    default:
      return r.fail('malformed import kind', r.pos - 1);
  }
}

function exportEntry(r: ByteReader): Export {
  const name = r.name();
  const kindByte = r.u8();
  const kind = EXTERNAL_KINDS[kindByte];
  if (kind === undefined) r.fail('malformed export kind', r.pos - 1);
  return { name, kind, index: r.u32() };
}

/** A constant expression (validation 3.3.10): a single constant or `global.get`, then `end`. */
export function constExpr(r: ByteReader): ConstExpr {
  const start = r.pos;
  const opcode = r.u8();
  let value: number | bigint;
  switch (opcode) {
    case OP.i32Const:
      value = r.s32();
      break;
    case OP.i64Const:
      value = r.s64();
      break;
    case OP.f32Const: {
      const b = r.take(4);
      value = (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
      break;
    }
    case OP.f64Const: {
      const b = r.take(8);
      value = new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
      break;
    }
    case OP.globalGet:
      value = r.u32();
      break;
    case OP.end:
      throw new ValidationError('type mismatch: constant expression is empty', {
        details: { offset: start },
      });
    default:
      throw new ValidationError(`constant expression required, found opcode 0x${opcode.toString(16)}`, {
        details: { offset: start },
      });
  }
  const end = r.u8();
  if (end !== OP.end) {
    throw new ValidationError('constant expression required: a single instruction then end', {
      details: { offset: r.pos - 1 },
    });
  }
  return { opcode, value, raw: r.bytes.subarray(start, r.pos) };
}

function global(r: ByteReader): Global {
  const type = globalType(r);
  return { type, init: constExpr(r) };
}

function funcIndices(r: ByteReader): number[] {
  const out: number[] = [];
  vec(r, () => out.push(r.u32()));
  return out;
}

/** Element segments: MVP form 0 and the bulk-memory forms 1 (passive) and 2 (explicit table). */
function element(r: ByteReader): ElementSegment {
  const flags = r.u32();
  switch (flags) {
    case 0:
      return { mode: 'active', tableIndex: 0, offset: constExpr(r), functions: funcIndices(r) };
    case 1:
      if (r.u8() !== 0) r.fail('malformed element kind', r.pos - 1);
      return { mode: 'passive', tableIndex: 0, offset: undefined, functions: funcIndices(r) };
    case 2: {
      const tableIndex = r.u32();
      const offset = constExpr(r);
      if (r.u8() !== 0) r.fail('malformed element kind', r.pos - 1);
      return { mode: 'active', tableIndex, offset, functions: funcIndices(r) };
    }
    default:
      return r.fail(`element segment form ${flags} needs reference types, which are not supported`);
  }
}

function dataSegment(r: ByteReader): DataSegment {
  const flags = r.u32();
  switch (flags) {
    case 0: {
      const offset = constExpr(r);
      return { mode: 'active', memoryIndex: 0, offset, bytes: r.take(r.u32()) };
    }
    case 1:
      return { mode: 'passive', memoryIndex: 0, offset: undefined, bytes: r.take(r.u32()) };
    case 2: {
      const memoryIndex = r.u32();
      const offset = constExpr(r);
      return { mode: 'active', memoryIndex, offset, bytes: r.take(r.u32()) };
    }
    default:
      return r.fail(`malformed data segment flags ${flags}`);
  }
}

function body(r: ByteReader): FunctionBody {
  const size = r.u32();
  const start = r.pos;
  if (size > r.end - start) r.fail('unexpected end');
  const end = start + size;
  const b = new ByteReader(r.bytes, start, end);
  const locals: FunctionBody['locals'] = [];
  let localCount = 0;
  const groups = b.u32();
  for (let i = 0; i < groups; i++) {
    const count = b.u32();
    localCount += count;
    if (localCount > MAX_LOCALS) b.fail('too many locals');
    locals.push({ count, type: valType(b) });
  }
  if (b.pos >= end) b.fail('unexpected end');
  if (r.bytes[end - 1] !== OP.end) b.fail('END opcode expected', end - 1);
  r.pos = end;
  return { locals, localCount, codeStart: b.pos, codeEnd: end };
}
