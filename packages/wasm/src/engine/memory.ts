import { ExecutionError } from '@polyvm/core';
import './webassembly.js';

/** Bounds-checked access to a guest's linear memory (views are re-taken: memory.grow detaches them). */
export class GuestMemory {
  readonly #memory: WebAssembly.Memory;

  constructor(memory: WebAssembly.Memory) {
    this.#memory = memory;
  }

  get size(): number {
    return this.#memory.buffer.byteLength;
  }

  read(ptr: number, len: number): Uint8Array {
    this.#check(ptr, len);
    return new Uint8Array(this.#memory.buffer, ptr, len).slice();
  }

  write(ptr: number, data: Uint8Array): void {
    this.#check(ptr, data.length);
    new Uint8Array(this.#memory.buffer, ptr, data.length).set(data);
  }

  u32(ptr: number): number {
    this.#check(ptr, 4);
    return new DataView(this.#memory.buffer).getUint32(ptr, true);
  }

  setU32(ptr: number, value: number): void {
    this.#check(ptr, 4);
    new DataView(this.#memory.buffer).setUint32(ptr, value, true);
  }

  /** Reads bytes up to a NUL terminator (NEAR's `len == u64::MAX` convention). */
  readCString(ptr: number): Uint8Array {
    const bytes = new Uint8Array(this.#memory.buffer);
    let end = ptr;
    while (end < bytes.length && bytes[end] !== 0) end++;
    if (end >= bytes.length) throw new ExecutionError('memory access out of bounds reading a C string');
    return bytes.slice(ptr, end);
  }

  #check(ptr: number, len: number): void {
    if (
      !Number.isSafeInteger(ptr) ||
      !Number.isSafeInteger(len) ||
      ptr < 0 ||
      len < 0 ||
      ptr + len > this.size
    ) {
      throw new ExecutionError(`memory access out of bounds: [${ptr}, ${ptr}+${len}) of ${this.size}`, {
        details: { ptr, len, size: this.size },
      });
    }
  }
}
