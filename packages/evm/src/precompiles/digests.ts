import { ripemd160 } from '@noble/hashes/legacy.js';
import { sha256 as sha256Hash } from '@noble/hashes/sha2.js';
import { type PrecompileResult, requireGas, wordCount } from './types.js';

// Yellow Paper Appendix E: base + per-word costs.
const SHA256_BASE = 60;
const SHA256_WORD = 12;
const RIPEMD160_BASE = 600;
const RIPEMD160_WORD = 120;
const IDENTITY_BASE = 15;
const IDENTITY_WORD = 3;

/** 0x02 SHA2-256. */
export function sha256(input: Uint8Array, gasLimit: number): PrecompileResult {
  const gas = requireGas(SHA256_BASE + SHA256_WORD * wordCount(input.length), gasLimit, 'sha256');
  return { gas, output: sha256Hash(input) };
}

/** 0x03 RIPEMD-160, left-padded to 32 bytes. */
export function ripemd(input: Uint8Array, gasLimit: number): PrecompileResult {
  const gas = requireGas(RIPEMD160_BASE + RIPEMD160_WORD * wordCount(input.length), gasLimit, 'ripemd160');
  const output = new Uint8Array(32);
  output.set(ripemd160(input), 12);
  return { gas, output };
}

/** 0x04 identity (data copy). */
export function identity(input: Uint8Array, gasLimit: number): PrecompileResult {
  const gas = requireGas(IDENTITY_BASE + IDENTITY_WORD * wordCount(input.length), gasLimit, 'identity');
  return { gas, output: input.slice() };
}
