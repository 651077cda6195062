import { ByteWriter, DecodeError } from '@polyvm/core';

/** A bounds-checked reader over a byte slice; every failure is a DecodeError naming the offset. */
export class Cursor {
  readonly bytes: Uint8Array;
  pos: number;
  readonly end: number;

  constructor(bytes: Uint8Array, start = 0, end = bytes.length) {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  fail(message: string): never {
    throw new DecodeError(`${message} at offset ${this.pos}`, { details: { offset: this.pos } });
  }

  u8(): number {
    if (this.pos >= this.end) this.fail('unexpected end of input');
    return this.bytes[this.pos++]!;
  }

  bytesN(n: number): Uint8Array {
    if (n > this.remaining) this.fail(`need ${n} bytes, ${this.remaining} left`);
    const out = this.bytes.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  u32le(): number {
    const b = this.bytesN(4);
    return (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  }

  /** Little-endian unsigned literal of `n` bytes. */
  uintLe(n: number): bigint {
    const b = this.bytesN(n);
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
    return v;
  }

  /** Canonical ULEB128 up to `max` (Move rejects non-minimal encodings and values past u64). */
  uleb(max = 0xffff_ffff): number {
    const start = this.pos;
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = this.u8();
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) {
        if (byte === 0 && shift > 0) {
          this.pos = start;
          this.fail('non-canonical ULEB128');
        }
        break;
      }
      shift += 7;
      if (shift > 63) this.fail('ULEB128 longer than 10 bytes');
    }
    if (value > max) {
      this.pos = start;
      this.fail(`ULEB128 value ${value} exceeds ${max}`);
    }
    return value;
  }
}

/** The core byte buffer plus the BCS integer and length-prefix encodings the serializer needs. */
export class Writer extends ByteWriter {
  /** Little-endian unsigned integer of `n` bytes (BCS u64/u128/u256). */
  uintLe(v: bigint, n: number): this {
    this.reserve(n);
    let x = v;
    for (let i = 0; i < n; i++) {
      this.buf[this.length++] = Number(x & 0xffn);
      x >>= 8n;
    }
    return this;
  }

  /** ULEB128 length prefix followed by the bytes (BCS `vector<u8>`). */
  lenBytes(b: Uint8Array): this {
    return this.uleb128(b.length).bytes(b);
  }
}
