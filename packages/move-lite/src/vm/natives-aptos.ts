import { blake2b } from '@noble/hashes/blake2.js';
import { ripemd160 } from '@noble/hashes/legacy.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { keccak_256, sha3_512 } from '@noble/hashes/sha3.js';
import { InvalidArgumentError } from '@polyvm/core';
import { bcsDecode, formatType } from './bcs.js';
import { MoveAbort } from './errors.js';
import { canonical } from './ints.js';
import { bytesOf, hashNative, vectorOf } from './native-values.js';
import type { NativeFunction } from './natives.js';
import { stringUtilsNatives } from './natives-string-utils.js';
import { sipHash24 } from './siphash.js';

/**
 * Natives of the Aptos framework and aptos-stdlib (aptos-core `aptos-move/framework/src/natives`),
 * with the costs of `aptos-gas-schedule/src/gas_schedule/aptos_framework.rs` (internal gas units).
 */
export const APTOS_NATIVE = {
  create_signer_base: 6000, // account.create_signer.base
  type_info_base: 6000, // type_info.type_of.base, type_info.type_name.base
  type_info_per_byte_in_str: 100, // type_info.type_*.per_abstract_memory_unit
  chain_id_base: 3000, // type_info.chain_id.base (same schedule as type_info_base 6000)
  keccak256_base: 80_000, // hash.keccak256.base
  keccak256_per_byte: 900,
  sip_hash_base: 20_000, // hash.sip_hash.base
  sip_hash_per_byte: 400,
  sha2_512_base: 64_800, // hash.sha2_512.base
  sha2_512_per_byte: 1_200,
  sha3_512_base: 90_000, // hash.sha3_512.base
  sha3_512_per_byte: 1_000,
  ripemd160_base: 60_000, // hash.ripemd160.base
  ripemd160_per_byte: 1_000,
  blake2b_256_base: 35_000, // hash.blake2b_256.base
  blake2b_256_per_byte: 300,
  from_bytes_base: 6000, // util.from_bytes.base
  from_bytes_per_byte: 100,
} as const;

/** `util.rs` `EFROM_BYTES`: the abort code of a failing `from_bcs::from_bytes` (INVALID_ARGUMENT, 1). */
export const EFROM_BYTES = 0x01_0001n;
/** Starcoin's `FromBCS` native (starcoin `vm/natives` `from_bcs.rs`): `(INVALID_ARGUMENT << 16) + 100`. */
export const STARCOIN_EFROM_BYTES = (1n << 16n) + 100n;
/** `natives/mod.rs` `status::NFE_EXPECTED_STRUCT_TYPE_TAG`: `type_of` of a non-struct type. */
const NFE_EXPECTED_STRUCT_TYPE_TAG = 0x1n;

/** `aptos_std::aptos_hash` (natives/hash.rs). */
const APTOS_HASH: Record<string, NativeFunction> = {
  keccak256: hashNative(keccak_256, APTOS_NATIVE.keccak256_base, APTOS_NATIVE.keccak256_per_byte),
  sha2_512_internal: hashNative(sha512, APTOS_NATIVE.sha2_512_base, APTOS_NATIVE.sha2_512_per_byte),
  sha3_512_internal: hashNative(sha3_512, APTOS_NATIVE.sha3_512_base, APTOS_NATIVE.sha3_512_per_byte),
  ripemd160_internal: hashNative(ripemd160, APTOS_NATIVE.ripemd160_base, APTOS_NATIVE.ripemd160_per_byte),
  blake2b_256_internal: hashNative(
    (b) => blake2b(b, { dkLen: 32 }),
    APTOS_NATIVE.blake2b_256_base,
    APTOS_NATIVE.blake2b_256_per_byte,
  ),
  sip_hash: (ctx, _t, [data]) => {
    const bytes = bytesOf(data!);
    ctx.charge(APTOS_NATIVE.sip_hash_base + APTOS_NATIVE.sip_hash_per_byte * bytes.length, 'crypto');
    return [canonical(sipHash24(bytes))];
  },
};

const createSigner: NativeFunction = (ctx, _t, [address]) => {
  ctx.charge(APTOS_NATIVE.create_signer_base, 'compute');
  return [address!];
};

/** `aptos_std::type_info` (natives/type_info.rs); charged per byte of the type's Display string. */
const TYPE_INFO: Record<string, NativeFunction> = {
  type_of: (ctx, [t]) => {
    const name = formatType(t!);
    ctx.charge(APTOS_NATIVE.type_info_base + APTOS_NATIVE.type_info_per_byte_in_str * name.length, 'compute');
    if (t!.k !== 'struct') throw new MoveAbort(NFE_EXPECTED_STRUCT_TYPE_TAG, '0x1::type_info::type_of');
    // TypeInfo { account_address, module_name, struct_name (with its type arguments) }.
    const structName = name.slice(name.indexOf('::', name.indexOf('::') + 2) + 2);
    return [[t!.s.address, vectorOf(Buffer.from(t!.s.moduleName)), vectorOf(Buffer.from(structName))]];
  },
  type_name: (ctx, [t]) => {
    const name = formatType(t!);
    ctx.charge(APTOS_NATIVE.type_info_base + APTOS_NATIVE.type_info_per_byte_in_str * name.length, 'compute');
    return [[vectorOf(Buffer.from(name))]];
  },
};

/** Aptos chain ids are a `u8` (aptos-types `ChainId`). */
const MAX_CHAIN_ID = 255n;

/** `type_info::chain_id_internal`: the chain id of the block (`NativeTransactionContext::chain_id`). */
const chainIdInternal: NativeFunction = (ctx) => {
  ctx.charge(APTOS_NATIVE.chain_id_base, 'compute');
  const id = ctx.tx.chainId;
  if (id < 0n || id > MAX_CHAIN_ID) {
    throw new InvalidArgumentError(`block chainId ${id} is not an Aptos chain id (a u8)`);
  }
  return [Number(id)];
};

/** `from_bcs::from_bytes` / `util::from_bytes` (natives/util.rs): malformed input aborts with EFROM_BYTES. */
export const fromBytes =
  (location: string, abortCode = EFROM_BYTES): NativeFunction =>
  (ctx, [t], [v]) => {
    const bytes = bytesOf(v!);
    ctx.charge(APTOS_NATIVE.from_bytes_base + APTOS_NATIVE.from_bytes_per_byte * bytes.length, 'compute');
    try {
      return [bcsDecode(bytes, t!, ctx.addressWidth)];
    } catch {
      throw new MoveAbort(abortCode, location);
    }
  };

export function aptosNatives(): Map<string, NativeFunction> {
  const table = new Map<string, NativeFunction>();
  for (const [name, fn] of Object.entries(APTOS_HASH)) table.set(`0x1::aptos_hash::${name}`, fn);
  for (const [name, fn] of Object.entries(TYPE_INFO)) table.set(`0x1::type_info::${name}`, fn);
  table.set('0x1::type_info::chain_id_internal', chainIdInternal);
  table.set('0x1::account::create_signer', createSigner);
  table.set('0x1::create_signer::create_signer', createSigner);
  table.set('0x1::util::from_bytes', fromBytes('0x1::util::from_bytes'));
  for (const [name, fn] of stringUtilsNatives()) table.set(name, fn);
  return table;
}
