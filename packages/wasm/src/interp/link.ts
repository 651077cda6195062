import '../engine/webassembly.js';
import type { FuncType, GlobalType, ImportDesc, Limits } from '../module/types.js';
import type { Value } from './machine.js';

/**
 * Link-time facts the JS API objects do not expose (a Memory's maximum, a Global's type), attached
 * to the values an interpreter exports (and to the spectest host values) under this symbol.
 */
export const LINK = Symbol('polyvm.interp.link');

/** A callable function with its type; `call` takes and returns interpreter (bit-pattern) values. */
export interface FuncRef {
  type: FuncType;
  /** The interpreter that defines it (undefined for host functions) and its defined-function index. */
  owner: object | undefined;
  index: number;
  call(args: Value[]): Value[];
}

/** A funcref table shared by reference between interpreter instances. */
export class InterpTable {
  readonly elements: Array<FuncRef | undefined>;
  readonly max: number | undefined;

  constructor(min: number, max: number | undefined) {
    this.elements = new Array(min).fill(undefined);
    this.max = max;
  }
}

type Tagged = { [LINK]?: unknown };

export function tag<T extends object>(value: T, info: unknown): T {
  (value as Tagged)[LINK] = info;
  return value;
}

export function linkInfo<T>(value: unknown): T | undefined {
  return typeof value === 'object' || typeof value === 'function'
    ? ((value as Tagged)[LINK] as T | undefined)
    : undefined;
}

function fail(what: string, reason: string): never {
  throw new WebAssembly.LinkError(`incompatible import type for ${what}: ${reason}`);
}

export function sameType(a: FuncType, b: FuncType): boolean {
  return (
    a.params.length === b.params.length &&
    a.results.length === b.results.length &&
    a.params.every((t, i) => t === b.params[i]) &&
    a.results.every((t, i) => t === b.results[i])
  );
}

/** Import matching (spec 4.5.4 / "external types"): limits by subtyping, functions and globals exactly. */
function limitsMatch(actualMin: number, actualMax: number | undefined, wanted: Limits): boolean {
  if (actualMin < wanted.min) return false;
  if (wanted.max === undefined) return true;
  return actualMax !== undefined && actualMax <= wanted.max;
}

export function checkImport(what: string, desc: ImportDesc, value: unknown, funcType?: FuncType): void {
  switch (desc.kind) {
    case 'func': {
      if (typeof value !== 'function') fail(what, 'not a function');
      const ref = linkInfo<FuncRef>(value);
      if (ref && funcType && !sameType(ref.type, funcType)) fail(what, 'function signature mismatch');
      return;
    }
    case 'table': {
      if (!(value instanceof InterpTable)) fail(what, 'not a table');
      if (!limitsMatch(value.elements.length, value.max, desc.limits)) fail(what, 'table limits');
      return;
    }
    case 'memory': {
      if (!(value instanceof WebAssembly.Memory)) fail(what, 'not a memory');
      const max = linkInfo<{ max: number | undefined }>(value)?.max;
      if (!limitsMatch(value.buffer.byteLength / 65_536, max, desc.limits)) fail(what, 'memory limits');
      return;
    }
    case 'global': {
      if (!(value instanceof WebAssembly.Global)) fail(what, 'not a global');
      const info = linkInfo<GlobalType>(value);
      const wanted = desc.global;
      if (info && (info.type !== wanted.type || info.mutable !== wanted.mutable)) fail(what, 'global type');
      if (!info && (wanted.mutable || (typeof value.value === 'bigint') !== (wanted.type === 0x7e))) {
        fail(what, 'global type');
      }
      return;
    }
  }
}
