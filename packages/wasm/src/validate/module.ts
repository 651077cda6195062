import { ValidationError } from '@polyvm/core';
import { OP } from '../module/opcodes.js';
import { type ConstExpr, F32, F64, I32, I64, type Limits, type WasmModule } from '../module/types.js';
import type { FunctionCode } from './code.js';
import { ENGINE_LIMITS, type ModuleLimits, MVP_FEATURES, type WasmFeatures } from './features.js';
import { FunctionValidator } from './function.js';

export interface ValidateOptions {
  features?: WasmFeatures;
  limits?: ModuleLimits;
}

/** Memories are capped at 2^16 pages of 64 KiB in 32-bit wasm (validation 3.2.4). */
const MAX_PAGES = 65_536;

function fail(message: string, details: Record<string, unknown> = {}): never {
  throw new ValidationError(message, { details: { reason: message, ...details } });
}

/**
 * Validates a decoded module (spec section 3.4 "Modules") and every function body, returning the
 * pre-decoded instruction streams. Throws `ValidationError` at the first violation.
 */
export function validateModule(m: WasmModule, options: ValidateOptions = {}): FunctionCode[] {
  const features = options.features ?? MVP_FEATURES;
  const limits = options.limits ?? ENGINE_LIMITS;

  for (const typeIndex of m.funcTypeIndex) {
    if (m.types[typeIndex] === undefined) fail(`unknown type ${typeIndex}`);
  }
  for (const t of m.types) {
    if (t.results.length > 1 && !features.multiValue) fail('invalid result arity: multiple results');
  }
  const functionCount = m.funcTypeIndex.length;
  if (functionCount > limits.maxFunctions) fail(`too many functions (${functionCount})`);

  const tables: Limits[] = [];
  const memories: Limits[] = [];
  const globals: Array<{ type: number; mutable: boolean }> = [];
  for (const imp of m.imports) {
    if (imp.desc.kind === 'table') tables.push(imp.desc.limits);
    else if (imp.desc.kind === 'memory') memories.push(imp.desc.limits);
    else if (imp.desc.kind === 'global') globals.push(imp.desc.global);
  }
  tables.push(...m.tables);
  memories.push(...m.memories);
  if (tables.length > 1) fail('multiple tables');
  if (memories.length > 1) fail('multiple memories');
  for (const t of tables) checkLimits(t, 0xffffffff, 'table', limits.maxTableSize);
  for (const mem of memories) checkLimits(mem, MAX_PAGES, 'memory', limits.maxMemoryPages);

  // Globals' initializers may read only imported globals (MVP validation 3.4.4).
  const importedGlobals = globals.length;
  for (const g of m.globals) {
    checkConst(g.init, g.type.type, globals, importedGlobals);
    globals.push(g.type);
  }

  const names = new Set<string>();
  for (const e of m.exports) {
    if (names.has(e.name)) fail(`duplicate export name "${e.name}"`);
    names.add(e.name);
    const bound =
      e.kind === 'func'
        ? functionCount
        : e.kind === 'table'
          ? tables.length
          : e.kind === 'memory'
            ? memories.length
            : globals.length;
    if (e.index >= bound) fail(`unknown ${e.kind} ${e.index} in export "${e.name}"`);
  }

  if (m.start !== undefined) {
    const typeIndex = m.funcTypeIndex[m.start];
    if (typeIndex === undefined) fail(`unknown function ${m.start} (start)`);
    const t = m.types[typeIndex]!;
    if (t.params.length > 0 || t.results.length > 0) fail('start function must have type [] -> []');
  }

  for (const seg of m.elements) {
    if (seg.tableIndex >= tables.length) fail(`unknown table ${seg.tableIndex}`);
    if (seg.offset) checkConst(seg.offset, I32, globals, importedGlobals);
    for (const f of seg.functions) if (f >= functionCount) fail(`unknown function ${f}`);
  }
  for (const seg of m.data) {
    if (seg.memoryIndex >= memories.length) fail(`unknown memory ${seg.memoryIndex}`);
    if (seg.offset) checkConst(seg.offset, I32, globals, importedGlobals);
  }

  const validator = new FunctionValidator(m, features, limits.maxLocalsPerFunction);
  const codes: FunctionCode[] = new Array(m.codes.length);
  for (let i = 0; i < m.codes.length; i++) codes[i] = validator.validate(i);
  return codes;
}

function checkLimits(l: Limits, bound: number, what: string, cap: number): void {
  if (l.min > bound || (l.max !== undefined && l.max > bound)) {
    fail(`${what} size must be at most ${bound}`, { min: l.min, max: l.max });
  }
  if (l.max !== undefined && l.min > l.max) fail('size minimum must not be greater than maximum');
  if (l.min > cap) fail(`${what} minimum ${l.min} exceeds the profile's cap ${cap}`);
}

const CONST_TYPE: Readonly<Record<number, number>> = {
  [OP.i32Const]: I32,
  [OP.i64Const]: I64,
  [OP.f32Const]: F32,
  [OP.f64Const]: F64,
};

function checkConst(
  expr: ConstExpr,
  expected: number,
  globals: Array<{ type: number; mutable: boolean }>,
  importedGlobals: number,
): void {
  let type = CONST_TYPE[expr.opcode];
  if (expr.opcode === OP.globalGet) {
    const index = expr.value as number;
    if (index >= importedGlobals) fail(`unknown global ${index} in constant expression`);
    const g = globals[index]!;
    if (g.mutable) fail('constant expression required: global.get of a mutable global');
    type = g.type;
  }
  if (type !== expected) fail('type mismatch in constant expression');
}
