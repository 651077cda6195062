/**
 * Reads a Move deployment's storage back in solc's slot layout, so it compares word for word with the
 * IR interpreter's and the EVM's: the `State` resource's fields are the state variables at their solc
 * slots and offsets; each `Table` is enumerated (move-lite keeps one `move/table` slot per entry,
 * key = handle ‖ BCS(key), value = BCS(value)) and every entry is written at
 * `keccak256(h(key) ‖ slot)`, as solc places mapping values. This is a read-out for comparison (it
 * scans the table namespace), never part of a transaction.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import { concatBytes, type JournaledState } from '@polyvm/core';
import { RESOURCE_NAMESPACE } from '@polyvm/move-lite';
import type { IrContract } from '../ir/contract.js';
import { mappingSlot, StorageAccess, WordStorage } from '../ir/interpreter/storage.js';
import type { Value } from '../ir/interpreter/values.js';
import { type IrType, typeName } from '../ir/types.js';
import { BcsReader, uleb128 } from './bcs.js';
import { addressHex, MOVE_ADDRESS_BYTES } from './module-gen.js';
import { holdsTable } from './types.js';
import { unsupportedOnMove } from './unsupported.js';

const TABLE_NAMESPACE = 'move/table';

function identifier(name: string): Uint8Array {
  const bytes = new TextEncoder().encode(name);
  return concatBytes(uleb128(bytes.length), bytes);
}

function address(value: bigint): Uint8Array {
  return Uint8Array.from(Buffer.from(addressHex(value), 'hex'));
}

/** Storage of the contract `ir` published as module `moduleName` by `publisher`, slot → non-zero word. */
export function solcStorage(
  state: JournaledState,
  ir: IrContract,
  publisher: bigint,
  moduleName: string,
): Map<bigint, bigint> {
  const at = address(publisher);
  // Resource key = address ‖ BCS(StructTag { address, module, name, type_args: [] }).
  const key = concatBytes(at, at, identifier(moduleName), identifier('State'), Uint8Array.of(0));
  const resource = state.get(RESOURCE_NAMESPACE, key);
  const words = new WordStorage();
  if (resource === undefined) return words.committed;
  const tables = new Map<string, Uint8Array[]>();
  for (const entry of state.entries(TABLE_NAMESPACE)) {
    const handle = bytesToHex(entry.key.subarray(0, MOVE_ADDRESS_BYTES));
    let list = tables.get(handle);
    if (list === undefined) tables.set(handle, (list = []));
    list.push(entry.key.subarray(MOVE_ADDRESS_BYTES), entry.value);
  }
  const access = new StorageAccess(words);

  const write = (type: IrType, slot: bigint, offset: number, value: Value): void => {
    if (type.kind === 'mapping') {
      const entries = tables.get(bytesToHex(value as Uint8Array)) ?? [];
      for (let i = 0; i < entries.length; i += 2) {
        const k = new BcsReader(entries[i]!).value(type.key) as Value;
        const v = new BcsReader(entries[i + 1]!).value(type.value) as Value;
        write(type.value, mappingSlot(slot, type.key, k), 0, v);
      }
      return;
    }
    access.store(type, { slot, offset }, value);
    if (type.kind === 'struct')
      type.fields.forEach((f, i) => {
        if (f.type.kind === 'mapping') write(f.type, slot + BigInt(f.slot), 0, (value as Value[])[i]!);
        else if (holdsTable(f.type))
          throw unsupportedOnMove(`read-back of ${typeName(f.type)} in a struct`, null);
      });
    else if (holdsTable(type)) throw unsupportedOnMove(`read-back of ${typeName(type)}`, null);
  };

  const reader = new BcsReader(resource);
  if (ir.storage.length === 0) return words.committed;
  for (const v of ir.storage) write(v.type, v.slot, v.offset, reader.value(v.type) as Value);
  words.commit();
  return words.committed;
}
