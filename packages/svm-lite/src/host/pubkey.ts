import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { InvalidArgumentError } from '@polyvm/core';
import { MAX_SEED_LEN, MAX_SEEDS } from '../syscalls/costs.js';

export type Pubkey = Uint8Array;

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Bitcoin-alphabet base58, how Solana prints addresses. */
export function toBase58(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let out = '';
  while (n > 0n) {
    out = ALPHABET[Number(n % 58n)]! + out;
    n /= 58n;
  }
  return '1'.repeat(zeros) + out;
}

export function fromBase58(text: string, length = 32): Uint8Array {
  let n = 0n;
  let zeros = 0;
  for (const ch of text) {
    const digit = ALPHABET.indexOf(ch);
    if (digit < 0) throw new InvalidArgumentError(`invalid base58 character "${ch}" in ${text}`);
    if (n === 0n && digit === 0) zeros++;
    n = n * 58n + BigInt(digit);
  }
  const body: number[] = [];
  while (n > 0n) {
    body.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  const bytes = new Uint8Array(zeros + body.length);
  bytes.set(body, zeros);
  if (bytes.length !== length)
    throw new InvalidArgumentError(`${text} decodes to ${bytes.length} bytes, expected ${length}`);
  return bytes;
}

export const SYSTEM_PROGRAM_ID = new Uint8Array(32);
/** The classic loader whose program accounts hold the ELF directly (`BPFLoader2111…`). */
export const BPF_LOADER_ID = fromBase58('BPFLoader2111111111111111111111111111111111');
export const BPF_LOADER_UPGRADEABLE_ID = fromBase58('BPFLoaderUpgradeab1e11111111111111111111111');
export const NATIVE_LOADER_ID = fromBase58('NativeLoader1111111111111111111111111111111');

const PDA_MARKER = new TextEncoder().encode('ProgramDerivedAddress');

/** Thrown for seeds that are too many or too long (`PubkeyError::MaxSeedLengthExceeded`). */
export class SeedError extends InvalidArgumentError {
  override name = 'SeedError';
}

/** True when the 32 bytes decode to a point on the ed25519 curve (a key that has a private key). */
export function isOnCurve(key: Pubkey): boolean {
  try {
    ed25519.Point.fromBytes(key);
    return true;
  } catch {
    return false;
  }
}

/**
 * `Pubkey::create_program_address`: sha256(seeds || program_id || "ProgramDerivedAddress"), which
 * must be off the curve so no private key can sign for it. Returns undefined when on the curve.
 */
export function createProgramAddress(seeds: Uint8Array[], programId: Pubkey): Pubkey | undefined {
  if (seeds.length > MAX_SEEDS) throw new SeedError(`at most ${MAX_SEEDS} seeds, got ${seeds.length}`);
  for (const seed of seeds) {
    if (seed.length > MAX_SEED_LEN)
      throw new SeedError(`seed of ${seed.length} bytes exceeds ${MAX_SEED_LEN}`);
  }
  const h = sha256.create();
  for (const seed of seeds) h.update(seed);
  h.update(programId);
  h.update(PDA_MARKER);
  const key = h.digest();
  return isOnCurve(key) ? undefined : key;
}

/** `Pubkey::try_find_program_address`: the first bump from 255 down that gives an off-curve key. */
export function findProgramAddress(
  seeds: Uint8Array[],
  programId: Pubkey,
): { address: Pubkey; bump: number } | undefined {
  for (let bump = 255; bump >= 0; bump--) {
    const address = createProgramAddress([...seeds, Uint8Array.of(bump)], programId);
    if (address) return { address, bump };
  }
  return undefined;
}
