import { sha3_256 } from '@noble/hashes/sha3.js';
import { concatBytes, type JournaledState, utf8ToBytes } from '@polyvm/core';
import { bcsDecode, bcsEncode, formatType, structTagBytes } from './bcs.js';
import { vmError } from './errors.js';
import { STORAGE } from './gas.js';
import { resourceKey } from './loader.js';
import type { RType, Value } from './value.js';

/** Resources live here, keyed by address ++ BCS(StructTag); the value is the BCS of the resource. */
export const RESOURCE_NAMESPACE = 'move/resource';
/** Table entries (the table extension) live here, keyed by handle ++ BCS(key). */
export const TABLE_NAMESPACE = 'move/table';
const TABLE_COUNTER_NAMESPACE = 'move/table-handles';

export interface Slot {
  namespace: string;
  key: Uint8Array;
  type: RType;
  /** `[value]`: global references point at index 0. */
  cell: Value[];
  exists: boolean;
  existed: boolean;
  dirty: boolean;
}

/**
 * The transaction's view of global storage (the Move VM's data cache): each resource is read from
 * state once, operated on in memory, and written back only when the transaction succeeds, so an
 * abort leaves state untouched.
 */
export class GlobalStore {
  readonly #slots = new Map<string, Slot>();

  constructor(
    readonly state: JournaledState,
    readonly addressWidth: number,
    readonly charge: (amount: number) => void,
  ) {}

  #slot(address: Uint8Array, type: RType): Slot {
    if (type.k !== 'struct') throw vmError('TYPE_MISMATCH', 'global storage holds structs only');
    return this.slotAt(RESOURCE_NAMESPACE, resourceKey(address, structTagBytes(type)), type);
  }

  /** The cached slot of any stored value (a resource or a table entry), loaded on first use. */
  slotAt(namespace: string, key: Uint8Array, type: RType): Slot {
    const id = `${namespace}:${Buffer.from(key).toString('latin1')}`;
    let slot = this.#slots.get(id);
    if (slot) return slot;
    const bytes = this.state.get(namespace, key);
    // Reads pay per slot and per 4 KiB page of value (Aptos IO pricing).
    const pages = bytes ? Math.ceil(bytes.length / STORAGE.page_bytes) : 0;
    this.charge(STORAGE.slot_read + STORAGE.byte_read * STORAGE.page_bytes * pages);
    const exists = bytes !== undefined;
    slot = {
      namespace,
      key,
      type,
      cell: [exists ? bcsDecode(bytes, type, this.addressWidth) : false],
      exists,
      existed: exists,
      dirty: false,
    };
    this.#slots.set(id, slot);
    return slot;
  }

  exists(address: Uint8Array, type: RType): boolean {
    return this.#slot(address, type).exists;
  }

  /** The cell of an existing resource, for BorrowGlobal. */
  borrow(address: Uint8Array, type: RType, mutable: boolean): Value[] {
    const slot = this.#slot(address, type);
    if (!slot.exists) throw vmError('MISSING_DATA', `no ${formatType(type)} under ${hex(address)}`);
    return this.cellOf(slot, mutable);
  }

  moveFrom(address: Uint8Array, type: RType): Value {
    const slot = this.#slot(address, type);
    if (!slot.exists) throw vmError('MISSING_DATA', `no ${formatType(type)} under ${hex(address)}`);
    return this.take(slot);
  }

  moveTo(address: Uint8Array, type: RType, value: Value): void {
    const slot = this.#slot(address, type);
    if (slot.exists) {
      throw vmError('RESOURCE_ALREADY_EXISTS', `${formatType(type)} already under ${hex(address)}`);
    }
    this.put(slot, value);
  }

  /** The cell references point into; a mutable borrow marks the slot for write-back. */
  cellOf(slot: Slot, mutable: boolean): Value[] {
    if (mutable) slot.dirty = true;
    return slot.cell;
  }

  take(slot: Slot): Value {
    const value = slot.cell[0]!;
    slot.cell = [false];
    slot.exists = false;
    slot.dirty = true;
    return value;
  }

  put(slot: Slot, value: Value): void {
    slot.cell = [value];
    slot.exists = true;
    slot.dirty = true;
  }

  /**
   * A fresh table handle. Aptos derives it from the transaction hash and a counter; the polyvm
   * envelope has no hash, so a counter kept in state (journaled, so aborts give it back) is hashed.
   */
  newTableHandle(): Uint8Array {
    const key = Uint8Array.of(0);
    const stored = this.state.get(TABLE_COUNTER_NAMESPACE, key);
    const counter = stored ? new DataView(stored.buffer, stored.byteOffset, 8).getBigUint64(0, true) : 0n;
    const next = new Uint8Array(8);
    new DataView(next.buffer).setBigUint64(0, counter + 1n, true);
    this.state.set(TABLE_COUNTER_NAMESPACE, key, next);
    return sha3_256(concatBytes(utf8ToBytes('polyvm/move/table'), next)).slice(0, this.addressWidth);
  }

  /** Writes changed resources to state, charging Aptos write IO per slot and per byte. */
  flush(): void {
    for (const slot of this.#slots.values()) {
      if (!slot.dirty) continue;
      if (slot.exists) {
        const bytes = bcsEncode(slot.cell[0]!, slot.type);
        this.charge(STORAGE.slot_write + STORAGE.byte_write * (slot.key.length + bytes.length));
        this.state.set(slot.namespace, slot.key, bytes);
      } else if (slot.existed) {
        this.charge(STORAGE.slot_write);
        this.state.delete(slot.namespace, slot.key);
      }
    }
  }
}

const hex = (a: Uint8Array): string => `0x${Buffer.from(a).toString('hex')}`;
