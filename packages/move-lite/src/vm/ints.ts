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
