/**
 * The program's external layout: instruction discriminators, Borsh argument/return widths, the state
 * account layout and the custom error codes. Shared by the code generator and the target adapter.
 */

import { sha256 } from '@noble/hashes/sha2.js';
import { UnsupportedError } from '@polyvm/core';
import type { IrContract, IrError, IrEvent, IrFunction } from '../ir/contract.js';
import { type IrType, storageSlots } from '../ir/types.js';
import { BUCKET } from './runtime-lib.js';

/**
 * Anchor's instruction discriminator: sha256("global:<name>")[..8] (anchor-lang
 * `lang/syn/src/codegen/program/common.rs`, `SIGHASH_GLOBAL_NAMESPACE`). The constructor is the
 * instruction `constructor` (a Solidity keyword, so no user function can collide with it).
 */
export function discriminator(fn: IrFunction): Uint8Array {
  const name = fn.kind === 'constructor' ? 'constructor' : fn.name;
  return sha256(new TextEncoder().encode(`global:${name}`)).subarray(0, 8);
}

/**
 * Anchor's event discriminator: sha256("event:<Name>")[..8] (anchor-lang `lang/syn/src/codegen/event.rs`).
 * Anchor names events; Solidity may overload them, so an overloaded event uses its full signature
 * (`event:Transfer(address,uint256)`) to stay distinguishable.
 */
export function eventDiscriminator(contract: IrContract, event: IrEvent): Uint8Array {
  const overloaded = contract.events.filter((e) => e.name === event.name).length > 1;
  return sha256(new TextEncoder().encode(`event:${overloaded ? event.signature : event.name}`)).subarray(
    0,
    8,
  );
}

/**
 * A custom error's arguments are logged like an event (`sol_log_data`), under sha256("error:<Name>")[..8]
 * (our convention, Anchor's errors carry no data), so the client can rebuild `revert E(args)`.
 */
export function errorDiscriminator(error: IrError): Uint8Array {
  return sha256(new TextEncoder().encode(`error:${error.name}`)).subarray(0, 8);
}

/** Values the program keeps in one register: (u)int8..(u)int64 and bool. */
export function isNarrow(type: IrType): boolean {
  return type.kind === 'bool' || ((type.kind === 'uint' || type.kind === 'int') && type.bits <= 64);
}

/**
 * Values the program keeps as 32-byte little-endian words (the runtime library's operands): wider
 * integers, `bytesN` (the value read big-endian, as the IR does) and `address` (a 32-byte pubkey; the
 * EVM side's 20-byte address `a` is the pubkey whose big-endian value is `a`, i.e. 12 zero bytes + `a`).
 */
export function isWide(type: IrType): boolean {
  return (
    type.kind === 'address' ||
    type.kind === 'fixedBytes' ||
    ((type.kind === 'uint' || type.kind === 'int') && type.bits > 64)
  );
}

/**
 * Width in bytes of a value type in Borsh: uintN/intN N/8 little-endian (u256 = 32 bytes LE, as
 * `primitive-types`' Borsh impl), bool 1 byte 0/1, address a 32-byte pubkey, bytesN `[u8; N]`.
 */
export function scalarWidth(type: IrType, what: string): number {
  if (type.kind === 'bool') return 1;
  if (type.kind === 'uint' || type.kind === 'int') return type.bits / 8;
  if (type.kind === 'address') return 32;
  if (type.kind === 'fixedBytes') return type.size;
  throw new UnsupportedError(`unsupported on svm: ${what} of type ${typeName(type)} (value types only)`);
}

export function typeName(type: IrType): string {
  if (type.kind === 'uint' || type.kind === 'int') return `${type.kind}${type.bits}`;
  if (type.kind === 'fixedBytes') return `bytes${type.size}`;
  if (type.kind === 'struct') return `struct ${type.name}`;
  if (type.kind === 'array') return `${typeName(type.element)}[${type.length ?? ''}]`;
  if (type.kind === 'mapping') return `mapping(${typeName(type.key)} => ${typeName(type.value)})`;
  return type.kind;
}

/** Whether storing `type` needs the hashed part of storage (mappings, dynamic arrays, strings). */
function hashed(type: IrType): boolean {
  switch (type.kind) {
    case 'mapping':
    case 'string':
    case 'bytes':
      return true;
    case 'array':
      return type.length === null || hashed(type.element);
    case 'struct':
      return type.fields.some((f) => hashed(f.type));
    default:
      return false;
  }
}

/**
 * State account layout, Solidity's storage model kept slot for slot: u64 `initialized` at 0, then the
 * contract's static slots (solc's `storageLayout`) as 32-byte little-endian words at 8 + 32·slot, then
 * (when the contract has mappings, dynamic arrays or strings) an open-addressing hash table of
 * `TABLE_CAPACITY` buckets {used u64, slot word, value word} for the keccak-derived slots. Values keep
 * solc's packing (byte offset from the low-order end), so the account decodes to solc's storage.
 */
export const TABLE_CAPACITY = 256;
export interface StateLayout {
  readonly staticSlots: number;
  readonly tableOffset: number;
  readonly capacity: number;
  readonly size: number;
}
export function stateLayout(contract: IrContract): StateLayout {
  let staticSlots = 0;
  for (const v of contract.storage)
    staticSlots = Math.max(staticSlots, Number(v.slot) + storageSlots(v.type));
  const capacity = contract.storage.some((v) => hashed(v.type)) ? TABLE_CAPACITY : 0;
  const tableOffset = 8 + 32 * staticSlots;
  return { staticSlots, tableOffset, capacity, size: tableOffset + BUCKET * capacity };
}
export const INITIALIZED_OFFSET = 0;
export function staticSlotOffset(slot: number): number {
  return 8 + 32 * slot;
}
export function stateSize(contract: IrContract): number {
  return stateLayout(contract).size;
}

/**
 * Custom program error codes (`ProgramError::Custom(code)`; agave encodes a custom code as the u32
 * itself, so code 0 is avoided). Anchor's framework codes: 100 InstructionMissing, 101
 * InstructionFallbackNotFound, 102 InstructionDidNotDeserialize (anchor-lang `lang/src/error.rs`).
 */
export const ERR = {
  emptyRevert: 1,
  instructionMissing: 100,
  fallbackNotFound: 101,
  didNotDeserialize: 102,
  wrongAccounts: 0x3000,
  notInitialized: 0x3001,
  alreadyInitialized: 0x3002,
  stateFull: 0x3003,
  /** A pubkey above 2^160 written to an address that shares its storage slot (solc keeps 20 bytes there). */
  addressTooWide: 0x3004,
  /** A hashed `abi.encodePacked` longer than the heap's scratch area (8 KiB). */
  scratchOverflow: 0x3005,
} as const;
export const PANIC_BASE = 0x100;
export const REASON_BASE = 0x1000;
export const CUSTOM_BASE = 0x2000;
