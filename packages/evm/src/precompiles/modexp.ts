import { bytesToWord, wordToBytes } from '../execute/u256.js';
import { PrecompileFailure, type PrecompileResult } from './types.js';

/** EIP-2565 minimum price and divisor. */
const MODEXP_MIN_GAS = 200n;
const MODEXP_GAS_DIVISOR = 3n;

/** Reads `length` bytes at `offset` of input, zero-padded beyond its end. */
function slice(input: Uint8Array, offset: bigint, length: bigint): Uint8Array {
  const out = new Uint8Array(Number(length));
  if (offset < BigInt(input.length)) {
    const start = Number(offset);
    out.set(input.subarray(start, Math.min(input.length, start + out.length)));
  }
  return out;
}

function bitLength(x: bigint): bigint {
  return x === 0n ? 0n : BigInt(x.toString(2).length);
}

/** EIP-2565 gas: max(200, ⌊multComplexity · iterations / 3⌋), computed with bigints since lengths are words. */
export function modexpGas(input: Uint8Array): bigint {
  const baseLength = bytesToWord(slice(input, 0n, 32n));
  const exponentLength = bytesToWord(slice(input, 32n, 32n));
  const modulusLength = bytesToWord(slice(input, 64n, 32n));
  // biome-ignore lint/complexity/useMathMinMax: bigint operands
  const maxLength = baseLength > modulusLength ? baseLength : modulusLength;
  const words = (maxLength + 7n) / 8n;
  const complexity = words * words;
  let iterations: bigint;
  if (exponentLength <= 32n) {
    const exponent = bytesToWord(slice(input, 96n + baseLength, exponentLength));
    iterations = exponent === 0n ? 0n : bitLength(exponent) - 1n;
  } else {
    const head = bytesToWord(slice(input, 96n + baseLength, 32n));
    iterations = 8n * (exponentLength - 32n) + (head === 0n ? 0n : bitLength(head) - 1n);
  }
  if (iterations < 1n) iterations = 1n;
  const gas = (complexity * iterations) / MODEXP_GAS_DIVISOR;
  return gas > MODEXP_MIN_GAS ? gas : MODEXP_MIN_GAS;
}

/** 0x05 MODEXP (EIP-198 with EIP-2565 pricing): base^exponent mod modulus, modulus-length output. */
export function modexp(input: Uint8Array, gasLimit: number): PrecompileResult {
  const gas = modexpGas(input);
  if (gas > BigInt(gasLimit))
    throw new PrecompileFailure(`modexp: needs ${gas} gas, ${gasLimit} given`, true);
  const baseLength = bytesToWord(slice(input, 0n, 32n));
  const exponentLength = bytesToWord(slice(input, 32n, 32n));
  const modulusLength = bytesToWord(slice(input, 64n, 32n));
  if (modulusLength === 0n) return { gas: Number(gas), output: new Uint8Array(0) };
  const base = bytesToWord(slice(input, 96n, baseLength));
  const exponent = bytesToWord(slice(input, 96n + baseLength, exponentLength));
  const modulus = bytesToWord(slice(input, 96n + baseLength + exponentLength, modulusLength));
  const result = modulus === 0n ? 0n : powMod(base, exponent, modulus);
  return { gas: Number(gas), output: wordToBytes(result, Number(modulusLength)) };
}

function powMod(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus === 1n) return 0n;
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}
