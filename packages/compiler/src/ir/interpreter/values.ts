/**
 * Runtime values of the IR interpreter: value types are bigint (signed as negative), string/bytes are
 * Uint8Array, memory arrays and structs are mutable JS arrays (so memory aliasing is JS aliasing), and a
 * storage pointer local holds its resolved position.
 */
import type { IrType } from '../types.js';
import type { StoragePosition } from './storage.js';

export class StoragePointer {
  constructor(
    readonly type: IrType,
    readonly position: StoragePosition,
  ) {}
}

export type Value = bigint | Uint8Array | Value[] | StoragePointer;

/** The zero value of a type in memory (`let x;`, named returns, `new T[](n)` elements). */
export function zeroValue(type: IrType): Value {
  switch (type.kind) {
    case 'string':
    case 'bytes':
      return new Uint8Array();
    case 'struct':
      return type.fields.map((f) => zeroValue(f.type));
    case 'array':
      return type.length === null ? [] : Array.from({ length: type.length }, () => zeroValue(type.element));
    default:
      return 0n;
  }
}
