/**
 * 64-bit integer helpers on (lo, hi) int32 halves, so registers never become bigints in the hot
 * loop. Results land in `out` ([lo, hi]) to avoid allocating.
 */
export const out = new Int32Array(2);

/** Wrapping 64×64→64 multiply from 16-bit partial products (each exact in a double). */
export function mul64(alo: number, ahi: number, blo: number, bhi: number): void {
  const a0 = alo & 0xffff;
  const a1 = alo >>> 16;
  const b0 = blo & 0xffff;
  const b1 = blo >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  out[0] = ((mid & 0xffff) << 16) | (p00 & 0xffff);
  const carryHi = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + Math.floor(mid / 0x10000);
  out[1] = (carryHi + Math.imul(alo, bhi) + Math.imul(ahi, blo)) | 0;
}

const U64 = (1n << 64n) - 1n;
const toBig = (lo: number, hi: number): bigint => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);

/** Unsigned 64-bit division or remainder; the divisor is non-zero (checked by the caller). */
export function divmod64(alo: number, ahi: number, blo: number, bhi: number, remainder: boolean): void {
  if (ahi === 0 && bhi === 0) {
    const a = alo >>> 0;
    const b = blo >>> 0;
    out[0] = remainder ? a % b : Math.floor(a / b);
    out[1] = 0;
    return;
  }
  const a = toBig(alo, ahi);
  const b = toBig(blo, bhi);
  const r = (remainder ? a % b : a / b) & U64;
  out[0] = Number(r & 0xffffffffn) | 0;
  out[1] = Number(r >> 32n) | 0;
}

export function bswap32(x: number): number {
  return ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | ((x >>> 24) & 0xff);
}

export function bswap16(x: number): number {
  return ((x & 0xff) << 8) | ((x >>> 8) & 0xff);
}

const TWO_32 = 0x1_0000_0000;

/**
 * Register halves → unsigned bigint. Values below 2^53 (every address and length a program
 * passes) become one `BigInt(number)` instead of a shift and an or of two bigints.
 */
export function regToBigInt(lo: number, hi: number): bigint {
  const h = hi >>> 0;
  return h < 0x20_0000 ? BigInt(h * TWO_32 + (lo >>> 0)) : toBig(lo, hi);
}
