import { bn254 } from '@noble/curves/bn254.js';
import { bytesToWord, wordToBytes } from '../execute/u256.js';
import { PrecompileFailure, type PrecompileResult, padRight, requireGas } from './types.js';

// EIP-1108 (Istanbul) prices for EIP-196/EIP-197.
const ADD_GAS = 150;
const MUL_GAS = 6000;
const PAIRING_BASE_GAS = 45000;
const PAIRING_PER_PAIR_GAS = 34000;

const { G1, G2, fields } = bn254;
const P = fields.Fp.ORDER;
const N = fields.Fr.ORDER;
type G1Point = ReturnType<typeof G1.Point.fromAffine>;
type G2Point = ReturnType<typeof G2.Point.fromAffine>;

function coordinate(bytes: Uint8Array, offset: number): bigint {
  const value = bytesToWord(bytes.subarray(offset, offset + 32));
  if (value >= P) throw new PrecompileFailure('bn254: coordinate is not below the field modulus');
  return value;
}

/** EIP-196 encoding: (x, y) big-endian, (0, 0) is the point at infinity; anything off-curve fails. */
function readG1(bytes: Uint8Array, offset: number): G1Point {
  const x = coordinate(bytes, offset);
  const y = coordinate(bytes, offset + 32);
  if (x === 0n && y === 0n) return G1.Point.ZERO;
  // fromAffine itself refuses some coordinates (y = 0 with x ≠ 0): both are "not on the curve" here.
  try {
    const point = G1.Point.fromAffine({ x, y });
    point.assertValidity();
    return point;
  } catch (cause) {
    throw new PrecompileFailure('bn254: G1 point is not on the curve', false, { cause });
  }
}

/** EIP-197 encoding of G2: x = (imaginary, real), y = (imaginary, real); must be in the r-torsion subgroup. */
function readG2(bytes: Uint8Array, offset: number): G2Point {
  const xIm = coordinate(bytes, offset);
  const xRe = coordinate(bytes, offset + 32);
  const yIm = coordinate(bytes, offset + 64);
  const yRe = coordinate(bytes, offset + 96);
  if (xIm === 0n && xRe === 0n && yIm === 0n && yRe === 0n) return G2.Point.ZERO;
  let point: G2Point;
  try {
    point = G2.Point.fromAffine({
      x: fields.Fp2.create({ c0: xRe, c1: xIm }),
      y: fields.Fp2.create({ c0: yRe, c1: yIm }),
    });
    point.assertValidity();
  } catch (cause) {
    throw new PrecompileFailure('bn254: G2 point is not on the curve', false, { cause });
  }
  if (!point.isTorsionFree()) throw new PrecompileFailure('bn254: G2 point is not in the subgroup');
  return point;
}

function writeG1(point: G1Point): Uint8Array {
  const out = new Uint8Array(64);
  if (point.is0()) return out;
  const { x, y } = point.toAffine();
  out.set(wordToBytes(x), 0);
  out.set(wordToBytes(y), 32);
  return out;
}

/** 0x06 ECADD on alt_bn128 (EIP-196). */
export function bn254Add(input: Uint8Array, gasLimit: number): PrecompileResult {
  const gas = requireGas(ADD_GAS, gasLimit, 'bn254 add');
  const data = padRight(input, 128);
  return { gas, output: writeG1(readG1(data, 0).add(readG1(data, 64))) };
}

/** 0x07 ECMUL on alt_bn128 (EIP-196); the scalar is any 256-bit word. */
export function bn254Mul(input: Uint8Array, gasLimit: number): PrecompileResult {
  const gas = requireGas(MUL_GAS, gasLimit, 'bn254 mul');
  const data = padRight(input, 96);
  const point = readG1(data, 0);
  const scalar = bytesToWord(data.subarray(64, 96)) % N;
  const product = scalar === 0n || point.is0() ? G1.Point.ZERO : point.multiply(scalar);
  return { gas, output: writeG1(product) };
}

/** 0x08 pairing check (EIP-197): 1 when the product of e(G1_i, G2_i) is the identity. */
export function bn254Pairing(input: Uint8Array, gasLimit: number): PrecompileResult {
  if (input.length % 192 !== 0) throw new PrecompileFailure('bn254 pairing: input is not a multiple of 192');
  const pairs = input.length / 192;
  const gas = requireGas(PAIRING_BASE_GAS + PAIRING_PER_PAIR_GAS * pairs, gasLimit, 'bn254 pairing');
  const batch: Array<{ g1: G1Point; g2: G2Point }> = [];
  for (let i = 0; i < pairs; i++) {
    const g1 = readG1(input, i * 192);
    const g2 = readG2(input, i * 192 + 64);
    // e(O, Q) = e(P, O) = 1: infinity pairs do not change the product.
    if (!g1.is0() && !g2.is0()) batch.push({ g1, g2 });
  }
  const ok = fields.Fp12.eql(bn254.pairingBatch(batch), fields.Fp12.ONE);
  const output = new Uint8Array(32);
  output[31] = ok ? 1 : 0;
  return { gas, output };
}
