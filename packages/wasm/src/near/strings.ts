import { ExecutionError, type GasCategory } from '@polyvm/core';
import type { GuestMemory } from '../engine/memory.js';
import { NEAR_COSTS as C } from '../gas/near.js';

/**
 * Guest strings the way nearcore reads them (`logic.rs`, `get_utf8_string` / `get_utf16_string`):
 * every byte is paid for and the total-log-length limit is checked before any guest memory is
 * copied or decoded, so a guest-declared length costs its gas, not the host's memory. Decoding uses
 * `TextDecoder` (no argument spreading, no per-character strings).
 */
export interface StringContext {
  mem: GuestMemory;
  charge(amount: number, category: GasCategory, reason: string): void;
  /** `max_total_log_length` minus what the logs already hold. */
  maxLen: number;
}

export const U64_MAX = 0xffff_ffff_ffff_ffffn;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf16 = new TextDecoder('utf-16le', { fatal: true });

export function totalLogLengthExceeded(length: number | bigint): ExecutionError {
  return new ExecutionError(`total log length exceeded: ${length} bytes, limit 16384`, {
    details: { length: String(length) },
  });
}

/** `read_memory_base + read_memory_byte * len` as a safe integer (an absurd length costs more than any limit). */
function readCost(bytes: number | bigint): number {
  const cost = C.readMemoryBase + C.readMemoryByte * Number(bytes);
  return Number.isSafeInteger(cost) ? cost : Number.MAX_SAFE_INTEGER;
}

function offset(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ExecutionError(`memory offset ${v} out of range`);
  return Number(v);
}

/**
 * `len == u64::MAX` means NUL-terminated; each scanned byte costs one memory read, as in nearcore.
 * i64 arguments reach JS signed, so the length is read as u64 first.
 */
export function readUtf8(ctx: StringContext, signedLen: bigint, ptr: bigint): string {
  const len = BigInt.asUintN(64, signedLen);
  ctx.charge(C.utf8DecodingBase, 'other', 'utf8_decoding');
  let bytes: Uint8Array;
  if (len !== U64_MAX) {
    if (len > BigInt(ctx.maxLen)) throw totalLogLengthExceeded(len);
    const n = Number(len);
    ctx.charge(readCost(n), 'memory', 'read_memory');
    bytes = ctx.mem.view(offset(ptr), n);
  } else {
    const start = offset(ptr);
    const found = ctx.mem.nulTerminatedLength(start, ctx.maxLen, 1);
    const scanned = found < 0 ? ctx.mem.size - start : Math.min(found, ctx.maxLen) + 1;
    ctx.charge(readCost(1) * Math.max(scanned, 1), 'memory', 'read_memory');
    if (found < 0) throw new ExecutionError('memory access out of bounds reading a NUL-terminated string');
    if (found > ctx.maxLen) throw totalLogLengthExceeded(found);
    bytes = ctx.mem.view(start, found);
  }
  ctx.charge(C.utf8DecodingByte * bytes.length, 'other', 'utf8_decoding');
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ExecutionError('guest passed invalid UTF-8');
  }
}

/** UTF-16LE; `len == u64::MAX` means terminated by a zero code unit. Unpaired surrogates are BadUTF16. */
export function readUtf16(ctx: StringContext, signedLen: bigint, ptr: bigint): string {
  const len = BigInt.asUintN(64, signedLen);
  ctx.charge(C.utf16DecodingBase, 'other', 'utf16_decoding');
  const start = offset(ptr);
  let n: number;
  if (len === U64_MAX) {
    const found = ctx.mem.nulTerminatedLength(start, ctx.maxLen, 2);
    const units = found < 0 ? Math.floor((ctx.mem.size - start) / 2) : found / 2 + 1;
    // nearcore: get_u16 per code unit, read_memory_base + 2 * read_memory_byte each.
    ctx.charge((C.readMemoryBase + 2 * C.readMemoryByte) * Math.max(units, 1), 'memory', 'read_memory');
    if (found < 0) throw new ExecutionError('memory access out of bounds reading a NUL-terminated string');
    if (found > ctx.maxLen) throw totalLogLengthExceeded(found);
    n = found;
  } else {
    ctx.charge(readCost(len), 'memory', 'read_memory');
    n = offset(len);
  }
  const bytes = ctx.mem.view(start, n);
  if (n % 2 !== 0) throw new ExecutionError('guest passed invalid UTF-16: odd byte length');
  if (n > ctx.maxLen) throw totalLogLengthExceeded(n);
  ctx.charge(C.utf16DecodingByte * n, 'other', 'utf16_decoding');
  try {
    return utf16.decode(bytes);
  } catch {
    throw new ExecutionError('guest passed invalid UTF-16');
  }
}
