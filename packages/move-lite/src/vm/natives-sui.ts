import { blake2b } from '@noble/hashes/blake2.js';
import { concatBytes } from '@polyvm/core';
import { bcsEncode, typeTagBytes } from './bcs.js';
import { MoveAbort } from './errors.js';
import { bytesOf, vectorOf } from './native-values.js';
import type { NativeFunction } from './natives.js';
import { canonicalTypeName } from './type-names.js';
import { Ref, type Value } from './value.js';

/**
 * Natives of the Sui framework (0x2) and Sui's move-stdlib (0x1) that do not need Sui's object
 * runtime: `sui-move-natives` semantics, costs from Sui's `protocol-config` (charged 1:1 as internal
 * gas; Sui's own units are not Aptos').
 */
const SUI_NATIVE = {
  address_base: 52, // address_{from_bytes,to_u256,from_u256}_cost_base
  hash_type_and_key_base: 100, // dynamic_field_hash_type_and_key_cost_base
  hash_type_and_key_per_byte: 2, // …_type_cost_per_byte, …_value_cost_per_byte, …_type_tag_cost_per_byte
  object_base: 52, // object_{borrow_uid,delete_impl,record_new_uid}_cost_base
  derive_id_base: 52, // tx_context_derive_id_cost_base
  type_name_base: 52, // type_name_get_base
  type_name_per_byte: 2, // type_name_get_per_byte
} as const;

/** sui-types `crypto.rs` `HashingIntentScope`: domain bytes of derived object ids. */
const CHILD_OBJECT_ID = 0xf0;
const REGULAR_OBJECT_ID = 0xf1;
/** sui-framework `address.move` `EAddressParseError`. */
const E_ADDRESS_PARSE_ERROR = 0n;

const u64le = (n: bigint): Uint8Array => {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, n, true);
  return out;
};

const ADDRESS: Record<string, NativeFunction> = {
  from_bytes: (ctx, _t, [v]) => {
    ctx.charge(SUI_NATIVE.address_base, 'compute');
    const bytes = bytesOf(v!);
    if (bytes.length !== ctx.addressWidth)
      throw new MoveAbort(E_ADDRESS_PARSE_ERROR, '0x2::address::from_bytes');
    return [bytes];
  },
  to_u256: (ctx, _t, [a]) => {
    ctx.charge(SUI_NATIVE.address_base, 'compute');
    const bytes = a as Uint8Array;
    return [bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n)];
  },
  from_u256: (ctx, _t, [n]) => {
    ctx.charge(SUI_NATIVE.address_base, 'compute');
    const out = new Uint8Array(ctx.addressWidth);
    let x = n as bigint;
    for (let i = out.length - 1; i >= 0; i--, x >>= 8n) out[i] = Number(x & 0xffn);
    return [out];
  },
};

/**
 * `dynamic_field::hash_type_and_key` (sui-types `dynamic_field.rs` `derive_dynamic_field_id`):
 * Blake2b-256 of the child-object scope byte, the parent, the key's BCS length (u64 LE), the key's
 * BCS and the key type's BCS `TypeTag`.
 */
const hashTypeAndKey: NativeFunction = (ctx, [kt], [parent, key]) => {
  const keyBytes = bcsEncode(key!, kt!);
  const tag = typeTagBytes(kt!);
  ctx.charge(
    SUI_NATIVE.hash_type_and_key_base +
      SUI_NATIVE.hash_type_and_key_per_byte * (2 * tag.length + keyBytes.length),
    'crypto',
  );
  const preimage = concatBytes(
    Uint8Array.of(CHILD_OBJECT_ID),
    parent as Uint8Array,
    u64le(BigInt(keyBytes.length)),
    keyBytes,
    tag,
  );
  return [blake2b(preimage, { dkLen: 32 })];
};

const OBJECT: Record<string, NativeFunction> = {
  // `&T` of a `key` struct → `&UID`, its first field.
  borrow_uid: (ctx, _t, [r]) => {
    ctx.charge(SUI_NATIVE.object_base, 'compute');
    return [new Ref((r as Ref).read() as Value[], 0)];
  },
  // Sui's object runtime records created and deleted ids for the transaction effects; objects are
  // not modelled here, so only the cost remains.
  delete_impl: (ctx) => {
    ctx.charge(SUI_NATIVE.object_base, 'compute');
    return [];
  },
  record_new_uid: (ctx) => {
    ctx.charge(SUI_NATIVE.object_base, 'compute');
    return [];
  },
};

/** `tx_context::derive_id(tx_hash, ids_created)` (sui-types `ObjectID::derive_id`). */
const deriveId: NativeFunction = (ctx, _t, [txHash, created]) => {
  ctx.charge(SUI_NATIVE.derive_id_base, 'crypto');
  const preimage = concatBytes(Uint8Array.of(REGULAR_OBJECT_ID), bytesOf(txHash!), u64le(created as bigint));
  return [blake2b(preimage, { dkLen: 32 })];
};

/** Sui std `type_name::get` / `get_with_original_ids`: `TypeName { name: ascii::String }`. */
const typeNameGet: NativeFunction = (ctx, [t]) => {
  const name = canonicalTypeName(t!);
  ctx.charge(SUI_NATIVE.type_name_base + SUI_NATIVE.type_name_per_byte * name.length, 'compute');
  return [[[vectorOf(Buffer.from(name))]]];
};

export function suiNatives(): Map<string, NativeFunction> {
  const table = new Map<string, NativeFunction>();
  for (const [name, fn] of Object.entries(ADDRESS)) table.set(`0x2::address::${name}`, fn);
  for (const [name, fn] of Object.entries(OBJECT)) table.set(`0x2::object::${name}`, fn);
  table.set('0x2::dynamic_field::hash_type_and_key', hashTypeAndKey);
  table.set('0x2::tx_context::derive_id', deriveId);
  table.set('0x1::type_name::get', typeNameGet);
  table.set('0x1::type_name::get_with_original_ids', typeNameGet);
  return table;
}
