/**
 * Numeric helpers for the interpreter. Values are kept as bit patterns so that NaN payloads survive
 * exactly as the spec requires for non-arithmetic operations: i32 as an int32 number, i64 as a
 * signed 64-bit bigint, f32 as its uint32 bits (number), f64 as its uint64 bits (bigint).
 */
const scratch = new DataView(new ArrayBuffer(8));

export function f32FromBits(bits: number): number {
  scratch.setUint32(0, bits, true);
  return scratch.getFloat32(0, true);
}

export function f32ToBits(value: number): number {
  scratch.setFloat32(0, value, true);
  return scratch.getUint32(0, true);
}

export function f64FromBits(bits: bigint): number {
  scratch.setBigUint64(0, bits, true);
  return scratch.getFloat64(0, true);
}

export function f64ToBits(value: number): bigint {
  scratch.setFloat64(0, value, true);
  return scratch.getBigUint64(0, true);
}

/** Canonical NaNs (spec 4.3.3): what an arithmetic op returns for NaN results. */
export const F32_CANONICAL_NAN = 0x7fc00000;
export const F64_CANONICAL_NAN = 0x7ff8000000000000n;

export function f32Result(value: number): number {
  return Number.isNaN(value) ? F32_CANONICAL_NAN : f32ToBits(value);
}

export function f64Result(value: number): bigint {
  return Number.isNaN(value) ? F64_CANONICAL_NAN : f64ToBits(value);
}

export const i64 = (v: bigint): bigint => BigInt.asIntN(64, v);
export const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);

export function clz64(v: bigint): bigint {
  const u = u64(v);
  const high = Number(u >> 32n);
  return BigInt(high !== 0 ? Math.clz32(high) : 32 + Math.clz32(Number(u & 0xffffffffn)));
}

export function ctz32(v: number): number {
  if (v === 0) return 32;
  return 31 - Math.clz32(v & -v);
}

export function ctz64(v: bigint): bigint {
  const u = u64(v);
  const low = Number(u & 0xffffffffn);
  return BigInt(low !== 0 ? ctz32(low) : 32 + ctz32(Number(u >> 32n)));
}

export function popcnt32(v: number): number {
  let x = v >>> 0;
  let n = 0;
  while (x !== 0) {
    x &= x - 1;
    n++;
  }
  return n;
}

export function popcnt64(v: bigint): bigint {
  const u = u64(v);
  return BigInt(popcnt32(Number(u & 0xffffffffn)) + popcnt32(Number(u >> 32n)));
}

export function rotl32(v: number, n: number): number {
  const k = n & 31;
  return (v << k) | (v >>> ((32 - k) & 31)) | 0;
}

export function rotl64(v: bigint, n: bigint): bigint {
  const k = u64(n) & 63n;
  const u = u64(v);
  return i64((u << k) | (u >> ((64n - k) & 63n)));
}

/** Round half to even (f32.nearest / f64.nearest), keeping the sign of zero. */
export function nearest(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const floor = Math.floor(x);
  const diff = x - floor;
  const r = diff < 0.5 ? floor : diff > 0.5 ? floor + 1 : floor % 2 === 0 ? floor : floor + 1;
  return r === 0 ? (x < 0 ? -0 : 0) : r;
}

/** IEEE min/max with the spec's NaN and signed-zero rules. */
export function fmin(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  if (a === 0 && b === 0) return Object.is(a, -0) || Object.is(b, -0) ? -0 : 0;
  return Math.min(a, b);
}

export function fmax(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  if (a === 0 && b === 0) return Object.is(a, 0) || Object.is(b, 0) ? 0 : -0;
  return Math.max(a, b);
}

export class TrapError extends Error {
  override name = 'TrapError';
  readonly kind: 'trap' | 'exhaustion' | 'out-of-gas';
  constructor(message: string, kind: 'trap' | 'exhaustion' | 'out-of-gas' = 'trap') {
    super(message);
    this.kind = kind;
  }
}

/** Truncation to an integer range (trapping form): NaN and out-of-range values trap. */
export function truncChecked(x: number, min: number, maxExclusive: number): number {
  if (Number.isNaN(x)) throw new TrapError('invalid conversion to integer');
  const t = Math.trunc(x);
  if (t < min || t >= maxExclusive) throw new TrapError('integer overflow');
  return t;
}

/** Saturating truncation (non-trapping float-to-int proposal). */
export function truncSat(x: number, min: number, max: number): number {
  if (Number.isNaN(x)) return 0;
  const t = Math.trunc(x);
  return t < min ? min : Math.min(t, max);
}

/** Float to bigint for 64-bit truncations, exact (the float is an integer after trunc). */
export function truncToBigInt(x: number): bigint {
  return BigInt(Math.trunc(x));
}

/** u64 → nearest f32: round to f64 first would double-round, so round the integer directly. */
export function u64ToF32(v: bigint): number {
  return Math.fround(roundToPrecision(v, 24));
}

export function s64ToF32(v: bigint): number {
  return v < 0n ? -u64ToF32(-v) : u64ToF32(v);
}

/** Rounds a non-negative integer to `bits` significant bits, ties to even, as an exact number. */
function roundToPrecision(v: bigint, bits: number): number {
  const length = v.toString(2).length;
  if (length <= bits) return Number(v);
  const shift = BigInt(length - bits);
  let mantissa = v >> shift;
  const rest = v & ((1n << shift) - 1n);
  const half = 1n << (shift - 1n);
  if (rest > half || (rest === half && (mantissa & 1n) === 1n)) mantissa += 1n;
  return Number(mantissa << shift);
}

export function u64ToF64(v: bigint): number {
  return roundToPrecision(v, 53);
}

export function s64ToF64(v: bigint): number {
  return v < 0n ? -u64ToF64(-v) : u64ToF64(v);
}
