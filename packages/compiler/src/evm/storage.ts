import { UnsupportedError } from '@polyvm/core';
import { isDynamic } from '../abi/codec.js';
import {
  type IrType,
  isValueType,
  type StorageRef,
  storageElementsPerSlot,
  storageSlots,
  typeName,
  valueTypeSize,
} from '../ir/index.js';
import type { CodeBuilder } from './code-builder.js';
import type { Gen } from './gen-context.js';
import { allocate, allocateArray } from './memory.js';
import { PanicCode } from './panic.js';
import { lowMask, wordShape } from './words.js';

/**
 * Storage access with solc's layout (docs/internals/layout_in_storage.rst): value types packed
 * low-order first, mappings at keccak256(h(k) ‖ p), dynamic array data from keccak256(p) with elements
 * ≤ 16 bytes packed, `bytes`/`string` short (≤ 31 bytes, data ‖ len·2 in p) or long (len·2+1 in p, data
 * from keccak256(p)).
 *
 * A storage position on the stack is `[slot]` with a byte offset that is either known at compile time
 * (`offset: number`) or pushed above the slot (`offset: 'stack'`, packed array elements).
 */
export type Offset = number | 'stack';

/** Pushes the position a storage path designates. */
export function pushRef(g: Gen, ref: StorageRef): Offset {
  const b = g.b;
  switch (ref.kind) {
    case 'var': {
      const variable = g.contract.storage[ref.variable];
      if (variable === undefined) throw new UnsupportedError(`evm: unknown state variable ${ref.variable}`);
      b.push(variable.slot);
      return variable.offset;
    }
    case 'local':
      b.push(g.localAddress(ref.local)).op('MLOAD');
      return 0;
    case 'mapping': {
      pushRef(g, ref.base);
      g.expr(ref.key);
      const keyType = ref.base.type.kind === 'mapping' ? ref.base.type.key : ref.key.type!;
      if (keyType.kind === 'string' || keyType.kind === 'bytes') {
        // keccak256(key bytes ‖ p), built at the free pointer.
        b.dup(1).op('MLOAD'); // [p, key, len]
        b.dup(1).dup(3).push(32).op('ADD').push(0x40).op('MLOAD').op('MCOPY'); // copy data
        b.swap(1).op('POP'); // [p, len]
        b.swap(1).dup(2).push(0x40).op('MLOAD').op('ADD').op('MSTORE'); // mstore(fp+len, p)
        b.push(32).op('ADD').push(0x40).op('MLOAD').op('KECCAK256');
        return 0;
      }
      b.push(0).op('MSTORE').push(0x20).op('MSTORE');
      b.push(0x40).push(0).op('KECCAK256');
      return 0;
    }
    case 'field': {
      pushRef(g, ref.base);
      const struct = ref.base.type;
      if (struct.kind !== 'struct') throw new UnsupportedError(`evm: field of ${typeName(struct)}`);
      const field = struct.fields.find((f) => f.name === ref.field);
      if (field === undefined) throw new UnsupportedError(`evm: no field ${ref.field} in ${struct.name}`);
      if (field.slot !== 0) b.push(field.slot).op('ADD');
      return field.offset;
    }
    case 'index': {
      const array = ref.base.type;
      if (array.kind !== 'array')
        throw new UnsupportedError(`evm: indexing ${typeName(array)} in storage is not supported`);
      pushRef(g, ref.base);
      g.expr(ref.index); // [p, i]
      if (array.length === null) {
        b.dup(2).op('SLOAD').dup(2).op('LT').op('ISZERO');
        g.panics.panicIf(PanicCode.outOfBounds);
        b.swap(1);
        dataSlot(b); // [i, d]
      } else {
        b.push(array.length).dup(2).op('LT').op('ISZERO');
        g.panics.panicIf(PanicCode.outOfBounds);
        b.swap(1);
      }
      return elementPosition(b, array.element);
    }
  }
}

/** `[p]` → `[keccak256(p)]`: where a dynamic array's or long string's data starts. */
export function dataSlot(b: CodeBuilder): void {
  b.push(0).op('MSTORE').push(0x20).push(0).op('KECCAK256');
}

/** `[i, data]` → the position of element `i` (packed when elements are ≤ 16 bytes). */
function elementPosition(b: CodeBuilder, element: IrType): Offset {
  const perSlot = storageElementsPerSlot(element);
  if (perSlot === 1) {
    const slots = storageSlots(element);
    b.swap(1);
    if (slots !== 1) b.push(slots).op('MUL');
    b.op('ADD');
    return 0;
  }
  b.push(perSlot).dup(3).op('DIV').op('ADD'); // [i, slot]
  b.swap(1).push(perSlot).swap(1).op('MOD').push(valueTypeSize(element)).op('MUL'); // [slot, byte offset]
  return 'stack';
}

/** Reads a value type at a position: `[slot (, offset)]` → `[clean word]`. */
export function loadValue(b: CodeBuilder, type: IrType, offset: Offset): void {
  if (offset === 'stack') b.swap(1).op('SLOAD').swap(1).push(8).op('MUL').op('SHR');
  else {
    b.op('SLOAD');
    if (offset !== 0) b.push(8 * offset).op('SHR');
  }
  const size = valueTypeSize(type);
  const shape = wordShape(type);
  if (shape.kind === 'signed') {
    if (size < 32) b.push(size - 1).op('SIGNEXTEND');
    return;
  }
  if (size < 32) b.push(lowMask(8 * size)).op('AND');
  if (shape.kind === 'left' && size < 32) b.push(256 - 8 * size).op('SHL');
}

/** Writes a value type: `[value, slot (, offset)]` → `[]`, read-modify-write when packed. */
export function storeValue(b: CodeBuilder, type: IrType, offset: Offset): void {
  const size = valueTypeSize(type);
  const mask = lowMask(8 * size);
  const prepare = (): void => {
    const shape = wordShape(type);
    if (shape.kind === 'left' && size < 32) b.push(256 - 8 * size).op('SHR');
    else if (shape.kind === 'signed' && size < 32) b.push(mask).op('AND');
  };
  if (offset === 'stack') {
    b.push(8).op('MUL'); // [v, slot, shift]
    b.dup(2).op('SLOAD').push(mask).dup(3).op('SHL').op('NOT').op('AND');
    b.dup(4);
    prepare();
    b.dup(3).op('SHL').op('OR'); // [v, slot, shift, new]
    b.swap(1).op('POP').swap(1).op('SSTORE').op('POP');
    return;
  }
  if (size === 32) {
    b.op('SSTORE');
    return;
  }
  b.dup(1)
    .op('SLOAD')
    .push(~(mask << BigInt(8 * offset)))
    .op('AND');
  b.dup(3);
  prepare();
  if (offset !== 0) b.push(8 * offset).op('SHL');
  b.op('OR').swap(1).op('SSTORE').op('POP');
}

/** `[slot]` → `[length]` of a dynamic array or byte string in storage; fixed arrays push their length. */
export function storageLength(g: Gen, type: IrType): void {
  const b = g.b;
  if (type.kind === 'array') {
    if (type.length === null) b.op('SLOAD');
    else b.op('POP').push(type.length);
    return;
  }
  if (type.kind === 'string' || type.kind === 'bytes') {
    b.op('SLOAD');
    byteArrayLength(g);
    return;
  }
  throw new UnsupportedError(`evm: .length of ${typeName(type)}`);
}

/**
 * `[slot word]` → `[length]` (solc `extract_byte_array_length`): len·2 for short strings, len·2+1 for
 * long ones; an encoding that contradicts its length panics 0x22.
 */
function byteArrayLength(g: Gen): void {
  const b = g.b;
  b.dup(1).push(1).op('SHR'); // [w, len]
  const long = b.newLabel('bytes-long');
  b.dup(2).push(1).op('AND').jumpIf(long);
  b.push(0x7f).op('AND');
  b.mark(long); // [w, len]
  b.push(32).dup(2).op('LT').dup(3).push(1).op('AND').op('EQ');
  g.panics.panicIf(PanicCode.badStorageBytes);
  b.swap(1).op('POP');
}

/** Reads any type at a position; reference types are copied into fresh memory. `[position]` → `[word]`. */
export function loadAny(g: Gen, type: IrType, offset: Offset): void {
  if (isValueType(type)) {
    loadValue(g.b, type, offset);
    return;
  }
  if (offset !== 0) throw new UnsupportedError(`evm: packed ${typeName(type)}`);
  copyToMemory(g, type);
}

/** `[slot]` → `[memory pointer]` for structs, arrays and byte strings. */
function copyToMemory(g: Gen, type: IrType): void {
  const b = g.b;
  switch (type.kind) {
    case 'struct': {
      b.push(32 * type.fields.length);
      allocate(b, g.panics); // [slot, p]
      type.fields.forEach((field, i) => {
        if (field.type.kind === 'mapping') b.push(0);
        else {
          b.dup(2);
          if (field.slot !== 0) b.push(field.slot).op('ADD');
          loadAny(g, field.type, field.offset);
        }
        b.dup(2)
          .push(32 * i)
          .op('ADD')
          .op('MSTORE');
      });
      b.swap(1).op('POP');
      return;
    }
    case 'array': {
      const element = type.element;
      if (type.length === null) {
        b.dup(1).op('SLOAD').dup(1);
        allocateArray(b, g.panics); // [slot, n, p]
        b.swap(2);
        dataSlot(b); // [p, n, d]
        b.dup(3).push(32).op('ADD'); // [p, n, d, first]
      } else {
        b.push(type.length).dup(1).push(32).op('MUL');
        allocate(b, g.panics); // [slot, n, p]
        b.swap(2).dup(3); // [p, n, slot, first]
      }
      // [p, n, data, first] → copy n elements, then drop to [p]
      eachElement(g, element, (position) => {
        loadAny(g, element, position);
      });
      return;
    }
    case 'string':
    case 'bytes':
      g.subroutines.call('load-bytes', 1, 1, () => loadBytes(g));
      return;
    default:
      throw new UnsupportedError(`evm: copying ${typeName(type)} from storage`);
  }
}

/** solc's `copy_array_from_storage_to_memory` for byte strings: `[slot]` → `[pointer]`. */
function loadBytes(g: Gen): void {
  const b = g.b;
  b.dup(1).op('SLOAD').dup(1);
  byteArrayLength(g); // [slot, w, len]
  b.dup(1).push(32).op('ADD');
  allocate(b, g.panics); // [slot, w, len, p]
  b.dup(2).dup(2).op('MSTORE');
  const long = b.newLabel('bytes-copy-long');
  const done = b.newLabel('bytes-copy-done');
  b.dup(3).push(1).op('AND').jumpIf(long);
  b.dup(3).push(0xff).op('NOT').op('AND').dup(2).push(32).op('ADD').op('MSTORE');
  b.jump(done);
  b.mark(long);
  // for (i = 0; i < len; i += 32) mstore(p + 32 + i, sload(d + i/32))
  b.dup(4);
  dataSlot(b); // [slot, w, len, p, d]
  const loop = b.newLabel('bytes-copy-loop');
  const end = b.newLabel('bytes-copy-end');
  b.push(0);
  b.mark(loop); // [slot, w, len, p, d, i]
  b.dup(4).dup(2).op('LT').op('ISZERO').jumpIf(end);
  b.dup(2).dup(2).push(5).op('SHR').op('ADD').op('SLOAD');
  b.dup(4).dup(3).op('ADD').push(32).op('ADD').op('MSTORE');
  b.push(32).op('ADD').jump(loop);
  b.mark(end);
  b.pop(2);
  b.mark(done); // [slot, w, len, p]
  b.swap(3).pop(3);
}

/**
 * Runs `body` for each element of an array whose memory words start at `first`: stack
 * `[p, n, data, first]` (data = storage slot of element 0) → `[p]`. `body` gets the element's storage
 * position pushed (`[…, slot (, offset)]`) and must leave exactly one word, stored to memory.
 */
function eachElement(g: Gen, element: IrType, body: (position: Offset) => void): void {
  const b = g.b;
  const loop = b.newLabel('storage-elements');
  const done = b.newLabel('storage-elements-done');
  b.push(0); // [p, n, d, first, i]
  b.mark(loop);
  b.dup(4).dup(2).op('LT').op('ISZERO').jumpIf(done);
  b.dup(1).dup(4); // [.., i, i, d]
  const position = elementPosition(b, element);
  body(position); // [.., i, value]
  b.dup(3).dup(3).push(32).op('MUL').op('ADD').op('MSTORE');
  b.push(1).op('ADD').jump(loop);
  b.mark(done);
  b.pop(4);
}

/**
 * Writes any type from a word (value) or memory pointer (reference) at a position:
 * `[value, position]` → `[]`. Structs member by member; arrays and byte strings are replaced whole,
 * with what the old value had beyond the new one cleared.
 */
export function storeAny(g: Gen, type: IrType, offset: Offset): void {
  const b = g.b;
  if (isValueType(type)) {
    storeValue(b, type, offset);
    return;
  }
  if (offset !== 0) throw new UnsupportedError(`evm: packed ${typeName(type)}`);
  switch (type.kind) {
    case 'struct':
      type.fields.forEach((field, i) => {
        if (field.type.kind === 'mapping') return;
        b.dup(2)
          .push(32 * i)
          .op('ADD')
          .op('MLOAD')
          .dup(2);
        if (field.slot !== 0) b.push(field.slot).op('ADD');
        storeAny(g, field.type, field.offset);
      });
      b.pop(2);
      return;
    case 'array':
      storeArray(g, type.element, type.length);
      return;
    case 'string':
    case 'bytes':
      g.subroutines.call('store-bytes', 2, 0, () => storeBytes(g));
      return;
    default:
      throw new UnsupportedError(`evm: storing ${typeName(type)}`);
  }
}

function storeArray(g: Gen, element: IrType, length: number | null): void {
  const b = g.b;
  const perSlot = storageElementsPerSlot(element);
  if (element.kind === 'mapping') throw new UnsupportedError('evm: copying arrays of mappings to storage');
  // [ptr, p]
  if (length === null) {
    b.dup(1).op('SLOAD'); // [ptr, p, old]
    b.dup(3).op('MLOAD').dup(1).dup(4).op('SSTORE'); // [ptr, p, old, n]
    b.dup(3);
    dataSlot(b); // [ptr, p, old, n, d]
    b.dup(5).push(32).op('ADD'); // first element word
  } else {
    b.push(length).push(length).dup(3).dup(5); // [ptr, p, old=k, n=k, d=p, first=ptr]
  }
  // Stack: [ptr, p, old, n, d, first]. Clear groups [floor(n/per), ceil(old/per)) first.
  b.dup(4)
    .push(perSlot - 1)
    .op('ADD')
    .push(perSlot)
    .swap(1)
    .op('DIV'); // end
  b.dup(4).push(perSlot).swap(1).op('DIV'); // start
  clearRange(g, element, 1); // → [ptr, p, old, n, d, first]
  const loop = b.newLabel('store-array');
  const done = b.newLabel('store-array-done');
  b.push(0); // i
  b.mark(loop);
  b.dup(4).dup(2).op('LT').op('ISZERO').jumpIf(done);
  b.dup(2).dup(2).push(32).op('MUL').op('ADD').op('MLOAD'); // [.., i, v]
  b.dup(2).dup(5); // [.., i, v, i, d]
  const position = elementPosition(b, element);
  storeAny(g, element, position);
  b.push(1).op('ADD').jump(loop);
  b.mark(done);
  b.pop(7);
}

/**
 * Whether a type keeps data outside its own slots (long strings, dynamic array elements): exactly the
 * ABI's dynamic types.
 */
const hasOutOfPlaceData = isDynamic;

/**
 * `[…, end, start]` → `[…]`: deletes array elements from `start` to `end` (in slot groups: whole slots
 * for packed elements), where the data slot `d` is the word `dDepth` below the two bounds. Elements with
 * data outside their slots are deleted one by one (a long string's data slots too).
 */
function clearRange(g: Gen, element: IrType, dDepth: number): void {
  const b = g.b;
  const slotsPer = storageSlots(element);
  if (!hasOutOfPlaceData(element)) {
    if (slotsPer !== 1) b.push(slotsPer).op('MUL').swap(1).push(slotsPer).op('MUL').swap(1);
    clearSlots(b, dDepth);
    return;
  }
  const loop = b.newLabel('delete-elements');
  const done = b.newLabel('delete-elements-done');
  b.mark(loop);
  b.dup(2).dup(2).op('LT').op('ISZERO').jumpIf(done);
  b.dup(1)
    .push(slotsPer)
    .op('MUL')
    .dup(4 + dDepth)
    .op('ADD');
  deleteAny(g, element, 0);
  b.push(1).op('ADD').jump(loop);
  b.mark(done);
  b.pop(2);
}

/**
 * `[…, end, start]` → `[…]`: zeroes storage slots `d + start … d + end − 1`, where `d` is the word
 * `dDepth` below the two bounds.
 */
function clearSlots(b: CodeBuilder, dDepth: number): void {
  const loop = b.newLabel('clear-slots');
  const done = b.newLabel('clear-slots-done');
  b.mark(loop); // [.., end, start]
  b.dup(2).dup(2).op('LT').op('ISZERO').jumpIf(done);
  b.push(0)
    .dup(2)
    .dup(5 + dDepth)
    .op('ADD')
    .op('SSTORE');
  b.push(1).op('ADD').jump(loop);
  b.mark(done);
  b.pop(2);
}

/** solc's `copy_byte_array_to_storage`: `[ptr, p]` → `[]`. */
function storeBytes(g: Gen): void {
  const b = g.b;
  b.dup(1).op('SLOAD');
  byteArrayLength(g); // [ptr, p, old]
  b.dup(3).op('MLOAD'); // [ptr, p, old, n]
  // Clear old data slots when the old value was long: from (n < 32 ? 0 : ceil(n/32)) to ceil(old/32).
  const skipClear = b.newLabel('bytes-skip-clear');
  b.push(32).dup(3).op('LT').jumpIf(skipClear);
  b.dup(3);
  dataSlot(b); // [ptr, p, old, n, d]
  b.dup(3).push(31).op('ADD').push(5).op('SHR'); // end
  b.push(32)
    .dup(4)
    .op('LT') // n < 32
    .op('ISZERO')
    .dup(4)
    .push(31)
    .op('ADD')
    .push(5)
    .op('SHR')
    .op('MUL'); // start
  clearSlots(b, 0);
  b.op('POP');
  b.mark(skipClear); // [ptr, p, old, n]
  const long = b.newLabel('bytes-store-long');
  const done = b.newLabel('bytes-store-done');
  b.push(31).dup(2).op('GT').jumpIf(long);
  // short: or(and(mload(ptr+32), not(shr(8n, not 0))), 2n), or 0 when n = 0 (mload may be dirty)
  b.dup(4).push(32).op('ADD').op('MLOAD');
  b.dup(2).op('ISZERO').op('ISZERO').op('MUL');
  b.dup(2).push(3).op('SHL');
  notShrOnes(b);
  b.op('AND');
  b.dup(2).push(1).op('SHL').op('OR');
  b.dup(4).op('SSTORE');
  b.jump(done);
  b.mark(long);
  b.dup(1).push(1).op('SHL').push(1).op('ADD').dup(4).op('SSTORE'); // p = 2n + 1
  b.dup(3);
  dataSlot(b); // [ptr, p, old, n, d]
  const loop = b.newLabel('bytes-store-loop');
  const end = b.newLabel('bytes-store-loop-end');
  const full = b.newLabel('bytes-store-full');
  b.push(0);
  b.mark(loop); // [ptr, p, old, n, d, i]
  b.dup(3).dup(2).op('LT').op('ISZERO').jumpIf(end);
  b.dup(1).dup(7).op('ADD').push(32).op('ADD').op('MLOAD'); // word
  b.dup(2).dup(5).op('SUB'); // [.., word, left = n − i]
  b.push(32).dup(2).op('LT').op('ISZERO').jumpIf(full);
  // the last, partial word keeps its `left` high bytes (solc mask_bytes_dynamic)
  b.push(3).op('SHL');
  notShrOnes(b);
  b.op('AND').push(0);
  b.mark(full);
  b.op('POP');
  b.dup(3).dup(3).push(5).op('SHR').op('ADD').op('SSTORE');
  b.push(32).op('ADD').jump(loop);
  b.mark(end);
  b.pop(2);
  b.mark(done);
  b.pop(4);
}

/** `[bits]` → `[not(shr(bits, not(0)))]`: a mask of the high `bits / 8` bytes. */
function notShrOnes(b: CodeBuilder): void {
  b.push(0).op('NOT').swap(1).op('SHR').op('NOT');
}

/** `delete x` at a position: `[position]` → `[]`. */
export function deleteAny(g: Gen, type: IrType, offset: Offset): void {
  const b = g.b;
  if (isValueType(type)) {
    if (offset === 'stack') b.push(0).swap(2).swap(1);
    else b.push(0).swap(1);
    storeValue(b, type, offset);
    return;
  }
  if (offset !== 0) throw new UnsupportedError(`evm: packed ${typeName(type)}`);
  switch (type.kind) {
    case 'struct':
      for (const field of type.fields) {
        if (field.type.kind === 'mapping') continue;
        b.dup(1);
        if (field.slot !== 0) b.push(field.slot).op('ADD');
        deleteAny(g, field.type, field.offset);
      }
      b.op('POP');
      return;
    case 'array': {
      const element = type.element;
      if (element.kind === 'mapping') throw new UnsupportedError('evm: delete of arrays of mappings');
      const perSlot = storageElementsPerSlot(element);
      if (type.length === null) {
        b.dup(1).op('SLOAD').push(0).dup(3).op('SSTORE'); // [p, n]
        b.swap(1);
        dataSlot(b); // [n, d]
        b.swap(1);
      } else b.push(type.length); // [d, n]
      b.push(perSlot - 1)
        .op('ADD')
        .push(perSlot)
        .swap(1)
        .op('DIV');
      b.push(0); // [d, end, start]
      clearRange(g, element, 0);
      b.op('POP');
      return;
    }
    case 'string':
    case 'bytes': {
      b.push(0x60).swap(1); // empty memory string at the zero slot
      g.subroutines.call('store-bytes', 2, 0, () => storeBytes(g));
      return;
    }
    default:
      throw new UnsupportedError(`evm: delete of ${typeName(type)}`);
  }
}

/** `arr.push(v)`: `[value?, p]` → `[]`; Panic 0x41 at 2^64 elements (solc `array_push`). */
export function pushElement(g: Gen, element: IrType, hasValue: boolean): void {
  const b = g.b;
  b.dup(1).op('SLOAD'); // [v?, p, n]
  b.push(1n << 64n)
    .dup(2)
    .op('LT')
    .op('ISZERO');
  g.panics.panicIf(PanicCode.allocation);
  b.dup(1).push(1).op('ADD').dup(3).op('SSTORE');
  if (!hasValue) {
    b.pop(2);
    return;
  }
  b.swap(1);
  dataSlot(b); // [v, n, d]
  const position = elementPosition(b, element);
  storeAny(g, element, position);
}

/** `arr.pop()`: `[p]` → `[]`; Panic 0x31 when empty; the removed element is zeroed. */
export function popElement(g: Gen, element: IrType): void {
  const b = g.b;
  b.dup(1).op('SLOAD'); // [p, n]
  b.dup(1).op('ISZERO');
  g.panics.panicIf(PanicCode.emptyPop);
  b.push(1).swap(1).op('SUB'); // [p, n−1]
  b.dup(1).dup(3).op('SSTORE');
  b.swap(1);
  dataSlot(b); // [n−1, d]
  const position = elementPosition(b, element);
  deleteAny(g, element, position);
}
