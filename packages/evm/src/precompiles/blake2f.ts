import { PrecompileFailure, type PrecompileResult, requireGas } from './types.js';

/** EIP-152: input is exactly 4 + 64 + 128 + 16 + 1 bytes; gas is 1 per round. */
const INPUT_LENGTH = 213;

// RFC 7693 §2.6 initialisation vector and §2.7 message schedule.
export const BLAKE2B_IV: readonly bigint[] = [
  0x6a09e667f3bcc908n,
  0xbb67ae8584caa73bn,
  0x3c6ef372fe94f82bn,
  0xa54ff53a5f1d36f1n,
  0x510e527fade682d1n,
  0x9b05688c2b3e6c1fn,
  0x1f83d9abfb41bd6bn,
  0x5be0cd19137e2179n,
];
/** The IV as 32-bit limbs, low word first (limb 2i = low half of word i). */
const IV32 = new Uint32Array(16);
for (const [i, word] of BLAKE2B_IV.entries()) {
  IV32[2 * i] = Number(word & 0xffffffffn);
  IV32[2 * i + 1] = Number(word >> 32n);
}
/** SIGMA rows with each index doubled, so they address 32-bit limb pairs directly. */
const SIGMA2 = Uint8Array.from(
  [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
    [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
    [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
    [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
    [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
    [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
    [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
    [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
    [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
  ].flat(),
  (index) => index * 2,
);

/** v[a] += v[b] + m[x] on 64-bit words held as (low, high) 32-bit limbs at even/odd indexes. */
function add3(v: Uint32Array, a: number, b: number, m: Uint32Array, x: number): void {
  const low = v[a]! + v[b]! + m[x]!;
  v[a + 1] = (v[a + 1]! + v[b + 1]! + m[x + 1]! + Math.floor(low / 0x100000000)) >>> 0;
  v[a] = low >>> 0;
}

function add2(v: Uint32Array, a: number, b: number): void {
  const low = v[a]! + v[b]!;
  v[a + 1] = (v[a + 1]! + v[b + 1]! + (low > 0xffffffff ? 1 : 0)) >>> 0;
  v[a] = low >>> 0;
}

/**
 * RFC 7693 §3.1 mixing function G on 32-bit limbs (no BigInt): rotations by 32, 24, 16 and 63 bits of
 * d ^= a, b ^= c written as limb swaps and shifts. `a`..`d` and `x`, `y` are limb indexes (2·word).
 */
function mix(
  v: Uint32Array,
  a: number,
  b: number,
  c: number,
  d: number,
  m: Uint32Array,
  x: number,
  y: number,
): void {
  add3(v, a, b, m, x);
  // d = (d ^ a) >>> 32: swap the halves.
  let low = v[d]! ^ v[a]!;
  let high = v[d + 1]! ^ v[a + 1]!;
  v[d] = high;
  v[d + 1] = low;
  add2(v, c, d);
  // b = (b ^ c) >>> 24
  low = v[b]! ^ v[c]!;
  high = v[b + 1]! ^ v[c + 1]!;
  v[b] = ((low >>> 24) | (high << 8)) >>> 0;
  v[b + 1] = ((high >>> 24) | (low << 8)) >>> 0;
  add3(v, a, b, m, y);
  // d = (d ^ a) >>> 16
  low = v[d]! ^ v[a]!;
  high = v[d + 1]! ^ v[a + 1]!;
  v[d] = ((low >>> 16) | (high << 16)) >>> 0;
  v[d + 1] = ((high >>> 16) | (low << 16)) >>> 0;
  add2(v, c, d);
  // b = (b ^ c) >>> 63, i.e. rotate left by 1
  low = v[b]! ^ v[c]!;
  high = v[b + 1]! ^ v[c + 1]!;
  v[b] = ((low << 1) | (high >>> 31)) >>> 0;
  v[b + 1] = ((high << 1) | (low >>> 31)) >>> 0;
}

/**
 * RFC 7693 §3.2 compression function F with a caller-chosen round count (EIP-152), on 32-bit limbs as
 * @noble/hashes' blake2b does: `h` (8 words) and `m` (16 words) are little-endian limb pairs, `t` the
 * offset counter (low limb first), updated in place in `h`.
 */
export function blake2Compress(
  rounds: number,
  h: Uint32Array,
  m: Uint32Array,
  t: Uint32Array,
  last: boolean,
): void {
  const v = new Uint32Array(32);
  v.set(h, 0);
  v.set(IV32, 16);
  for (let i = 0; i < 4; i++) v[24 + i] = v[24 + i]! ^ t[i]!;
  if (last) {
    v[28] = ~v[28]! >>> 0;
    v[29] = ~v[29]! >>> 0;
  }
  for (let r = 0, row = 0; r < rounds; r++, row = row === 144 ? 0 : row + 16) {
    const s = row;
    mix(v, 0, 8, 16, 24, m, SIGMA2[s]!, SIGMA2[s + 1]!);
    mix(v, 2, 10, 18, 26, m, SIGMA2[s + 2]!, SIGMA2[s + 3]!);
    mix(v, 4, 12, 20, 28, m, SIGMA2[s + 4]!, SIGMA2[s + 5]!);
    mix(v, 6, 14, 22, 30, m, SIGMA2[s + 6]!, SIGMA2[s + 7]!);
    mix(v, 0, 10, 20, 30, m, SIGMA2[s + 8]!, SIGMA2[s + 9]!);
    mix(v, 2, 12, 22, 24, m, SIGMA2[s + 10]!, SIGMA2[s + 11]!);
    mix(v, 4, 14, 16, 26, m, SIGMA2[s + 12]!, SIGMA2[s + 13]!);
    mix(v, 6, 8, 18, 28, m, SIGMA2[s + 14]!, SIGMA2[s + 15]!);
  }
  for (let i = 0; i < 16; i++) h[i] = h[i]! ^ v[i]! ^ v[i + 16]!;
}

/** Little-endian 32-bit limbs of `count` bytes' worth of words starting at `offset`. */
function limbs(view: DataView, offset: number, count: number): Uint32Array {
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getUint32(offset + i * 4, true);
  return out;
}

/** 0x09 BLAKE2 F compression (EIP-152). */
export function blake2f(input: Uint8Array, gasLimit: number): PrecompileResult {
  if (input.length !== INPUT_LENGTH)
    throw new PrecompileFailure(`blake2f: input must be ${INPUT_LENGTH} bytes`);
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const rounds = view.getUint32(0, false);
  const gas = requireGas(rounds, gasLimit, 'blake2f');
  const flag = input[212]!;
  if (flag > 1) throw new PrecompileFailure('blake2f: final-block flag must be 0 or 1');
  const h = limbs(view, 4, 16);
  blake2Compress(rounds, h, limbs(view, 68, 32), limbs(view, 196, 4), flag === 1);
  const output = new Uint8Array(64);
  const out = new DataView(output.buffer);
  for (let i = 0; i < 16; i++) out.setUint32(i * 4, h[i]!, true);
  return { gas, output };
}
