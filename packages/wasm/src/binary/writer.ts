/** A growable byte buffer with the LEB128 writers the binary format needs. */
export class ByteWriter {
  #buf: Uint8Array;
  length = 0;

  constructor(capacity = 256) {
    this.#buf = new Uint8Array(capacity);
  }

  #reserve(n: number): void {
    if (this.length + n <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf.subarray(0, this.length));
    this.#buf = next;
  }

  u8(b: number): this {
    this.#reserve(1);
    this.#buf[this.length++] = b;
    return this;
  }

  u32(value: number): this {
    this.#reserve(5);
    let v = value >>> 0;
    do {
      let b = v & 0x7f;
      v >>>= 7;
      if (v !== 0) b |= 0x80;
      this.#buf[this.length++] = b;
    } while (v !== 0);
    return this;
  }

  s32(value: number): this {
    this.#reserve(5);
    let v = value | 0;
    for (;;) {
      const b = v & 0x7f;
      v >>= 7;
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
        this.#buf[this.length++] = b;
        return this;
      }
      this.#buf[this.length++] = b | 0x80;
    }
  }

  s64(value: bigint): this {
    this.#reserve(10);
    let v = BigInt.asIntN(64, value);
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) {
        this.#buf[this.length++] = b;
        return this;
      }
      this.#buf[this.length++] = b | 0x80;
    }
  }

  /** Signed LEB128 of a non-negative safe integer, without a bigint round trip (gas constants). */
  s64Number(value: number): this {
    this.#reserve(10);
    let v = value;
    for (;;) {
      const b = v % 128;
      v = Math.floor(v / 128);
      if (v === 0 && b < 0x40) {
        this.#buf[this.length++] = b;
        return this;
      }
      this.#buf[this.length++] = b | 0x80;
    }
  }

  /** Copies `bytes[start, end)`. */
  range(bytes: Uint8Array, start: number, end: number): this {
    const n = end - start;
    this.#reserve(n);
    this.#buf.set(bytes.subarray(start, end), this.length);
    this.length += n;
    return this;
  }

  bytes(data: Uint8Array): this {
    this.#reserve(data.length);
    this.#buf.set(data, this.length);
    this.length += data.length;
    return this;
  }

  /** Appends what another writer holds, without an intermediate copy. */
  append(other: ByteWriter): this {
    return this.range(other.#buf, 0, other.length);
  }

  name(text: string): this {
    const data = new TextEncoder().encode(text);
    return this.u32(data.length).bytes(data);
  }

  /** Appends `id`, then the size-prefixed content written by `body` (binary format 5.5.2). */
  section(id: number, body: ByteWriter): this {
    return this.u8(id).u32(body.length).bytes(body.finish());
  }

  finish(): Uint8Array {
    return this.#buf.slice(0, this.length);
  }
}
