import { vmError } from './errors.js';
import type { Int } from './ints.js';
import type { NativeFunction } from './natives.js';
import type { Ref, Value } from './value.js';

/** Helpers natives use to read their arguments. */

/** A `vector<u8>` value as bytes. */
export const bytesOf = (v: Value): Uint8Array => Uint8Array.from(v as Int[], (b) => Number(b));
/** Bytes as a `vector<u8>` value. */
export const vectorOf = (b: Uint8Array): Value[] => Array.from(b);
/** The vector a `&vector<T>` / `&mut vector<T>` argument points at. */
export const vectorAt = (r: Value): Value[] => (r as Ref).read() as Value[];

/** A checked vector index (move-stdlib aborts with `VECTOR_OPERATION_ERROR` past the end). */
export function vectorIndex(v: Value[], i: Value): number {
  if ((i as Int) >= v.length) {
    throw vmError('VECTOR_OPERATION_ERROR', `index ${i} out of range (length ${v.length})`);
  }
  return Number(i as Int);
}

/** A native hashing a `vector<u8>`, charged `base + perByte × length` as crypto gas. */
export const hashNative =
  (fn: (b: Uint8Array) => Uint8Array, base: number, perByte: number): NativeFunction =>
  (ctx, _t, [data]) => {
    const bytes = bytesOf(data!);
    ctx.charge(base + perByte * bytes.length, 'crypto');
    return [vectorOf(fn(bytes))];
  };
