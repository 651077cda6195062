import { concatBytes } from '@polyvm/core';
import { bcsEncode } from './bcs.js';
import { MoveAbort } from './errors.js';
import { INSTR } from './gas.js';
import type { NativeContext, NativeFunction } from './natives.js';
import { type Slot, TABLE_NAMESPACE } from './storage.js';
import { Ref, type RType, type Value } from './value.js';

/**
 * The table extension (move-table-extension `natives.rs`, as Starcoin's `Table.move` and Aptos'
 * `table.move` declare it): each entry is its own storage slot, keyed by the table's handle and
 * the BCS of the key, holding the BCS of `Box<V>`. Entries go through the transaction's storage
 * cache, so they revert with everything else. Type arguments are `<K, V, Box<V>>`.
 */
const ALREADY_EXISTS = 100n;
const NOT_FOUND = 101n;

/** The handle is the first field of both Starcoin's and Aptos' `Table` struct. */
const handleOf = (table: Value): Uint8Array => ((table as Ref).read() as Value[])[0] as Uint8Array;

function entry(ctx: NativeContext, typeArgs: readonly RType[], table: Value, key: Value): Slot {
  // Priced like a global-storage access; the slot read itself pays storage IO.
  ctx.charge(INSTR.borrow_global_base, 'storage');
  const slotKey = concatBytes(handleOf(table), bcsEncode(key, typeArgs[0]!));
  return ctx.store.slotAt(TABLE_NAMESPACE, slotKey, typeArgs[2]!);
}

const abort = (code: bigint, fn: string): MoveAbort => new MoveAbort(code, `0x1::table::${fn}`);

const TABLE: Record<string, NativeFunction> = {
  new_table_handle: (ctx) => [ctx.store.newTableHandle()],
  add_box: (ctx, t, [table, key, box]) => {
    const slot = entry(ctx, t, table!, key!);
    if (slot.exists) throw abort(ALREADY_EXISTS, 'add_box');
    ctx.store.put(slot, box!);
    return [];
  },
  borrow_box: (ctx, t, [table, key]) => {
    const slot = entry(ctx, t, table!, key!);
    if (!slot.exists) throw abort(NOT_FOUND, 'borrow_box');
    return [new Ref(ctx.store.cellOf(slot, false), 0)];
  },
  borrow_box_mut: (ctx, t, [table, key]) => {
    const slot = entry(ctx, t, table!, key!);
    if (!slot.exists) throw abort(NOT_FOUND, 'borrow_box_mut');
    return [new Ref(ctx.store.cellOf(slot, true), 0)];
  },
  contains_box: (ctx, t, [table, key]) => [entry(ctx, t, table!, key!).exists],
  remove_box: (ctx, t, [table, key]) => {
    const slot = entry(ctx, t, table!, key!);
    if (!slot.exists) throw abort(NOT_FOUND, 'remove_box');
    return [ctx.store.take(slot)];
  },
  // Emptiness is checked by the Move wrappers (they keep a length); the slots are already gone.
  destroy_empty_box: () => [],
  drop_unchecked_box: () => [],
};

export function tableNatives(): Map<string, NativeFunction> {
  const table = new Map<string, NativeFunction>();
  for (const module of ['Table', 'table']) {
    for (const [name, fn] of Object.entries(TABLE)) table.set(`0x1::${module}::${name}`, fn);
  }
  return table;
}
