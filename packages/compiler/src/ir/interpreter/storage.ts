/**
 * Contract storage as solc lays it out (docs/internals/layout_in_storage.rst): 32-byte words keyed by
 * slot, value types packed low-order first, mappings at keccak256(h(k) ‖ p), dynamic arrays' data from
 * keccak256(p), string/bytes short (≤31 bytes in the slot, low byte = 2·len) or long (2·len+1, data at
 * keccak256(p)). The final word map equals the EVM's storage of the same contract.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesWord, valueWord, wordBytes } from '../../abi/codec.js';
import { type IrType, isValueType, storageElementsPerSlot, storageSlots, valueTypeSize } from '../types.js';
import { PANIC, PanicSignal, wrap } from './arithmetic.js';
import type { Value } from './values.js';

/** A position in storage: a slot and, for packed value types, a byte offset from the low-order end. */
export interface StoragePosition {
  readonly slot: bigint;
  readonly offset: number;
}

const SLOT_SPACE = 1n << 256n;

export function keccakWord(data: Uint8Array): bigint {
  return bytesWord(keccak_256(data));
}

/** Word-addressed storage with a transaction overlay: writes are kept apart until `commit`. */
export class WordStorage {
  private pending = new Map<bigint, bigint>();
  constructor(readonly committed: Map<bigint, bigint> = new Map()) {}

  load(slot: bigint): bigint {
    return this.pending.get(slot) ?? this.committed.get(slot) ?? 0n;
  }
  store(slot: bigint, word: bigint): void {
    this.pending.set(slot, word);
  }
  commit(): void {
    for (const [slot, word] of this.pending) {
      if (word === 0n) this.committed.delete(slot);
      else this.committed.set(slot, word);
    }
    this.pending = new Map();
  }
  rollback(): void {
    this.pending = new Map();
  }
}

/** h(k) of a mapping key: value types as their 32-byte word, string/bytes raw. */
export function mappingSlot(base: bigint, keyType: IrType, key: Value): bigint {
  const keyBytes = isValueType(keyType) ? wordBytes(valueWord(keyType, key as bigint)) : (key as Uint8Array);
  const data = new Uint8Array(keyBytes.length + 32);
  data.set(keyBytes, 0);
  data.set(wordBytes(base), keyBytes.length);
  return keccakWord(data);
}

/** Position of element `index` of an array whose data starts at `dataSlot` (no bounds check). */
export function elementPosition(dataSlot: bigint, element: IrType, index: bigint): StoragePosition {
  const perSlot = storageElementsPerSlot(element);
  if (isValueType(element) && perSlot > 1) {
    const size = valueTypeSize(element);
    return {
      slot: (dataSlot + index / BigInt(perSlot)) % SLOT_SPACE,
      offset: Number(index % BigInt(perSlot)) * size,
    };
  }
  return { slot: (dataSlot + index * BigInt(storageSlots(element))) % SLOT_SPACE, offset: 0 };
}

export function arrayDataSlot(slot: bigint): bigint {
  return keccakWord(wordBytes(slot));
}

/** Typed reads and writes of whole values at storage positions. */
export class StorageAccess {
  constructor(readonly words: WordStorage) {}

  loadValue(type: IrType, at: StoragePosition): bigint {
    const size = valueTypeSize(type);
    const raw = (this.words.load(at.slot) >> BigInt(at.offset * 8)) & ((1n << BigInt(size * 8)) - 1n);
    return type.kind === 'int' ? wrap(type, raw) : raw;
  }

  storeValue(type: IrType, at: StoragePosition, value: bigint): void {
    const size = valueTypeSize(type);
    const shift = BigInt(at.offset * 8);
    const mask = ((1n << BigInt(size * 8)) - 1n) << shift;
    const raw = (wrap({ kind: 'uint', bits: size * 8 }, value) << shift) & mask;
    this.words.store(at.slot, (this.words.load(at.slot) & ~mask) | raw);
  }

  /** Reads a value (a fresh memory copy for reference types). */
  load(type: IrType, at: StoragePosition): Value {
    if (isValueType(type)) return this.loadValue(type, at);
    switch (type.kind) {
      case 'struct':
        return type.fields.map((f) =>
          f.type.kind === 'mapping'
            ? 0n
            : this.load(f.type, { slot: at.slot + BigInt(f.slot), offset: f.offset }),
        );
      case 'array': {
        const length = type.length === null ? this.words.load(at.slot) : BigInt(type.length);
        const data = type.length === null ? arrayDataSlot(at.slot) : at.slot;
        const out: Value[] = [];
        for (let i = 0n; i < length; i++)
          out.push(this.load(type.element, elementPosition(data, type.element, i)));
        return out;
      }
      case 'string':
      case 'bytes':
        return this.loadBytes(at.slot);
      default:
        throw new TypeError('a mapping has no value to load');
    }
  }

  /** Writes a value (deep copy of reference types, clearing what the old value had beyond it). */
  store(type: IrType, at: StoragePosition, value: Value): void {
    if (isValueType(type)) {
      this.storeValue(type, at, value as bigint);
      return;
    }
    switch (type.kind) {
      case 'struct':
        type.fields.forEach((f, i) => {
          if (f.type.kind === 'mapping') return;
          this.store(f.type, { slot: at.slot + BigInt(f.slot), offset: f.offset }, (value as Value[])[i]!);
        });
        return;
      case 'array': {
        const elements = value as Value[];
        if (type.length !== null) {
          for (let i = 0; i < elements.length; i++) {
            this.store(type.element, elementPosition(at.slot, type.element, BigInt(i)), elements[i]!);
          }
          return;
        }
        const oldLength = this.words.load(at.slot);
        const data = arrayDataSlot(at.slot);
        this.words.store(at.slot, BigInt(elements.length));
        for (let i = 0; i < elements.length; i++) {
          this.store(type.element, elementPosition(data, type.element, BigInt(i)), elements[i]!);
        }
        this.clearArrayTail(type.element, data, BigInt(elements.length), oldLength);
        return;
      }
      case 'string':
      case 'bytes':
        this.storeBytes(at.slot, value as Uint8Array);
        return;
      default:
        throw new TypeError('cannot assign a mapping');
    }
  }

  /** `delete`: the zero value (mappings inside are left as they are, as solc does). */
  clear(type: IrType, at: StoragePosition): void {
    if (isValueType(type)) {
      this.storeValue(type, at, 0n);
      return;
    }
    switch (type.kind) {
      case 'struct':
        for (const f of type.fields) {
          if (f.type.kind !== 'mapping')
            this.clear(f.type, { slot: at.slot + BigInt(f.slot), offset: f.offset });
        }
        return;
      case 'array':
        if (type.length !== null) {
          for (let i = 0n; i < BigInt(type.length); i++) {
            this.clear(type.element, elementPosition(at.slot, type.element, i));
          }
          return;
        }
        this.clearArrayTail(type.element, arrayDataSlot(at.slot), 0n, this.words.load(at.slot));
        this.words.store(at.slot, 0n);
        return;
      case 'string':
      case 'bytes':
        this.storeBytes(at.slot, new Uint8Array());
        return;
      default:
        throw new TypeError('cannot delete a mapping');
    }
  }

  /** Zeroes elements [from, to) of a dynamic array, including the unused rest of a packed slot. */
  clearArrayTail(element: IrType, data: bigint, from: bigint, to: bigint): void {
    for (let i = from; i < to; i++) this.clear(element, elementPosition(data, element, i));
    const perSlot = BigInt(storageElementsPerSlot(element));
    if (isValueType(element) && perSlot > 1n) {
      for (let i = from; i % perSlot !== 0n; i++)
        this.storeValue(element, elementPosition(data, element, i), 0n);
    }
  }

  loadBytes(slot: bigint): Uint8Array {
    const word = this.words.load(slot);
    if ((word & 1n) === 0n) {
      const length = Number((word & 0xffn) / 2n);
      return wordBytes(word).slice(0, length);
    }
    const length = Number((word - 1n) / 2n);
    const data = arrayDataSlot(slot);
    const out = new Uint8Array(length);
    for (let i = 0; i * 32 < length; i++) {
      const chunk = wordBytes(this.words.load(data + BigInt(i)));
      out.set(chunk.subarray(0, Math.min(32, length - i * 32)), i * 32);
    }
    return out;
  }

  storeBytes(slot: bigint, value: Uint8Array): void {
    const oldWord = this.words.load(slot);
    const oldSlots = (oldWord & 1n) === 1n ? Math.ceil(Number((oldWord - 1n) / 2n) / 32) : 0;
    const data = arrayDataSlot(slot);
    let newSlots = 0;
    if (value.length <= 31) {
      const padded = new Uint8Array(32);
      padded.set(value, 0);
      this.words.store(slot, bytesWord(padded) | BigInt(value.length * 2));
    } else {
      this.words.store(slot, BigInt(value.length * 2 + 1));
      newSlots = Math.ceil(value.length / 32);
      for (let i = 0; i < newSlots; i++) {
        const chunk = new Uint8Array(32);
        chunk.set(value.subarray(i * 32, i * 32 + 32), 0);
        this.words.store(data + BigInt(i), bytesWord(chunk));
      }
    }
    for (let i = newSlots; i < oldSlots; i++) this.words.store(data + BigInt(i), 0n);
  }

  push(type: IrType & { kind: 'array' }, at: StoragePosition, value: Value | null): void {
    const length = this.words.load(at.slot);
    const position = elementPosition(arrayDataSlot(at.slot), type.element, length);
    this.words.store(at.slot, length + 1n);
    if (value !== null) this.store(type.element, position, value);
  }

  pop(type: IrType & { kind: 'array' }, at: StoragePosition): void {
    const length = this.words.load(at.slot);
    if (length === 0n) throw new PanicSignal(PANIC.emptyPop);
    this.clear(type.element, elementPosition(arrayDataSlot(at.slot), type.element, length - 1n));
    this.words.store(at.slot, length - 1n);
  }
}
