/**
 * 256-bit word arithmetic on non-negative bigints, as the Yellow Paper Appendix H defines it:
 * results are taken mod 2^256, signed operations read words as two's complement.
 */
export const MAX_U256 = (1n << 256n) - 1n;
const SIGN_BIT = 1n << 255n;
const TWO_256 = 1n << 256n;
/** Digit values of lower-case hex characters, by char code (`toString(16)` output). */
const HEX_VALUE = new Uint8Array(128);
for (let i = 0; i < 10; i++) HEX_VALUE[48 + i] = i;
for (let i = 0; i < 6; i++) HEX_VALUE[97 + i] = 10 + i;

export function toSigned(x: bigint): bigint {
  return x & SIGN_BIT ? x - TWO_256 : x;
}

export function fromSigned(x: bigint): bigint {
  return x < 0n ? x + TWO_256 : x;
}

/** SDIV: truncates toward zero; -2^255 / -1 overflows back to -2^255. */
export function sdiv(a: bigint, b: bigint): bigint {
  if (b === 0n) return 0n;
  return fromSigned(toSigned(a) / toSigned(b)) & MAX_U256;
}

/** SMOD: the result takes the sign of the dividend (JS `%` semantics). */
export function smod(a: bigint, b: bigint): bigint {
  if (b === 0n) return 0n;
  return fromSigned(toSigned(a) % toSigned(b));
}

/**
 * EXP mod 2^256 by fixed 4-bit windows: 4 squarings and at most one multiplication per exponent
 * nibble, about a sixth fewer 256-bit products than bit-by-bit square-and-multiply.
 */
export function exp(base: bigint, exponent: bigint): bigint {
  if (exponent === 0n) return 1n;
  if (base < 2n) return base;
  // Even bases lose their value after 256 factors of two.
  if ((base & 1n) === 0n && exponent >= 256n) return 0n;
  const powers: bigint[] = [1n, base];
  for (let i = 2; i < 16; i++) powers.push((powers[i - 1]! * base) & MAX_U256);
  const hex = exponent.toString(16);
  let result = powers[HEX_VALUE[hex.charCodeAt(0)]!]!;
  for (let i = 1; i < hex.length; i++) {
    result = (result * result) & MAX_U256;
    result = (result * result) & MAX_U256;
    result = (result * result) & MAX_U256;
    result = (result * result) & MAX_U256;
    const nibble = HEX_VALUE[hex.charCodeAt(i)]!;
    if (nibble !== 0) result = (result * powers[nibble]!) & MAX_U256;
  }
  return result;
}

/** SIGNEXTEND(b, x): extends the sign of byte `b` (0 = least significant) of `x`. */
export function signExtend(byteIndex: bigint, x: bigint): bigint {
  if (byteIndex >= 31n) return x;
  const bits = (byteIndex + 1n) * 8n;
  const mask = (1n << bits) - 1n;
  const value = x & mask;
  return value & (1n << (bits - 1n)) ? (value | ~mask) & MAX_U256 : value;
}

/** BYTE(i, x): byte i of x counting from the most significant. */
export function byteAt(index: bigint, x: bigint): bigint {
  if (index >= 32n) return 0n;
  return (x >> (8n * (31n - index))) & 0xffn;
}

export function shl(shift: bigint, x: bigint): bigint {
  return shift >= 256n ? 0n : (x << shift) & MAX_U256;
}

export function shr(shift: bigint, x: bigint): bigint {
  return shift >= 256n ? 0n : x >> shift;
}

/** SAR: arithmetic shift; shifts of 256 or more give 0 or all ones by sign (EIP-145). */
export function sar(shift: bigint, x: bigint): bigint {
  const negative = (x & SIGN_BIT) !== 0n;
  if (shift >= 256n) return negative ? MAX_U256 : 0n;
  return fromSigned(toSigned(x) >> shift) & MAX_U256;
}

export function slt(a: bigint, b: bigint): boolean {
  return toSigned(a) < toSigned(b);
}

/** Big-endian bytes of `x`, left-padded (or truncated to the low bytes) to `width`. */
export function wordToBytes(x: bigint, width = 32): Uint8Array {
  const out = new Uint8Array(width);
  writeBytes(out, 0, width, x);
  return out;
}

/** Writes the 32-byte big-endian form of `x` into `target` at `offset`. */
export function writeWord(target: Uint8Array, offset: number, x: bigint): void {
  writeBytes(target, offset, 32, x);
}

/**
 * A 32-byte scratch word with a DataView on it: four 64-bit big-endian reads or writes convert a
 * word in ten bigint operations, where a hex string costs a string concatenation per byte.
 */
const SCRATCH = new Uint8Array(32);
const SCRATCH_VIEW = new DataView(SCRATCH.buffer);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const TWO_32 = 2 ** 32;

/**
 * Writes `x` big-endian into `width` bytes at `offset` (the low `width` bytes when it is wider).
 * Words below 2^53 take no bigint arithmetic at all; other words up to 256 bits go through the
 * scratch view; wider values (modexp's operands) through their hex form.
 */
export function writeBytes(target: Uint8Array, offset: number, width: number, x: bigint): void {
  if (x <= MAX_SAFE) {
    const n = Number(x);
    const split = width > 8 ? width - 8 : 0;
    target.fill(0, offset, offset + split);
    let lo = n >>> 0;
    let hi = Math.floor(n / TWO_32);
    for (let i = offset + width - 1, k = 0; i >= offset + split; i--, k++) {
      if (k < 4) {
        target[i] = lo & 0xff;
        lo >>>= 8;
      } else {
        target[i] = hi & 0xff;
        hi >>>= 8;
      }
    }
    return;
  }
  if (width > 32 || x > MAX_U256) {
    writeHex(target, offset, width, x);
    return;
  }
  SCRATCH_VIEW.setBigUint64(0, BigInt.asUintN(64, x >> 192n));
  SCRATCH_VIEW.setBigUint64(8, BigInt.asUintN(64, x >> 128n));
  SCRATCH_VIEW.setBigUint64(16, BigInt.asUintN(64, x >> 64n));
  SCRATCH_VIEW.setBigUint64(24, BigInt.asUintN(64, x));
  for (let i = 0; i < width; i++) target[offset + i] = SCRATCH[32 - width + i]!;
}

function writeHex(target: Uint8Array, offset: number, width: number, x: bigint): void {
  const hex = x.toString(16);
  let j = hex.length;
  let i = offset + width - 1;
  while (j > 1 && i >= offset) {
    target[i--] = (HEX_VALUE[hex.charCodeAt(j - 2)]! << 4) | HEX_VALUE[hex.charCodeAt(j - 1)]!;
    j -= 2;
  }
  if (j === 1 && i >= offset) target[i--] = HEX_VALUE[hex.charCodeAt(0)]!;
  if (i >= offset) target.fill(0, offset, i + 1);
}

/** Reads up to 32 bytes big-endian from `source[offset..offset+length)`, zero-padding past its end. */
export function readWord(source: Uint8Array, offset: number, length = 32): bigint {
  // Right-align the bytes in the scratch word, so `length` < 32 reads the same as a left-padded word.
  const pad = 32 - length;
  let firstNonZero = 32;
  for (let i = 0; i < length; i++) {
    const b = source[offset + i] ?? 0;
    SCRATCH[pad + i] = b;
    if (b !== 0 && firstNonZero === 32) firstNonZero = pad + i;
  }
  if (firstNonZero === 32) return 0n;
  if (firstNonZero >= 26) {
    // At most 6 significant bytes: exact as a JS number.
    let v = 0;
    for (let i = firstNonZero; i < 32; i++) v = v * 256 + SCRATCH[i]!;
    return BigInt(v);
  }
  SCRATCH.fill(0, 0, pad);
  if (firstNonZero >= 24) return SCRATCH_VIEW.getBigUint64(24);
  return (
    (SCRATCH_VIEW.getBigUint64(0) << 192n) |
    (SCRATCH_VIEW.getBigUint64(8) << 128n) |
    (SCRATCH_VIEW.getBigUint64(16) << 64n) |
    SCRATCH_VIEW.getBigUint64(24)
  );
}

/** A big-endian byte string of any length (modexp reads operands wider than a word) as a bigint. */
export function bytesToWord(bytes: Uint8Array): bigint {
  if (bytes.length <= 32) return readWord(bytes, 0, bytes.length);
  let hex = '0x0';
  for (let i = 0; i < bytes.length; i++) hex += HEX_BYTE[bytes[i]!];
  return BigInt(hex);
}

const HEX_BYTE: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
