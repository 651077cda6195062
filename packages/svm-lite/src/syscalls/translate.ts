import { VmFault } from '../execute/errors.js';
import type { MemoryMap } from '../execute/memory.js';

/** Anything with guest memory (a VM of any host type). */
export interface Guest {
  readonly memory: MemoryMap;
}

/** agave `SyscallError` variants, raised as a VM fault (the program fails to complete). */
export function syscallError(kind: string, message = kind): VmFault {
  return new VmFault('SyscallError', message, { syscallError: kind });
}

const U64 = (1n << 64n) - 1n;

/**
 * A guest slice `[addr, addr+len)` as host bytes (aliases guest memory; copy before keeping).
 * `align` is the alignment of the element type: loader v2/v3 programs run with agave's
 * `check_aligned`, so a misaligned typed pointer is `SyscallError::UnalignedPointer`.
 */
export function slice(
  vm: Guest,
  addr: bigint,
  len: bigint,
  access: 'load' | 'store' = 'load',
  align = 1,
): Uint8Array {
  if (len > 0xffffffffn) throw syscallError('InvalidLength', `slice of ${len} bytes`);
  if (align > 1 && addr % BigInt(align) !== 0n) throw syscallError('UnalignedPointer', 'Unaligned pointer');
  return vm.memory.slice(addr & U64, Number(len), access);
}

export function readU64(vm: Guest, addr: bigint): bigint {
  const b = slice(vm, addr, 8n, 'load', 8);
  return new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
}

export function writeU64(vm: Guest, addr: bigint, value: bigint): void {
  const b = slice(vm, addr, 8n, 'store', 8);
  new DataView(b.buffer, b.byteOffset, 8).setBigUint64(0, value & U64, true);
}

/** An array of `{ ptr: u64, len: u64 }` descriptors (Rust `&[&[u8]]`, C `SolBytes[]`) → host copies. */
export function readSlices(vm: Guest, addr: bigint, count: bigint): Uint8Array[] {
  const table = slice(vm, addr, count * 16n, 'load', 8);
  const view = new DataView(table.buffer, table.byteOffset, table.length);
  const out: Uint8Array[] = [];
  for (let i = 0; i < Number(count); i++) {
    const ptr = view.getBigUint64(i * 16, true);
    const len = view.getBigUint64(i * 16 + 8, true);
    out.push(slice(vm, ptr, len).slice());
  }
  return out;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** A UTF-8 string from guest memory; invalid UTF-8 is `SyscallError::InvalidString`. */
export function readString(vm: Guest, addr: bigint, len: bigint): string {
  const bytes = slice(vm, addr, len);
  try {
    return decoder.decode(bytes);
  } catch {
    throw syscallError('InvalidString', 'invalid UTF-8 string');
  }
}
