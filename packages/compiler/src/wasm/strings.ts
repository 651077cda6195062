/** Interned byte strings placed in the module's data segment (argument names, storage prefixes, messages). */
import { UnsupportedError } from '@polyvm/core';
import { DATA, DATA_CAPACITY } from './runtime-wat.js';

export interface StringRef {
  readonly ptr: number;
  readonly len: number;
}

export class StringTable {
  readonly #refs = new Map<string, StringRef>();
  readonly #chunks: Uint8Array[] = [];
  #next = DATA;

  intern(bytes: Uint8Array): StringRef {
    const key = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    const known = this.#refs.get(key);
    if (known !== undefined) return known;
    if (this.#next + bytes.length > DATA + DATA_CAPACITY) {
      throw new UnsupportedError(`unsupported on wasm: more than ${DATA_CAPACITY} bytes of string constants`);
    }
    const ref = { ptr: this.#next, len: bytes.length };
    this.#refs.set(key, ref);
    this.#chunks.push(bytes);
    this.#next += bytes.length;
    return ref;
  }

  text(value: string): StringRef {
    return this.intern(new TextEncoder().encode(value));
  }

  /** The `(data …)` segment holding every interned string. */
  dataSegment(): string {
    const all = this.#chunks.flatMap((c) => Array.from(c));
    const escaped = all.map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('');
    return `(data (i32.const ${DATA}) "${escaped}")`;
  }
}
