import { bls12_381 } from '@noble/curves/bls12-381.js';
import { PrecompileFailure, type PrecompileResult, requireGas } from '../types.js';
import {
  G1_SIZE,
  type G1Point,
  G2_SIZE,
  type G2Point,
  readG1,
  readG2,
  readScalar,
  SCALAR_SIZE,
  writeG1,
  writeG2,
} from './encoding.js';
import { g1MsmGas, g2MsmGas } from './gas.js';

const { G1, G2, fields } = bls12_381;
const R = fields.Fr.ORDER;

/** What differs between the G1 and G2 multi-scalar multiplications: point size, codec, gas. */
interface MsmGroup<P extends { add(other: P): P; multiply(scalar: bigint): P; is0(): boolean }> {
  name: string;
  pointSize: number;
  zero: P;
  read(bytes: Uint8Array, offset: number, subgroup: boolean): P;
  write(point: P): Uint8Array;
  gas(k: number): number;
}

/** Σ s_i·P_i over k ≥ 1 pairs of (point in the subgroup, 32-byte scalar), EIP-2537's MSM rules. */
function msm<P extends { add(other: P): P; multiply(scalar: bigint): P; is0(): boolean }>(
  group: MsmGroup<P>,
  input: Uint8Array,
  gasLimit: number,
): PrecompileResult {
  const pairSize = group.pointSize + SCALAR_SIZE;
  const k = Math.floor(input.length / pairSize);
  const gas = requireGas(group.gas(k), gasLimit, `bls12 ${group.name}`);
  if (k === 0 || input.length % pairSize !== 0) {
    throw new PrecompileFailure(
      `bls12 ${group.name}: input must be a non-zero multiple of ${pairSize} bytes`,
    );
  }
  let sum = group.zero;
  for (let i = 0; i < k; i++) {
    const point = group.read(input, i * pairSize, true);
    const scalar = readScalar(input, i * pairSize + group.pointSize) % R;
    if (scalar !== 0n && !point.is0()) sum = sum.add(point.multiply(scalar));
  }
  return { gas, output: group.write(sum) };
}

const G1_MSM: MsmGroup<G1Point> = {
  name: 'G1MSM',
  pointSize: G1_SIZE,
  zero: G1.Point.ZERO,
  read: readG1,
  write: writeG1,
  gas: g1MsmGas,
};

const G2_MSM: MsmGroup<G2Point> = {
  name: 'G2MSM',
  pointSize: G2_SIZE,
  zero: G2.Point.ZERO,
  read: readG2,
  write: writeG2,
  gas: g2MsmGas,
};

/** 0x0c BLS12_G1MSM (EIP-2537). */
export const blsG1Msm = (input: Uint8Array, gasLimit: number): PrecompileResult =>
  msm(G1_MSM, input, gasLimit);

/** 0x0e BLS12_G2MSM (EIP-2537). */
export const blsG2Msm = (input: Uint8Array, gasLimit: number): PrecompileResult =>
  msm(G2_MSM, input, gasLimit);
