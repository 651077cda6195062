/**
 * Integer representation: u8–u64 values below 2^53 are JS `number`s (so u8–u32 always are), larger
 * u64 values and every u128/u256 a `bigint`. Producers keep this canonical form so the hot paths
 * stay on numbers; every consumer still accepts either form.
 */
export type Int = number | bigint;

/** The canonical form of a u8–u64 value. */
export const canonical = (v: bigint): Int => (v <= 9007199254740991n ? Number(v) : v);

/** `IntKind.U64`: kinds up to it may be numbers. */
const U64 = 4;

/** The canonical form of a value of integer kind `k`. */
export const canonicalOf = (v: bigint, k: number): Int => (k <= U64 ? canonical(v) : v);

/** Either form as a bigint, for the slow paths. */
export const big = (v: Int): bigint => (typeof v === 'bigint' ? v : BigInt(v));

/** The last divisor seen by `bigMod`/`bigDiv` and its log2 if it is a power of two (else -1). */
let lastDivisor = 0n;
let lastShift = -1;
let lastShiftBig = 0n;

/** log2 of `b` when it is a power of two, else -1; loops divide by one constant, so the answer is cached. */
function powerOfTwo(b: bigint): number {
  if (b !== lastDivisor) {
    lastDivisor = b;
    lastShift = (b & (b - 1n)) === 0n ? b.toString(2).length - 1 : -1;
    lastShiftBig = BigInt(Math.max(lastShift, 0));
  }
  return lastShift;
}

/**
 * `x % b` for unsigned `x` and nonzero `b`. V8 divides bigints in software (~250 ns at 128 bits);
 * a power-of-two modulus is a truncation instead (`u128 % 2^64` is the usual way to wrap).
 */
export const bigMod = (x: bigint, b: bigint): bigint =>
  powerOfTwo(b) < 0 ? x % b : BigInt.asUintN(lastShift, x);

/** `x / b` for unsigned `x` and nonzero `b`; a power-of-two divisor is a shift. */
export const bigDiv = (x: bigint, b: bigint): bigint => (powerOfTwo(b) < 0 ? x / b : x >> lastShiftBig);
