import { DecodeError } from '@polyvm/core';

// ignoreBOM: a leading U+FEFF is part of a name, not a byte-order mark to strip.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A cursor over a WebAssembly binary. LEB128 reads follow the spec's binary format (section 5.2.2):
 * at most ceil(N/7) bytes for an N-bit integer and the unused bits of the last byte must be a sign
 * or zero extension, else the encoding is "integer representation too long" / "integer too large".
 */
export class ByteReader {
  readonly bytes: Uint8Array;
  pos: number;
  end: number;

  constructor(bytes: Uint8Array, start = 0, end = bytes.length) {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
  }

  get atEnd(): boolean {
    return this.pos >= this.end;
  }

  fail(message: string, at = this.pos): never {
    throw new DecodeError(`${message} at byte ${at}`, { details: { offset: at, reason: message } });
  }

  u8(): number {
    if (this.pos >= this.end) this.fail('unexpected end');
    return this.bytes[this.pos++]!;
  }

  /** Unsigned LEB128, up to 32 bits. */
  u32(): number {
    const bytes = this.bytes;
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      if (this.pos >= this.end) this.fail('unexpected end');
      const b = bytes[this.pos++]!;
      if (i === 4 && (b & 0x70) !== 0) this.fail('integer too large', this.pos - 1);
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
    return this.fail('integer representation too long', this.pos - 1);
  }

  /** Signed LEB128, up to 32 bits. */
  s32(): number {
    const bytes = this.bytes;
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      if (this.pos >= this.end) this.fail('unexpected end');
      const b = bytes[this.pos++]!;
      if (i === 4) {
        // Bits 32..34 of the value live in b's low nibble; they must all equal the sign bit (bit 3).
        const high = b & 0x78;
        if (high !== 0 && high !== 0x78) this.fail('integer too large', this.pos - 1);
      }
      result |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) {
        if (shift < 32 && (b & 0x40) !== 0) result |= -1 << shift;
        return result | 0;
      }
    }
    return this.fail('integer representation too long', this.pos - 1);
  }

  /** Signed 33-bit LEB128 (block types): returns a number in [-2^32, 2^32). */
  s33(): number {
    const start = this.pos;
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 5; i++) {
      const b = this.u8();
      if (i === 4) {
        const high = b & 0x70;
        if (high !== 0 && high !== 0x70) this.fail('integer too large', this.pos - 1);
      }
      result += (b & 0x7f) * mul;
      mul *= 128;
      if ((b & 0x80) === 0) {
        if ((b & 0x40) !== 0) result -= mul;
        return result;
      }
    }
    return this.fail('integer representation too long', start);
  }

  /** Signed LEB128, up to 64 bits, as a bigint. */
  s64(): bigint {
    const bytes = this.bytes;
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) this.fail('unexpected end');
      const b = bytes[this.pos++]!;
      if (i === 9 && b !== 0 && b !== 0x7f) this.fail('integer too large', this.pos - 1);
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) {
        if (shift < 64n && (b & 0x40) !== 0) result -= 1n << shift;
        return BigInt.asIntN(64, result);
      }
    }
    return this.fail('integer representation too long', this.pos - 1);
  }

  /** Skips a signed 64-bit LEB128 with the same checks as `s64`, without building a bigint. */
  skipS64(): void {
    for (let i = 0; i < 10; i++) {
      const b = this.u8();
      if (i === 9 && b !== 0 && b !== 0x7f) this.fail('integer too large', this.pos - 1);
      if ((b & 0x80) === 0) return;
    }
    this.fail('integer representation too long', this.pos - 1);
  }

  skip(n: number): void {
    if (this.end - this.pos < n) this.fail('unexpected end');
    this.pos += n;
  }

  take(n: number): Uint8Array {
    if (n > this.end - this.pos) this.fail('length out of bounds');
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** A `name`: a length-prefixed string that must be valid UTF-8 (binary format 5.2.4). */
  name(): string {
    const raw = this.take(this.u32());
    try {
      return utf8.decode(raw);
    } catch {
      return this.fail('malformed UTF-8 encoding');
    }
  }
}
