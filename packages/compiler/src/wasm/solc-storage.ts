/**
 * The wasm targets' storage (keyed by path, README "Mapping") as solc would lay out the same values
 * (docs/internals/layout_in_storage.rst), so `Deployment.storage()` can be compared slot for slot
 * with the IR interpreter and the EVM. Each entry's key is parsed by the documented scheme — the
 * variable's name, then `:` ‖ mapping key (8 or 32 bytes LE, string/bytes as u32 LE length ‖ bytes),
 * `[` ‖ 32-byte LE index, `.` ‖ field name — and its value written at the solc position the IR
 * interpreter's own storage code computes. A key the scheme does not explain is an error.
 */
import type { IrContract } from '../ir/contract.js';
import { wrap } from '../ir/interpreter/arithmetic.js';
import {
  arrayDataSlot,
  elementPosition,
  mappingSlot,
  StorageAccess,
  type StoragePosition,
  WordStorage,
} from '../ir/interpreter/storage.js';
import type { Value } from '../ir/interpreter/values.js';
import { type IrType, isValueType } from '../ir/types.js';
import { nativeInt } from './integers.js';

const COLON = 0x3a;
const BRACKET = 0x5b;
const DOT = 0x2e;
const STEP = new Set([COLON, BRACKET, DOT]);
const utf8 = new TextDecoder();

/** Little-endian unsigned integer of `bytes`. */
function littleEndian(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
  return value;
}

/** A value type's canonical value from its stored little-endian bytes (signed types sign-extended). */
function storedValue(type: IrType, bytes: Uint8Array): bigint {
  const raw = littleEndian(bytes);
  return type.kind === 'int' ? wrap(type, raw) : raw;
}

class KeyReader {
  at = 0;
  constructor(readonly key: Uint8Array) {}
  get done(): boolean {
    return this.at === this.key.length;
  }
  take(n: number): Uint8Array {
    if (this.at + n > this.key.length) throw this.error('truncated');
    const bytes = this.key.subarray(this.at, this.at + n);
    this.at += n;
    return bytes;
  }
  /** A name: the bytes up to the next step character or the end. */
  name(): string {
    let end = this.at;
    while (end < this.key.length && !STEP.has(this.key[end]!)) end++;
    return utf8.decode(this.take(end - this.at));
  }
  step(expected: number): void {
    if (this.take(1)[0] !== expected) throw this.error(`expected '${String.fromCharCode(expected)}'`);
  }
  error(what: string): Error {
    return new Error(
      `storage key ${utf8.decode(this.key)} (${this.key.length} bytes): ${what} at byte ${this.at}`,
    );
  }
}

/** solc's slot → word map of the path-keyed `entries` of a contract compiled from `ir`. */
export function solcStorage(
  ir: IrContract,
  entries: Iterable<readonly [Uint8Array, Uint8Array]>,
): Map<bigint, bigint> {
  const words = new WordStorage();
  const access = new StorageAccess(words);
  const variables = new Map(ir.storage.map((v) => [v.name, v]));
  for (const [key, value] of entries) {
    const reader = new KeyReader(key);
    const variable = variables.get(reader.name());
    if (variable === undefined) throw reader.error('no such state variable');
    let type = variable.type;
    let at: StoragePosition = { slot: variable.slot, offset: variable.offset };
    while (!reader.done) {
      if (type.kind === 'mapping') {
        reader.step(COLON);
        const keyType = type.key;
        const keyValue: Value = isValueType(keyType)
          ? storedValue(keyType, reader.take(nativeInt(keyType, 'mapping key').wide ? 32 : 8))
          : reader.take(Number(littleEndian(reader.take(4))));
        at = { slot: mappingSlot(at.slot, keyType, keyValue), offset: 0 };
        type = type.value;
      } else if (type.kind === 'array') {
        reader.step(BRACKET);
        const index = littleEndian(reader.take(32));
        at = elementPosition(type.length === null ? arrayDataSlot(at.slot) : at.slot, type.element, index);
        type = type.element;
      } else if (type.kind === 'struct') {
        reader.step(DOT);
        const name = reader.name();
        const field = type.fields.find((f) => f.name === name);
        if (field === undefined) throw reader.error(`no field ${name} in ${type.name}`);
        at = { slot: at.slot + BigInt(field.slot), offset: field.offset };
        type = field.type;
      } else throw reader.error(`a step into ${type.kind}`);
    }
    if (isValueType(type)) access.storeValue(type, at, storedValue(type, value));
    else if (type.kind === 'string' || type.kind === 'bytes') access.storeBytes(at.slot, value);
    else if (type.kind === 'array' && type.length === null) words.store(at.slot, littleEndian(value));
    else throw reader.error(`a value stored at a whole ${type.kind}`);
  }
  words.commit();
  return words.committed;
}
