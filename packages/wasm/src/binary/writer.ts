import { ByteWriter as CoreByteWriter } from '@polyvm/core';

/** The core byte buffer plus the signed LEB128 and section writers of the wasm binary format. */
export class ByteWriter extends CoreByteWriter {
  /** `u32` (binary format 5.2.2): unsigned LEB128. */
  u32(value: number): this {
    return this.uleb128(value >>> 0);
  }

  s32(value: number): this {
    this.reserve(5);
    let v = value | 0;
    for (;;) {
      const b = v & 0x7f;
      v >>= 7;
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
        this.buf[this.length++] = b;
        return this;
      }
      this.buf[this.length++] = b | 0x80;
    }
  }

  s64(value: bigint): this {
    this.reserve(10);
    let v = BigInt.asIntN(64, value);
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) {
        this.buf[this.length++] = b;
        return this;
      }
      this.buf[this.length++] = b | 0x80;
    }
  }

  /** Signed LEB128 of a non-negative safe integer, without a bigint round trip (gas constants). */
  s64Number(value: number): this {
    this.reserve(10);
    let v = value;
    for (;;) {
      const b = v % 128;
      v = Math.floor(v / 128);
      if (v === 0 && b < 0x40) {
        this.buf[this.length++] = b;
        return this;
      }
      this.buf[this.length++] = b | 0x80;
    }
  }

  name(text: string): this {
    const data = new TextEncoder().encode(text);
    return this.u32(data.length).bytes(data);
  }

  /** Appends `id`, then the size-prefixed content written by `body` (binary format 5.5.2). */
  section(id: number, body: ByteWriter): this {
    return this.u8(id).u32(body.length).append(body);
  }
}
