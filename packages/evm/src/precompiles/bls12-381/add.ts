import { PrecompileFailure, type PrecompileResult, requireGas } from '../types.js';
import { G1_SIZE, G2_SIZE, readG1, readG2, writeG1, writeG2 } from './encoding.js';
import { G1ADD_GAS, G2ADD_GAS } from './gas.js';

/** 0x0b BLS12_G1ADD (EIP-2537): two G1 points, on-curve checked only (no subgroup check). */
export function blsG1Add(input: Uint8Array, gasLimit: number): PrecompileResult {
  const gas = requireGas(G1ADD_GAS, gasLimit, 'bls12 G1ADD');
  if (input.length !== 2 * G1_SIZE) throw new PrecompileFailure('bls12 G1ADD: input must be 256 bytes');
  const sum = readG1(input, 0, false).add(readG1(input, G1_SIZE, false));
  return { gas, output: writeG1(sum) };
}

/** 0x0d BLS12_G2ADD (EIP-2537): two G2 points, on-curve checked only (no subgroup check). */
export function blsG2Add(input: Uint8Array, gasLimit: number): PrecompileResult {
  const gas = requireGas(G2ADD_GAS, gasLimit, 'bls12 G2ADD');
  if (input.length !== 2 * G2_SIZE) throw new PrecompileFailure('bls12 G2ADD: input must be 512 bytes');
  const sum = readG2(input, 0, false).add(readG2(input, G2_SIZE, false));
  return { gas, output: writeG2(sum) };
}
