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
const G1_PAIR = G1_SIZE + SCALAR_SIZE;
const G2_PAIR = G2_SIZE + SCALAR_SIZE;

/** 0x0c BLS12_G1MSM (EIP-2537): Σ s_i·P_i over k ≥ 1 pairs of (G1 point in the subgroup, 32-byte scalar). */
export function blsG1Msm(input: Uint8Array, gasLimit: number): PrecompileResult {
  const k = Math.floor(input.length / G1_PAIR);
  const gas = requireGas(g1MsmGas(k), gasLimit, 'bls12 G1MSM');
  if (k === 0 || input.length % G1_PAIR !== 0) {
    throw new PrecompileFailure('bls12 G1MSM: input must be a non-zero multiple of 160 bytes');
  }
  let sum: G1Point = G1.Point.ZERO;
  for (let i = 0; i < k; i++) {
    const point = readG1(input, i * G1_PAIR, true);
    const scalar = readScalar(input, i * G1_PAIR + G1_SIZE) % R;
    if (scalar !== 0n && !point.is0()) sum = sum.add(point.multiply(scalar));
  }
  return { gas, output: writeG1(sum) };
}

/** 0x0e BLS12_G2MSM (EIP-2537): Σ s_i·P_i over k ≥ 1 pairs of (G2 point in the subgroup, 32-byte scalar). */
export function blsG2Msm(input: Uint8Array, gasLimit: number): PrecompileResult {
  const k = Math.floor(input.length / G2_PAIR);
  const gas = requireGas(g2MsmGas(k), gasLimit, 'bls12 G2MSM');
  if (k === 0 || input.length % G2_PAIR !== 0) {
    throw new PrecompileFailure('bls12 G2MSM: input must be a non-zero multiple of 288 bytes');
  }
  let sum: G2Point = G2.Point.ZERO;
  for (let i = 0; i < k; i++) {
    const point = readG2(input, i * G2_PAIR, true);
    const scalar = readScalar(input, i * G2_PAIR + G2_SIZE) % R;
    if (scalar !== 0n && !point.is0()) sum = sum.add(point.multiply(scalar));
  }
  return { gas, output: writeG2(sum) };
}
