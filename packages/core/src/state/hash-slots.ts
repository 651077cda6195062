/**
 * 32-byte slots carved from 64 KiB chunks, addressed by number. A trie node holding a slot number
 * instead of its own `Uint8Array` saves the typed-array object, its ArrayBuffer and its backing-store
 * record, about 200 bytes per array in V8, which was most of the commitment's memory per key.
 * Freed slots are reused first, so a state that churns keys does not grow the chunks.
 */
export class HashSlots {
  readonly #chunks: Uint8Array[] = [];
  readonly #free: number[] = [];
  #next = 0;

  allocate(): number {
    const reused = this.#free.pop();
    if (reused !== undefined) return reused;
    const slot = this.#next++;
    if (slot >>> CHUNK_BITS === this.#chunks.length) this.#chunks.push(new Uint8Array(SLOT << CHUNK_BITS));
    return slot;
  }

  release(slot: number): void {
    this.#free.push(slot);
  }

  /** A view of the slot's 32 bytes (valid until the slot is released). */
  view(slot: number): Uint8Array {
    const offset = (slot & SLOT_MASK) * SLOT;
    return this.#chunks[slot >>> CHUNK_BITS]!.subarray(offset, offset + SLOT);
  }

  write(slot: number, bytes: Uint8Array): void {
    this.#chunks[slot >>> CHUNK_BITS]!.set(bytes, (slot & SLOT_MASK) * SLOT);
  }
}

const SLOT = 32;
/** 2^11 slots of 32 bytes: 64 KiB per chunk. */
const CHUNK_BITS = 11;
const SLOT_MASK = (1 << CHUNK_BITS) - 1;
