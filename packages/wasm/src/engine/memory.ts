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

  /** A bounds-checked view without copying; valid until the guest runs again (memory.grow detaches it). */
  view(ptr: number, len: number): Uint8Array {
    this.#check(ptr, len);
    return new Uint8Array(this.#memory.buffer, ptr, len);
  }

  /**
   * Length in bytes of a NUL-terminated string of `unit`-byte code units at `ptr`, scanning at most
   * `max + unit` bytes: the offset of the terminator, `max + unit` when none was found within `max`
   * bytes, or -1 when memory ends first. The scan is bounded so a caller can charge for it.
   */
  nulTerminatedLength(ptr: number, max: number, unit: 1 | 2): number {
    const bytes = new Uint8Array(this.#memory.buffer);
    for (let len = 0; len <= max; len += unit) {
      const at = ptr + len;
      if (!Number.isSafeInteger(at) || at < 0 || at + unit > bytes.length) return -1;
      if (bytes[at] === 0 && (unit === 1 || bytes[at + 1] === 0)) return len;
    }
    return max + unit;
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
