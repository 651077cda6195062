import { blake2b } from '@noble/hashes/blake2.js';
import { concatBytes, equalBytes } from '@polyvm/core';
import { bcsEncode, typeTagBytes } from './bcs.js';
import { MoveAbort } from './errors.js';
import { big, canonical, type Int } from './ints.js';
import { bytesOf, vectorOf } from './native-values.js';
import type { NativeContext, NativeFunction } from './natives.js';
import { canonicalTypeName } from './type-names.js';
import { Ref, type RType, type Value } from './value.js';

/**
 * Natives of the Sui framework (0x2) and Sui's move-stdlib (0x1) that do not need Sui's object
 * runtime: `sui-move-natives` semantics, costs from Sui's `protocol-config` (charged 1:1 as internal
 * gas; Sui's own units are not Aptos').
 */
const SUI_NATIVE = {
  address_base: 52, // address_{from_bytes,to_u256,from_u256}_cost_base
  hash_type_and_key_base: 100, // dynamic_field_hash_type_and_key_cost_base
  hash_type_and_key_per_byte: 2, // …_type_cost_per_byte, …_value_cost_per_byte, …_type_tag_cost_per_byte
  child_base: 100, // dynamic_field_{add,borrow,remove,has}_child_object*_cost_base
  add_child_per_byte: 10, // dynamic_field_add_child_object_{type,value,struct_tag}_cost_per_byte
  borrow_child_per_byte: 10, // dynamic_field_borrow_child_object_{child_ref,type}_cost_per_byte
  remove_child_per_byte: 2, // dynamic_field_remove_child_object_{child,type}_cost_per_byte
  has_child_per_byte: 2, // dynamic_field_has_child_object_with_ty_{type,type_tag}_cost_per_byte
  object_base: 52, // object_{borrow_uid,delete_impl,record_new_uid}_cost_base
  derive_id_base: 52, // tx_context_derive_id_cost_base (also last_created_id's)
  fresh_id_base: 52, // tx_context_fresh_id_cost_base (Mainnet protocol v140 snapshot)
  tx_context_read_base: 30, // tx_context_{sender,epoch,epoch_timestamp_ms,sponsor,rgp,gas_price,gas_budget,ids_created}_cost_base
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
    let x = big(n as Int);
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

/** Child objects of dynamic fields: the value, keyed by parent ++ child id, and its type tag beside it. */
export const CHILD_OBJECT_NAMESPACE = 'move/object';
const CHILD_TYPE_NAMESPACE = 'move/object-type';
const BYTES: RType = { k: 'vector', e: { k: 'u8' } };
/** sui-move-natives `dynamic_field.rs`: `E_KEY_DOES_NOT_EXIST`, `E_FIELD_TYPE_MISMATCH`. */
const E_KEY_DOES_NOT_EXIST = 1n;
const E_FIELD_TYPE_MISMATCH = 2n;

/** The stored type tag of child `id` under `parent` (undefined when absent) and its key. */
function childAt(
  ctx: NativeContext,
  parent: Value,
  id: Value,
): { key: Uint8Array; tag: Uint8Array | undefined } {
  const key = concatBytes(parent as Uint8Array, id as Uint8Array);
  const slot = ctx.store.slotAt(CHILD_TYPE_NAMESPACE, key, BYTES);
  return { key, tag: slot.exists ? bytesOf(slot.cell[0]!) : undefined };
}

/** The child's value slot, after checking it exists with type `t` (aborting as Sui does). */
function typedChild(ctx: NativeContext, parent: Value, id: Value, t: RType, fn: string) {
  const { key, tag } = childAt(ctx, parent, id);
  const where = `0x2::dynamic_field::${fn}`;
  if (!tag) throw new MoveAbort(E_KEY_DOES_NOT_EXIST, where);
  if (!equalBytes(tag, typeTagBytes(t))) throw new MoveAbort(E_FIELD_TYPE_MISMATCH, where);
  return {
    key,
    slot: ctx.store.slotAt(CHILD_OBJECT_NAMESPACE, key, t),
    tagSlot: ctx.store.slotAt(CHILD_TYPE_NAMESPACE, key, BYTES),
  };
}

/** The address in a `UID { id: ID { bytes } }` value. */
const uidBytes = (uid: Value): Value => ((uid as Value[])[0] as Value[])[0]!;
/** A `&UID` / `&mut UID` argument's address. */
const uidAddress = (r: Value): Value => uidBytes((r as Ref).read());

/**
 * `dynamic_field`'s child-object natives over per-child storage slots. The Move wrappers check
 * existence before `add_child_object`; the natives abort on a missing child or a type mismatch.
 */
const DYNAMIC_FIELD: Record<string, NativeFunction> = {
  add_child_object: (ctx, [t], [parent, child]) => {
    const tag = typeTagBytes(t!);
    const value = bcsEncode(child!, t!);
    ctx.charge(
      SUI_NATIVE.child_base + SUI_NATIVE.add_child_per_byte * (2 * tag.length + value.length),
      'storage',
    );
    // A key object's first field is its UID.
    const id = uidBytes((child as Value[])[0]!);
    const key = concatBytes(parent as Uint8Array, id as Uint8Array);
    ctx.store.put(ctx.store.slotAt(CHILD_TYPE_NAMESPACE, key, BYTES), vectorOf(tag));
    ctx.store.put(ctx.store.slotAt(CHILD_OBJECT_NAMESPACE, key, t!), child!);
    return [];
  },
  borrow_child_object: (ctx, [t], [uid, id]) => {
    ctx.charge(SUI_NATIVE.child_base + SUI_NATIVE.borrow_child_per_byte * typeTagBytes(t!).length, 'storage');
    return [
      new Ref(
        ctx.store.cellOf(typedChild(ctx, uidAddress(uid!), id!, t!, 'borrow_child_object').slot, false),
        0,
      ),
    ];
  },
  borrow_child_object_mut: (ctx, [t], [uid, id]) => {
    ctx.charge(SUI_NATIVE.child_base + SUI_NATIVE.borrow_child_per_byte * typeTagBytes(t!).length, 'storage');
    const { slot } = typedChild(ctx, uidAddress(uid!), id!, t!, 'borrow_child_object_mut');
    return [new Ref(ctx.store.cellOf(slot, true), 0)];
  },
  remove_child_object: (ctx, [t], [parent, id]) => {
    ctx.charge(SUI_NATIVE.child_base + SUI_NATIVE.remove_child_per_byte * typeTagBytes(t!).length, 'storage');
    const { slot, tagSlot } = typedChild(ctx, parent!, id!, t!, 'remove_child_object');
    ctx.store.take(tagSlot);
    return [ctx.store.take(slot)];
  },
  has_child_object: (ctx, _t, [parent, id]) => {
    ctx.charge(SUI_NATIVE.child_base, 'storage');
    return [childAt(ctx, parent!, id!).tag !== undefined];
  },
  has_child_object_with_ty: (ctx, [t], [parent, id]) => {
    const tag = typeTagBytes(t!);
    ctx.charge(SUI_NATIVE.child_base + SUI_NATIVE.has_child_per_byte * 2 * tag.length, 'storage');
    const stored = childAt(ctx, parent!, id!).tag;
    return [stored !== undefined && equalBytes(stored, tag)];
  },
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

/** sui-types `ObjectID::derive_id`: Blake2b-256 of the regular-object scope, the digest and the count. */
const objectId = (digest: Uint8Array, count: bigint): Uint8Array =>
  blake2b(concatBytes(Uint8Array.of(REGULAR_OBJECT_ID), digest, u64le(count)), { dkLen: 32 });

/** `tx_context::derive_id(tx_hash, ids_created)`. */
const deriveId: NativeFunction = (ctx, _t, [txHash, created]) => {
  ctx.charge(SUI_NATIVE.derive_id_base, 'crypto');
  return [objectId(bytesOf(txHash!), big(created as Int))];
};

/** sui-move-natives `tx_context.rs` `E_NO_IDS_CREATED`: `last_created_id` before any `fresh_id`. */
const E_NO_IDS_CREATED = 1n;

/** A native returning one field of the transaction context, at Sui's flat read cost. */
const read =
  (field: (tx: NativeContext['tx']) => Value): NativeFunction =>
  (ctx) => {
    ctx.charge(SUI_NATIVE.tx_context_read_base, 'compute');
    return [field(ctx.tx)];
  };

/**
 * `tx_context`'s natives over the runtime's transaction context (sui-move-natives `tx_context.rs`,
 * `TransactionContext`): `fresh_id` derives `ObjectID::derive_id(digest, ids_created)` and counts it.
 */
const TX_CONTEXT: Record<string, NativeFunction> = {
  derive_id: deriveId,
  native_sender: read((tx) => tx.sender),
  native_epoch: read((tx) => canonical(tx.epoch)),
  native_epoch_timestamp_ms: read((tx) => canonical(tx.epochTimestampMs)),
  native_rgp: read((tx) => canonical(tx.referenceGasPrice)),
  native_gas_price: read((tx) => canonical(tx.gasPrice)),
  native_gas_budget: read((tx) => canonical(tx.gasBudget)),
  native_ids_created: read((tx) => canonical(tx.idsCreated)),
  native_sponsor: read((tx) => (tx.sponsor ? [tx.sponsor] : [])),
  fresh_id: (ctx) => {
    ctx.charge(SUI_NATIVE.fresh_id_base, 'crypto');
    const id = objectId(ctx.tx.digest, ctx.tx.idsCreated);
    ctx.tx.idsCreated += 1n;
    return [id];
  },
  last_created_id: (ctx) => {
    ctx.charge(SUI_NATIVE.derive_id_base, 'crypto');
    if (ctx.tx.idsCreated === 0n) throw new MoveAbort(E_NO_IDS_CREATED, '0x2::tx_context::last_created_id');
    return [objectId(ctx.tx.digest, ctx.tx.idsCreated - 1n)];
  },
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
  for (const [name, fn] of Object.entries(DYNAMIC_FIELD)) table.set(`0x2::dynamic_field::${name}`, fn);
  for (const [name, fn] of Object.entries(TX_CONTEXT)) table.set(`0x2::tx_context::${name}`, fn);
  table.set('0x1::type_name::get', typeNameGet);
  table.set('0x1::type_name::get_with_original_ids', typeNameGet);
  return table;
}
