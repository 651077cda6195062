import type { CompiledModule } from '../binary/types.js';

/**
 * Runtime values. Integers of every width are a `number` below 2^53 and a `bigint` above
 * (`ints.ts`; the verifier fixes each instruction's width, so values carry no tag); bool is
 * `boolean`; address and signer are `Uint8Array`
 * (never mutated in place); vectors and structs are JS arrays; references are `Ref`.
 */
export type Value = number | bigint | boolean | Uint8Array | Value[] | Ref;

/** A reference: slot `index` of `cell` (a frame's locals, a struct's fields, a vector, a global cell). */
export class Ref {
  constructor(
    readonly cell: Value[],
    readonly index: number,
  ) {}

  read(): Value {
    return this.cell[this.index]!;
  }

  write(value: Value): void {
    this.cell[this.index] = value;
  }
}

/** A struct type resolved to its defining module. */
export interface StructType {
  module: CompiledModule;
  address: Uint8Array;
  moduleName: string;
  name: string;
  def: number;
  abilities: number;
  fieldNames: string[];
}

/** A fully instantiated runtime type (no type parameters left). */
export type RType =
  | { k: 'bool' | 'u8' | 'u16' | 'u32' | 'u64' | 'u128' | 'u256' | 'address' | 'signer' }
  | { k: 'vector'; e: RType }
  | { k: 'struct'; s: StructType; args: RType[]; fields: RType[] };

/** Deep copy (CopyLoc, ReadRef): aggregates are copied, scalars and immutable bytes are shared. */
export function copyValue(v: Value): Value {
  if (Array.isArray(v)) {
    const out: Value[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copyValue(v[i]!);
    return out;
  }
  return v;
}

/** Structural equality (Eq/Neq); references compare by the values they point to. */
export function equalValues(a: Value, b: Value): boolean {
  if (a === b) return true;
  // Integers compare by value whichever form they are in.
  if (typeof a === 'number' || typeof a === 'bigint') {
    return (typeof b === 'number' || typeof b === 'bigint') && BigInt(a) === BigInt(b);
  }
  if (a instanceof Ref) return b instanceof Ref && equalValues(a.read(), b.read());
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equalValues(a[i]!, b[i]!)) return false;
    return true;
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  return false;
}

/** Number of leaves of a value: the "abstract value size" used for size-dependent gas. */
export function abstractSize(v: Value): number {
  if (!Array.isArray(v)) return 1;
  let n = 1;
  for (const x of v) n += abstractSize(x);
  return n;
}

/** A readable rendering for traces and the CLI. */
export function formatValue(v: Value): string {
  if (typeof v === 'bigint' || typeof v === 'number') return v.toString();
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Uint8Array) return `0x${Buffer.from(v).toString('hex')}`;
  if (v instanceof Ref) return `&${formatValue(v.read())}`;
  return `[${v.map(formatValue).join(', ')}]`;
}

/**
 * Memory-quota sizes, after Aptos' abstract value sizes (aptos-gas-schedule `misc.rs` `abs_val`):
 * a value inside a vector or struct takes its packed size (u64 8, bool 1, address 32 — integers
 * carry no width at run time, so all count 8 — and 40 for a nested vector or struct, whose own
 * contents are counted where they were created); `heapSize` is what an aggregate holds.
 */
export function packedSize(v: Value): number {
  if (typeof v === 'bigint' || typeof v === 'number') return 8;
  if (typeof v === 'boolean') return 1;
  if (v instanceof Uint8Array) return 32;
  return v instanceof Ref ? 8 : 40;
}

export function heapSize(v: Value): number {
  if (!Array.isArray(v)) return 0;
  let n = 0;
  for (const x of v) n += Array.isArray(x) ? 40 + heapSize(x) : packedSize(x);
  return n;
}
