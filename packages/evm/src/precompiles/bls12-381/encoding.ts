import { bls12_381 } from '@noble/curves/bls12-381.js';
import { PrecompileFailure } from '../types.js';

const { G1, G2, fields } = bls12_381;
const { Fp, Fp2 } = fields;
const P = Fp.ORDER;
export type G1Point = ReturnType<typeof G1.Point.fromAffine>;
export type G2Point = ReturnType<typeof G2.Point.fromAffine>;
type Fp2Element = ReturnType<typeof Fp2.create>;

/** EIP-2537 sizes: an Fp element is 64 bytes (16 zero bytes ‖ 48-byte big-endian value). */
export const FP_SIZE = 64;
export const FP2_SIZE = 128;
export const G1_SIZE = 128;
export const G2_SIZE = 256;
export const SCALAR_SIZE = 32;

const B1 = 4n; // E: y² = x³ + 4
const B2 = Fp2.create({ c0: 4n, c1: 4n }); // E': y² = x³ + 4(1 + i)

function bigEndian(bytes: Uint8Array, offset: number, length: number): bigint {
  let value = 0n;
  for (let i = offset; i < offset + length; i++) value = (value << 8n) | BigInt(bytes[i]!);
  return value;
}

/** EIP-2537 field element: the top 16 bytes must be zero and the value below p. */
export function readFp(bytes: Uint8Array, offset: number): bigint {
  for (let i = offset; i < offset + 16; i++) {
    if (bytes[i] !== 0) throw new PrecompileFailure('bls12-381: field element has non-zero top bytes');
  }
  const value = bigEndian(bytes, offset + 16, 48);
  if (value >= P) throw new PrecompileFailure('bls12-381: field element is not below the modulus');
  return value;
}

/** EIP-2537 Fp2 element c0 + c1·v: c0 ‖ c1. */
export function readFp2(bytes: Uint8Array, offset: number): Fp2Element {
  return Fp2.create({ c0: readFp(bytes, offset), c1: readFp(bytes, offset + FP_SIZE) });
}

export function readScalar(bytes: Uint8Array, offset: number): bigint {
  return bigEndian(bytes, offset, SCALAR_SIZE);
}

/** A G1 point (x ‖ y); all zeros is infinity; must be on the curve, and in G1 when `subgroup`. */
export function readG1(bytes: Uint8Array, offset: number, subgroup: boolean): G1Point {
  const x = readFp(bytes, offset);
  const y = readFp(bytes, offset + FP_SIZE);
  if (x === 0n && y === 0n) return G1.Point.ZERO;
  if (Fp.sqr(y) !== Fp.add(Fp.mul(Fp.sqr(x), x), B1))
    throw new PrecompileFailure('bls12-381: G1 point not on curve');
  const point = G1.Point.fromAffine({ x, y });
  if (subgroup && !point.isTorsionFree()) throw new PrecompileFailure('bls12-381: G1 point not in subgroup');
  return point;
}

/** A G2 point (x ‖ y, each Fp2); all zeros is infinity; on-curve and optionally subgroup checked. */
export function readG2(bytes: Uint8Array, offset: number, subgroup: boolean): G2Point {
  const x = readFp2(bytes, offset);
  const y = readFp2(bytes, offset + FP2_SIZE);
  if (Fp2.is0(x) && Fp2.is0(y)) return G2.Point.ZERO;
  if (!Fp2.eql(Fp2.sqr(y), Fp2.add(Fp2.mul(Fp2.sqr(x), x), B2))) {
    throw new PrecompileFailure('bls12-381: G2 point not on curve');
  }
  const point = G2.Point.fromAffine({ x, y });
  if (subgroup && !point.isTorsionFree()) throw new PrecompileFailure('bls12-381: G2 point not in subgroup');
  return point;
}

function writeFp(out: Uint8Array, offset: number, value: bigint): void {
  let v = value;
  for (let i = offset + FP_SIZE - 1; i >= offset + 16; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

export function writeG1(point: G1Point): Uint8Array {
  const out = new Uint8Array(G1_SIZE);
  if (point.is0()) return out;
  const { x, y } = point.toAffine();
  writeFp(out, 0, x);
  writeFp(out, FP_SIZE, y);
  return out;
}

export function writeG2(point: G2Point): Uint8Array {
  const out = new Uint8Array(G2_SIZE);
  if (point.is0()) return out;
  const { x, y } = point.toAffine();
  writeFp(out, 0, x.c0);
  writeFp(out, FP_SIZE, x.c1);
  writeFp(out, FP2_SIZE, y.c0);
  writeFp(out, FP2_SIZE + FP_SIZE, y.c1);
  return out;
}
