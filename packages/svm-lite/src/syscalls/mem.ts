import type { Vm } from '../execute/interpreter.js';
import type { InvokeContext } from '../host/invoke-context.js';
import { COSTS } from './costs.js';
import { slice, syscallError } from './translate.js';

type Ctx = Vm<InvokeContext>;

/** agave `mem_op_consume`: max(mem_op_base_cost, n / cpi_bytes_per_unit). */
function charge(vm: Ctx, n: bigint): void {
  vm.consume(Math.max(COSTS.mem_op_base_cost, Number(n / BigInt(COSTS.cpi_bytes_per_unit))), 'memory');
}

/** `sol_memcpy_(dst, src, n)`: overlapping ranges are `SyscallError::CopyOverlapping`. */
export function solMemcpy(vm: Ctx, dst: bigint, src: bigint, n: bigint): bigint {
  charge(vm, n);
  if ((dst < src ? src - dst : dst - src) < n) throw syscallError('CopyOverlapping');
  slice(vm, dst, n, 'store').set(slice(vm, src, n));
  return 0n;
}

export function solMemmove(vm: Ctx, dst: bigint, src: bigint, n: bigint): bigint {
  charge(vm, n);
  // TypedArray#set copies as if through a temporary when both views share a buffer: a memmove.
  slice(vm, dst, n, 'store').set(slice(vm, src, n));
  return 0n;
}

export function solMemset(vm: Ctx, dst: bigint, value: bigint, n: bigint): bigint {
  charge(vm, n);
  slice(vm, dst, n, 'store').fill(Number(value & 0xffn));
  return 0n;
}

/** `sol_memcmp_(a, b, n, result)`: writes an i32, the difference of the first unequal bytes. */
export function solMemcmp(vm: Ctx, a: bigint, b: bigint, n: bigint, resultAddr: bigint): bigint {
  charge(vm, n);
  const left = slice(vm, a, n);
  const right = slice(vm, b, n);
  let result = 0;
  for (let i = 0; i < left.length; i++) {
    if (left[i] !== right[i]) {
      result = left[i]! - right[i]!;
      break;
    }
  }
  const out = slice(vm, resultAddr, 4n, 'store', 4);
  new DataView(out.buffer, out.byteOffset, 4).setInt32(0, result, true);
  return 0n;
}
