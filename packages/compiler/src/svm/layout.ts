/**
 * The program's external layout: instruction discriminators, Borsh argument/return widths, the state
 * account layout and the custom error codes. Shared by the code generator and the target adapter.
 */

import { sha256 } from '@noble/hashes/sha2.js';
import { UnsupportedError } from '@polyvm/core';
import type { IrContract, IrEvent, IrFunction } from '../ir/contract.js';
import type { IrType } from '../ir/types.js';

/**
 * Anchor's instruction discriminator: sha256("global:<name>")[..8] (anchor-lang
 * `lang/syn/src/codegen/program/common.rs`, `SIGHASH_GLOBAL_NAMESPACE`). The constructor is the
 * instruction `constructor` (a Solidity keyword, so no user function can collide with it).
 */
export function discriminator(fn: IrFunction): Uint8Array {
  const name = fn.kind === 'constructor' ? 'constructor' : fn.name;
  return sha256(new TextEncoder().encode(`global:${name}`)).subarray(0, 8);
}

/** Anchor's event discriminator: sha256("event:<Name>")[..8] (anchor-lang `lang/syn/src/codegen/event.rs`). */
export function eventDiscriminator(event: IrEvent): Uint8Array {
  return sha256(new TextEncoder().encode(`event:${event.name}`)).subarray(0, 8);
}

/** Width in bytes of a supported scalar (Borsh: little-endian fixed width; bool one byte 0/1). */
export function scalarWidth(type: IrType, what: string): number {
  if (type.kind === 'bool') return 1;
  if ((type.kind === 'uint' || type.kind === 'int') && type.bits <= 64) return type.bits / 8;
  throw new UnsupportedError(
    `unsupported on svm: ${what} of type ${typeName(type)} (only (u)int8..(u)int64 and bool)`,
  );
}

export function typeName(type: IrType): string {
  if (type.kind === 'uint' || type.kind === 'int') return `${type.kind}${type.bits}`;
  if (type.kind === 'fixedBytes') return `bytes${type.size}`;
  return type.kind;
}

/**
 * State account layout: u64 `initialized` marker at offset 0, then one 8-byte little-endian cell
 * per state variable at 8 + 8·id (no packing: a cell costs 8 bytes of rent-exempt lamports, but every
 * access is one aligned ldxdw/stxdw).
 */
export const INITIALIZED_OFFSET = 0;
export function stateOffset(variable: number): number {
  return 8 + 8 * variable;
}
export function stateSize(contract: IrContract): number {
  return 8 + 8 * contract.storage.length;
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
} as const;
export const PANIC_BASE = 0x100;
export const REASON_BASE = 0x1000;
export const CUSTOM_BASE = 0x2000;
