import { MM_HEAP_START } from '../constants.js';
import type { Vm } from '../execute/interpreter.js';
import type { InvokeContext } from '../host/invoke-context.js';
import { BPF_ALIGN_OF_U128 } from './costs.js';

/**
 * `sol_alloc_free_(size, free_ptr)`: the deprecated bump allocator (agave `SyscallAllocFree`,
 * still registered for execution). Frees are ignored; allocations are 8-aligned from the heap
 * start and return 0 when the heap is exhausted. Costs nothing beyond the call instruction.
 */
export function solAllocFree(vm: Vm<InvokeContext>, size: bigint, freeAddr: bigint): bigint {
  if (freeAddr !== 0n) return 0n;
  const frame = vm.host.frame;
  const start = Math.ceil((frame.heapPosition ?? 0) / BPF_ALIGN_OF_U128) * BPF_ALIGN_OF_U128;
  if (BigInt(start) + size > BigInt(vm.host.heapSize)) return 0n;
  frame.heapPosition = start + Number(size);
  return BigInt(MM_HEAP_START + start);
}
