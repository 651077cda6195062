import type { Vm } from '../execute/interpreter.js';
import { type SyscallWords, smallWordArg, wordArg } from '../execute/syscall-registry.js';
import type { InvokeContext } from '../host/invoke-context.js';
import { COSTS } from './costs.js';
import { lengthArg, sliceAt, syscallError } from './translate.js';

type Ctx = Vm<InvokeContext>;

// The mem syscalls read their registers as 32-bit halves (`SyscallWords`): numbers below 2^53,
// bigints only for the rare argument above it, so results and errors stay exact.

const PER_UNIT = COSTS.cpi_bytes_per_unit;

/** agave `mem_op_consume`: max(mem_op_base_cost, n / cpi_bytes_per_unit) for the length in register `r`. */
function charge(vm: Ctx, words: SyscallWords, r: number): void {
  const n = smallWordArg(words, r);
  // (n - n % k) / k is exact for n < 2^53, where a rounded n / k might not be.
  const units = n >= 0 ? (n - (n % PER_UNIT)) / PER_UNIT : Number(wordArg(words, r) / BigInt(PER_UNIT));
  vm.consume(Math.max(COSTS.mem_op_base_cost, units), 'memory');
}

/** Register `r` as host bytes of length `n` (register `r`'s halves are the address). */
function guest(vm: Ctx, words: SyscallWords, r: number, n: number, access: 'load' | 'store' = 'load') {
  return sliceAt(vm, words[2 * r]!, words[2 * r + 1]! >>> 0, n, access);
}

/** The overlap check in u64 for arguments at or above 2^53. */
function overlapsWide(words: SyscallWords): boolean {
  const [dst, src] = [wordArg(words, 1), wordArg(words, 2)];
  return (dst < src ? src - dst : dst - src) < wordArg(words, 3);
}

/** `sol_memcpy_(dst, src, n)`: overlapping ranges (|dst − src| < n, in u64) are `SyscallError::CopyOverlapping`. */
export function solMemcpy(vm: Ctx, words: SyscallWords): number {
  charge(vm, words, 3);
  const [dst, src, n] = [smallWordArg(words, 1), smallWordArg(words, 2), smallWordArg(words, 3)];
  const overlapping = dst >= 0 && src >= 0 && n >= 0 ? Math.abs(dst - src) < n : overlapsWide(words);
  if (overlapping) throw syscallError('CopyOverlapping');
  const length = lengthArg(words, 3);
  guest(vm, words, 1, length, 'store').set(guest(vm, words, 2, length));
  return 0;
}

export function solMemmove(vm: Ctx, words: SyscallWords): number {
  charge(vm, words, 3);
  const length = lengthArg(words, 3);
  // TypedArray#set copies as if through a temporary when both views share a buffer: a memmove.
  guest(vm, words, 1, length, 'store').set(guest(vm, words, 2, length));
  return 0;
}

/** `sol_memset_(dst, value, n)`: the low byte of `value`. */
export function solMemset(vm: Ctx, words: SyscallWords): number {
  charge(vm, words, 3);
  guest(vm, words, 1, lengthArg(words, 3), 'store').fill(words[4]! & 0xff);
  return 0;
}

/** `sol_memcmp_(a, b, n, result)`: writes an i32, the difference of the first unequal bytes. */
export function solMemcmp(vm: Ctx, words: SyscallWords): number {
  charge(vm, words, 3);
  const length = lengthArg(words, 3);
  const left = guest(vm, words, 1, length);
  const right = guest(vm, words, 2, length);
  let result = 0;
  for (let i = 0; i < length; i++) {
    if (left[i] !== right[i]) {
      result = left[i]! - right[i]!;
      break;
    }
  }
  const out = sliceAt(vm, words[8]!, words[9]! >>> 0, 4, 'store', 4);
  new DataView(out.buffer, out.byteOffset, 4).setInt32(0, result, true);
  return 0;
}
