/** Value types (binary format 5.3.1). Reference and vector types are outside the supported feature set. */
export const I32 = 0x7f;
export const I64 = 0x7e;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const FUNCREF = 0x70;

export type ValType = typeof I32 | typeof I64 | typeof F32 | typeof F64;

export function isValType(b: number): b is ValType {
  return b === I32 || b === I64 || b === F32 || b === F64;
}

export function valTypeName(t: number): string {
  switch (t) {
    case I32:
      return 'i32';
    case I64:
      return 'i64';
    case F32:
      return 'f32';
    case F64:
      return 'f64';
    case FUNCREF:
      return 'funcref';
    default:
      return `type(0x${t.toString(16)})`;
  }
}

export interface FuncType {
  params: ValType[];
  results: ValType[];
}

export interface Limits {
  min: number;
  max: number | undefined;
}

export interface GlobalType {
  type: ValType;
  mutable: boolean;
}

export type ExternalKind = 'func' | 'table' | 'memory' | 'global';
export const EXTERNAL_KINDS: readonly ExternalKind[] = ['func', 'table', 'memory', 'global'];

export type ImportDesc =
  | { kind: 'func'; typeIndex: number }
  | { kind: 'table'; limits: Limits }
  | { kind: 'memory'; limits: Limits }
  | { kind: 'global'; global: GlobalType };

export interface Import {
  module: string;
  name: string;
  desc: ImportDesc;
}

export interface Export {
  name: string;
  kind: ExternalKind;
  index: number;
}

/** A constant expression: one constant or `global.get`, then `end` (validation 3.3.10). */
export interface ConstExpr {
  opcode: number;
  /** i32/f32 bits or a global index; i64 as bigint; f64 bits as bigint. */
  value: number | bigint;
  /** The encoded expression, `end` included, so an encoder can copy it unchanged. */
  raw: Uint8Array;
}

export interface Global {
  type: GlobalType;
  init: ConstExpr;
}

export interface ElementSegment {
  mode: 'active' | 'passive';
  tableIndex: number;
  offset: ConstExpr | undefined;
  functions: number[];
}

export interface DataSegment {
  mode: 'active' | 'passive';
  memoryIndex: number;
  offset: ConstExpr | undefined;
  bytes: Uint8Array;
}

export interface FunctionBody {
  /** Declared locals, run-length encoded as in the binary. */
  locals: Array<{ count: number; type: ValType }>;
  localCount: number;
  /** Offsets into the module bytes of the instruction sequence (after the locals, `end` included). */
  codeStart: number;
  codeEnd: number;
}

export interface CustomSection {
  name: string;
  bytes: Uint8Array;
}

/** A section as it appears in the binary, kept so an encoder can re-emit untouched sections verbatim. */
export interface RawSection {
  id: number;
  /** Offsets of the content (after id and size) in the module bytes. */
  start: number;
  end: number;
}

export interface WasmModule {
  bytes: Uint8Array;
  sections: RawSection[];
  types: FuncType[];
  imports: Import[];
  /** Type index of each function defined in the module (the function section). */
  functions: number[];
  tables: Limits[];
  memories: Limits[];
  globals: Global[];
  exports: Export[];
  start: number | undefined;
  elements: ElementSegment[];
  dataCount: number | undefined;
  codes: FunctionBody[];
  data: DataSegment[];
  customs: CustomSection[];
  importedFunctions: number;
  importedTables: number;
  importedMemories: number;
  importedGlobals: number;
  /** Type index of every function in the function index space (imports first). */
  funcTypeIndex: number[];
}

/** Section ids (binary format 5.5.2), in the order they must appear; data count (12) sits before code. */
export const SECTION = {
  custom: 0,
  type: 1,
  import: 2,
  function: 3,
  table: 4,
  memory: 5,
  global: 6,
  export: 7,
  start: 8,
  element: 9,
  code: 10,
  data: 11,
  dataCount: 12,
} as const;

/** Position of each non-custom section id in the required order. */
export const SECTION_ORDER: Readonly<Record<number, number>> = {
  1: 1,
  2: 2,
  3: 3,
  4: 4,
  5: 5,
  6: 6,
  7: 7,
  8: 8,
  9: 9,
  12: 10,
  10: 11,
  11: 12,
};
