import { VmFault } from '../execute/errors.js';
import type { MemoryMap } from '../execute/memory.js';
import { type SyscallWords, wordArg } from '../execute/syscall-registry.js';
import { utf8ErrorText } from './utf8-error.js';

/** Anything with guest memory (a VM of any host type). */
export interface Guest {
  readonly memory: MemoryMap;
}

/** agave `SyscallError` variants, raised as a VM fault (the program fails to complete). */
export function syscallError(kind: string, message = kind, details: Record<string, unknown> = {}): VmFault {
  return new VmFault('SyscallError', message, { syscallError: kind, ...details });
}

const U64 = (1n << 64n) - 1n;
const TWO_53 = 2 ** 53;
const EMPTY_VIEW = new DataView(new ArrayBuffer(0));

/** `addr` split into 32-bit halves (`hi` unsigned) by `splitAddress`; reused, read at once. */
const split = { lo: 0, hi: 0 };

function splitAddress(addr: bigint): void {
  // Every mapped address is below 2^53: one conversion, then number arithmetic (no bigints).
  const n = Number(addr);
  if (n >= 0 && n < TWO_53) {
    split.hi = Math.floor(n / 0x1_0000_0000);
    split.lo = (n - split.hi * 0x1_0000_0000) | 0;
  } else {
    const wrapped = addr & U64;
    split.lo = Number(wrapped & 0xffffffffn) | 0;
    split.hi = Number(wrapped >> 32n);
  }
}

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
  // Number() rounds only above 2^53, never across 2^32 - 1: the comparison is exact.
  if (Number(len) > 0xffffffff) throw syscallError('InvalidLength', `slice of ${len} bytes`);
  splitAddress(addr);
  return sliceAt(vm, split.lo, split.hi, Number(len), access, align);
}

/** `slice` for an address as 32-bit halves (`hi` unsigned) and a length already known to be below 2^32. */
export function sliceAt(
  vm: Guest,
  lo: number,
  hi: number,
  len: number,
  access: 'load' | 'store' = 'load',
  align = 1,
): Uint8Array {
  if (len === 0) {
    checkAligned(lo, align);
    return new Uint8Array(0);
  }
  const at = guestOffsetAt(vm, lo, hi, len, access, align);
  const view = vm.memory.view;
  return new Uint8Array(view.buffer, view.byteOffset + at, len);
}

/**
 * Where a non-empty guest slice (length below 2^32) lies: its offset in `vm.memory.view`, which
 * the translation sets; nothing is allocated. Faults as `slice` does.
 */
export function guestOffset(
  vm: Guest,
  addr: bigint,
  len: number,
  access: 'load' | 'store' = 'load',
  align = 1,
): number {
  splitAddress(addr);
  return guestOffsetAt(vm, split.lo, split.hi, len, access, align);
}

/** `guestOffset` for an address given as 32-bit halves (`hi` unsigned), as syscall words hold it. */
export function guestOffsetAt(
  vm: Guest,
  lo: number,
  hi: number,
  len: number,
  access: 'load' | 'store' = 'load',
  align = 1,
): number {
  checkAligned(lo, align);
  return vm.memory.translate(lo, hi, len, access);
}

/** agave `check_aligned`: alignments are powers of two up to 8, so the low word decides. */
function checkAligned(lo: number, align: number): void {
  if (align > 1 && (lo & (align - 1)) !== 0) throw syscallError('UnalignedPointer', 'Unaligned pointer');
}

export function readU64(vm: Guest, addr: bigint): bigint {
  const b = slice(vm, addr, 8n, 'load', 8);
  return new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
}

export function writeU64(vm: Guest, addr: bigint, value: bigint): void {
  const b = slice(vm, addr, 8n, 'store', 8);
  new DataView(b.buffer, b.byteOffset, 8).setBigUint64(0, value & U64, true);
}

/**
 * A guest array of `{ ptr: u64, len: u64 }` descriptors (Rust `&[&[u8]]`, C `SolBytes[]`): the
 * table is translated (O(1), aliasing guest memory), the slices it names only when asked, one at a
 * time and without copying, so a syscall can charge for each slice before touching it, as agave's
 * `translate_slice::<&[u8]>` + per-element `translate_slice` do.
 */
export class SliceTable {
  count = 0;
  /** The region's view and the table's offset in it (no copy, no new view). */
  #view: DataView<ArrayBufferLike> = EMPTY_VIEW;
  #base = 0;
  #vm: Guest | undefined;

  /** Points the table at `count` descriptors at `addr` in `vm`'s memory. */
  locate(vm: Guest, addr: bigint, count: bigint): this {
    if (count > 0n && count * 16n > 0xffffffffn) slice(vm, addr, count * 16n, 'load', 8); // throws InvalidLength
    splitAddress(addr);
    return this.locateAt(vm, split.lo, split.hi, Number(count));
  }

  /**
   * `locate` for an address as 32-bit halves (`hi` unsigned) and a count below 2^28 (callers
   * check their limits first): reusing one table allocates nothing.
   */
  locateAt(vm: Guest, lo: number, hi: number, count: number): this {
    this.#vm = vm;
    this.count = count;
    if (count === 0) {
      this.#view = EMPTY_VIEW;
      this.#base = 0;
      return this;
    }
    this.#base = guestOffsetAt(vm, lo, hi, count * 16, 'load', 8);
    this.#view = vm.memory.view;
    return this;
  }

  pointer(index: number): bigint {
    return this.#view.getBigUint64(this.#base + index * 16, true);
  }

  length(index: number): bigint {
    return this.#view.getBigUint64(this.#base + index * 16 + 8, true);
  }

  /** Sum of all lengths, saturating at u64::MAX (what `sol_log_data` charges before translating). */
  totalLength(): bigint {
    let total = 0n;
    for (let i = 0; i < this.count; i++) total += this.length(i);
    return total > U64 ? U64 : total;
  }

  /** The `index`-th length as a number when below 2^32 (every valid one), else -1. */
  smallLength(index: number): number {
    const at = this.#base + index * 16;
    return this.#view.getUint32(at + 12, true) === 0 ? this.#view.getUint32(at + 8, true) : -1;
  }

  /** `guestOffset` of the `index`-th slice, whose non-zero length `smallLength` gave. */
  offsetOf(index: number, length: number): number {
    // The pointer's 32-bit halves are what `guestOffset` translates, whatever its size.
    const at = this.#base + index * 16;
    return this.#vm!.memory.translate(
      this.#view.getInt32(at, true),
      this.#view.getUint32(at + 4, true),
      length,
      'load',
    );
  }

  /** The `index`-th slice as a view of guest memory (copy before keeping). */
  bytes(index: number): Uint8Array {
    const view = this.#view;
    const at = this.#base + index * 16;
    // A length below 2^32 (every valid one) is read as numbers, without bigints.
    if (view.getUint32(at + 12, true) !== 0) return slice(this.#vm!, this.pointer(index), this.length(index));
    const length = view.getUint32(at + 8, true);
    return this.#vm!.memory.sliceAt(view.getInt32(at, true), view.getUint32(at + 4, true), length, 'load');
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** A UTF-8 string from guest memory; invalid UTF-8 is `SyscallError::InvalidString`. */
export function readString(vm: Guest, addr: bigint, len: bigint): string {
  return decodeGuestString(slice(vm, addr, len));
}

/** `readString` of the address in register `addr` and the length in register `len` of `words`. */
export function readStringArg(vm: Guest, words: SyscallWords, addr: number, len: number): string {
  const length = lengthArg(words, len);
  return decodeGuestString(sliceAt(vm, words[2 * addr]!, words[2 * addr + 1]! >>> 0, length));
}

function decodeGuestString(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw syscallError('InvalidString', 'invalid UTF-8 string', { text: utf8ErrorText(bytes) });
  }
}

/** The length in register `r` of `words` where a slice is translated: 2^32 or more is `InvalidLength`, as `slice` says. */
export function lengthArg(words: SyscallWords, r: number): number {
  if (words[2 * r + 1] !== 0) throw syscallError('InvalidLength', `slice of ${wordArg(words, r)} bytes`);
  return words[2 * r]! >>> 0;
}
