import { keccak_256 } from '@noble/hashes/sha3.js';
import type { Vm } from '../execute/interpreter.js';
import { type SyscallWords, type WordSyscallHandler, wordArg } from '../execute/syscall-registry.js';
import type { InvokeContext } from '../host/invoke-context.js';
import { COSTS } from './costs.js';
import { Sha256 } from './sha256.js';
import { guestOffsetAt, SliceTable, syscallError } from './translate.js';

type Ctx = Vm<InvokeContext>;

/**
 * A reusable hasher fed straight from guest memory (`view` at `offset`): `reset` starts a message
 * (syscalls never nest, so one per syscall will do).
 */
interface Hasher {
  reset(): void;
  updateView(view: DataView, offset: number, length: number): void;
  digestIntoView(view: DataView, offset: number): void;
}

/** @noble/hashes' Keccak-256, reset from a pristine copy so a call allocates no hash state. */
function nobleKeccak256(): Hasher {
  const pristine = keccak_256.create();
  let hasher = pristine.clone();
  const bytes = (view: DataView, offset: number, length: number) =>
    new Uint8Array(view.buffer, view.byteOffset + offset, length);
  return {
    reset: () => {
      hasher = pristine._cloneInto(hasher as never) as typeof hasher;
    },
    updateView: (view, offset, length) => hasher.update(bytes(view, offset, length)),
    digestIntoView: (view, offset) => hasher.digestInto(bytes(view, offset, 32)),
  };
}

/**
 * agave `SyscallHash`: at most 20,000 slices, the base cost, then for each slice (translated
 * without copying) max(mem_op_base_cost, byte_cost * len / 2) charged before it is hashed straight
 * from guest memory; the 32-byte digest goes to `result`.
 */
function hashSyscall(name: string, createHasher: () => Hasher): WordSyscallHandler<InvokeContext> {
  let hasher: Hasher | undefined;
  // Reused: a hash syscall runs to completion before another can start.
  const table = new SliceTable();
  return (vm: Ctx, words: SyscallWords): number => {
    // r1 = vals_addr, r2 = vals_len, r3 = result_addr.
    const valsLen = words[4]! >>> 0;
    if (words[5] !== 0 || valsLen > COSTS.sha256_max_slices) {
      vm.host.logs.push(
        `Program log: ${name} Hashing ${wordArg(words, 2)} sequences in one syscall is over the limit ${COSTS.sha256_max_slices}`,
      );
      throw syscallError('TooManySlices');
    }
    vm.consume(COSTS.sha256_base_cost, 'crypto');
    const resultAt = guestOffsetAt(vm, words[6]!, words[7]! >>> 0, 32, 'store');
    const resultView = vm.memory.view;
    hasher ??= createHasher();
    hasher.reset();
    table.locateAt(vm, words[2]!, words[3]! >>> 0, valsLen);
    for (let i = 0; i < table.count; i++) {
      const length = table.smallLength(i);
      // Translated (a length of 2^32 or more fails as `slice` fails) before it is charged.
      if (length < 0) table.bytes(i);
      const at = length > 0 ? table.offsetOf(i, length) : 0;
      vm.consume(Math.max(COSTS.mem_op_base_cost, COSTS.sha256_byte_cost * Math.floor(length / 2)), 'crypto');
      if (length > 0) hasher.updateView(vm.memory.view, at, length);
    }
    hasher.digestIntoView(resultView, resultAt);
    return 0;
  };
}

export const solSha256 = hashSyscall('Sha256', () => new Sha256());
export const solKeccak256 = hashSyscall('Keccak256', nobleKeccak256);
