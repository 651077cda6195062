import { bls12_381 } from '@noble/curves/bls12-381.js';
import { PrecompileFailure, type PrecompileResult, requireGas } from '../types.js';
import { G1_SIZE, type G1Point, G2_SIZE, type G2Point, readG1, readG2 } from './encoding.js';
import { pairingGas } from './gas.js';

const PAIR_SIZE = G1_SIZE + G2_SIZE;

/** 0x0f BLS12_PAIRING_CHECK (EIP-2537): 1 when Π e(P_i, Q_i) = 1 over k ≥ 1 subgroup-checked pairs. */
export function blsPairingCheck(input: Uint8Array, gasLimit: number): PrecompileResult {
  const k = Math.floor(input.length / PAIR_SIZE);
  const gas = requireGas(pairingGas(k), gasLimit, 'bls12 PAIRING_CHECK');
  if (k === 0 || input.length % PAIR_SIZE !== 0) {
    throw new PrecompileFailure('bls12 PAIRING_CHECK: input must be a non-zero multiple of 384 bytes');
  }
  const batch: Array<{ g1: G1Point; g2: G2Point }> = [];
  for (let i = 0; i < k; i++) {
    const g1 = readG1(input, i * PAIR_SIZE, true);
    const g2 = readG2(input, i * PAIR_SIZE + G1_SIZE, true);
    // e(O, Q) = e(P, O) = 1: pairs with infinity do not change the product.
    if (!g1.is0() && !g2.is0()) batch.push({ g1, g2 });
  }
  const { fields } = bls12_381;
  const ok = batch.length === 0 || fields.Fp12.eql(bls12_381.pairingBatch(batch), fields.Fp12.ONE);
  const output = new Uint8Array(32);
  output[31] = ok ? 1 : 0;
  return { gas, output };
}
