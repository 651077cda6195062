import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { encodeRlp } from '../commit/rlp.js';
import { bytesToWord } from '../execute/u256.js';
import type { Substate } from '../host/substate.js';
import { addressWord, type World } from '../host/world.js';
import { delegatedAddress, delegationCode } from './delegation.js';
import type { Authorization } from './types.js';

export const SET_CODE_TX_MAGIC = 0x05; // EIP-7702 MAGIC
export const PER_EMPTY_ACCOUNT_COST = 25000; // EIP-7702 intrinsic cost per authorization
export const PER_AUTH_BASE_COST = 12500; // EIP-7702: refunded down to this for existing authorities
const MAX_NONCE = (1n << 64n) - 1n;
const SECP256K1_HALF_N = secp256k1.Point.Fn.ORDER / 2n;

/** The authority that signed keccak(0x05 ‖ rlp([chain_id, address, nonce])), or undefined. */
export function recoverAuthority(auth: Authorization): bigint | undefined {
  if (auth.yParity !== 0 && auth.yParity !== 1) return undefined;
  if (auth.s === 0n || auth.s > SECP256K1_HALF_N || auth.r === 0n) return undefined;
  const rlp = encodeRlp([auth.chainId, auth.address, auth.nonce]);
  const preimage = new Uint8Array(rlp.length + 1);
  preimage[0] = SET_CODE_TX_MAGIC;
  preimage.set(rlp, 1);
  try {
    const signature = new secp256k1.Signature(auth.r, auth.s).addRecoveryBit(auth.yParity);
    const publicKey = signature.recoverPublicKey(keccak_256(preimage)).toBytes(false);
    return bytesToWord(keccak_256(publicKey.subarray(1)).subarray(12));
  } catch {
    return undefined;
  }
}

/**
 * EIP-7702 authorization processing (execution-specs Prague `set_delegation`): each valid tuple sets the
 * authority's code to 0xef0100 ‖ address (or clears it for address 0) and bumps its nonce; invalid tuples
 * are skipped. Existing authorities refund PER_EMPTY_ACCOUNT_COST − PER_AUTH_BASE_COST.
 */
export function applyAuthorizations(
  world: World,
  substate: Substate,
  list: readonly Authorization[],
  chainId: bigint,
): void {
  for (const auth of list) {
    if (auth.chainId !== 0n && auth.chainId !== chainId) continue;
    if (auth.nonce >= MAX_NONCE) continue;
    const authority = recoverAuthority(auth);
    if (authority === undefined) continue;
    substate.add('warmAddresses', authority);
    const code = world.code(authority);
    if (code.length > 0 && delegatedAddress(code) === undefined) continue;
    const account = world.getAccount(authority);
    if ((account?.nonce ?? 0n) !== auth.nonce) continue;
    if (account !== undefined) substate.refund += PER_EMPTY_ACCOUNT_COST - PER_AUTH_BASE_COST;
    const target = addressWord(auth.address);
    world.setCode(authority, target === 0n ? new Uint8Array(0) : delegationCode(target));
    world.incrementNonce(authority);
  }
}
