import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToWord } from '../execute/u256.js';
import { type PrecompileResult, padRight, requireGas } from './types.js';

/** Yellow Paper Appendix E: ECREC costs 3000. */
const ECRECOVER_GAS = 3000;
const EMPTY = new Uint8Array(0);

/**
 * 0x01 ECRECOVER: recovers the signer address from (hash, v, r, s). Invalid signatures return empty
 * output (not a failure). v must be exactly 27 or 28 as a full word; high-s signatures are accepted.
 */
export function ecrecover(input: Uint8Array, gasLimit: number): PrecompileResult {
  const gas = requireGas(ECRECOVER_GAS, gasLimit, 'ecrecover');
  const data = padRight(input, 128);
  const hash = data.subarray(0, 32);
  const v = bytesToWord(data.subarray(32, 64));
  const r = bytesToWord(data.subarray(64, 96));
  const s = bytesToWord(data.subarray(96, 128));
  if (v !== 27n && v !== 28n) return { gas, output: EMPTY };
  try {
    const signature = new secp256k1.Signature(r, s).addRecoveryBit(Number(v - 27n));
    const publicKey = signature.recoverPublicKey(hash).toBytes(false);
    const output = new Uint8Array(32);
    output.set(keccak_256(publicKey.subarray(1)).subarray(12), 12);
    return { gas, output };
  } catch {
    return { gas, output: EMPTY };
  }
}
