import { InvalidArgumentError } from './errors.js';

/**
 * A growable byte buffer: the shared base of the binary-format encoders (wasm sections, Move
 * modules, BCS values). Subclasses add their format's own integer encodings.
 */
export class ByteWriter {
  protected buf: Uint8Array;
  length = 0;

  constructor(capacity = 256) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new InvalidArgumentError(`capacity must be a positive integer, got ${capacity}`);
    }
    this.buf = new Uint8Array(capacity);
  }

  /** Makes room for `n` more bytes, doubling so appends stay amortized O(1). */
  protected reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  u8(value: number): this {
    this.reserve(1);
    this.buf[this.length++] = value & 0xff;
    return this;
  }

  bytes(data: Uint8Array): this {
    this.reserve(data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
    return this;
  }

  /** Copies `data[start, end)`. */
  range(data: Uint8Array, start: number, end: number): this {
    return this.bytes(data.subarray(start, end));
  }

  /** Appends what another writer holds, without an intermediate copy. */
  append(other: ByteWriter): this {
    return this.range(other.buf, 0, other.length);
  }

  /** Unsigned LEB128 of a non-negative safe integer (wasm `u32`/`u64` immediates, Move and BCS ULEB128). */
  uleb128(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new InvalidArgumentError(`ULEB128 value must be a non-negative safe integer, got ${value}`);
    }
    this.reserve(8);
    let v = value;
    while (v >= 0x80) {
      this.buf[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.length++] = v;
    return this;
  }

  /** Little-endian u32. */
  u32le(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
      throw new InvalidArgumentError(`u32 must be an integer in [0, 2^32), got ${value}`);
    }
    this.reserve(4);
    for (let i = 0; i < 4; i++) this.buf[this.length++] = (value >>> (8 * i)) & 0xff;
    return this;
  }

  /** A copy of the bytes written so far. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
