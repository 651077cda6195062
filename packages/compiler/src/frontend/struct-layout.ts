import { type IrType, isValueType, storageSlots, valueTypeSize } from '../ir/types.js';

/**
 * solc's storage packing for consecutive items (docs/internals/layout_in_storage.rst): value types pack
 * low-order first and move to the next slot when they do not fit; structs and arrays start a new slot
 * and so does whatever follows them; mappings, dynamic arrays and string/bytes take one whole slot.
 */
export function layoutItems(types: readonly IrType[]): {
  positions: { slot: number; offset: number }[];
  slots: number;
} {
  let slot = 0;
  let offset = 0;
  const positions: { slot: number; offset: number }[] = [];
  for (const type of types) {
    if (isValueType(type)) {
      const size = valueTypeSize(type);
      if (offset + size > 32) {
        slot++;
        offset = 0;
      }
      positions.push({ slot, offset });
      offset += size;
    } else {
      if (offset > 0) slot++;
      positions.push({ slot, offset: 0 });
      slot += storageSlots(type);
      offset = 0;
    }
  }
  return { positions, slots: offset > 0 ? slot + 1 : slot };
}
