import { bls12_381 } from '@noble/curves/bls12-381.js';
import { PrecompileFailure, type PrecompileResult, requireGas } from '../types.js';
import { FP_SIZE, FP2_SIZE, type G1Point, type G2Point, readFp, writeG1, writeG2 } from './encoding.js';
import { MAP_FP_TO_G1_GAS, MAP_FP2_TO_G2_GAS } from './gas.js';

// noble's hashers return the cofactor-cleared projective point (RFC 9380 map_to_curve + clear_cofactor);
// their declared type says affine, so the call shapes are restated here. G1 takes one scalar (m = 1).
const mapG1 = bls12_381.G1.mapToCurve as unknown as (u: bigint) => G1Point;
const mapG2 = bls12_381.G2.mapToCurve as unknown as (u: bigint[]) => G2Point;

/** 0x10 BLS12_MAP_FP_TO_G1 (EIP-2537): SSWU map + isogeny + cofactor clearing of one Fp element. */
export function blsMapFpToG1(input: Uint8Array, gasLimit: number): PrecompileResult {
  const gas = requireGas(MAP_FP_TO_G1_GAS, gasLimit, 'bls12 MAP_FP_TO_G1');
  if (input.length !== FP_SIZE) throw new PrecompileFailure('bls12 MAP_FP_TO_G1: input must be 64 bytes');
  return { gas, output: writeG1(mapG1(readFp(input, 0))) };
}

/** 0x11 BLS12_MAP_FP2_TO_G2 (EIP-2537): the same for one Fp2 element c0 ‖ c1. */
export function blsMapFp2ToG2(input: Uint8Array, gasLimit: number): PrecompileResult {
  const gas = requireGas(MAP_FP2_TO_G2_GAS, gasLimit, 'bls12 MAP_FP2_TO_G2');
  if (input.length !== FP2_SIZE) throw new PrecompileFailure('bls12 MAP_FP2_TO_G2: input must be 128 bytes');
  return { gas, output: writeG2(mapG2([readFp(input, 0), readFp(input, FP_SIZE)])) };
}
