import { keccak_256 } from '@noble/hashes/sha3.js';
import type { Vm } from '../execute/interpreter.js';
import type { InvokeContext } from '../host/invoke-context.js';
import { COSTS } from './costs.js';
import { Sha256 } from './sha256.js';
import { SliceTable, sliceOfLength, syscallError } from './translate.js';

type Ctx = Vm<InvokeContext>;

/** A reusable hasher: `reset` starts a message (syscalls never nest, so one per syscall will do). */
interface Hasher {
  reset(): void;
  update(data: Uint8Array): void;
  digestInto(out: Uint8Array): void;
}

/** @noble/hashes' Keccak-256, reset from a pristine copy so a call allocates no hash state. */
function nobleKeccak256(): Hasher {
  const pristine = keccak_256.create();
  let hasher = pristine.clone();
  return {
    reset: () => {
      hasher = pristine._cloneInto(hasher as never) as typeof hasher;
    },
    update: (data) => hasher.update(data),
    digestInto: (out) => hasher.digestInto(out),
  };
}

/**
 * agave `SyscallHash`: at most 20,000 slices, the base cost, then for each slice (translated
 * without copying) max(mem_op_base_cost, byte_cost * len / 2) charged before it is hashed straight
 * from guest memory; the 32-byte digest goes to `result`.
 */
const MAX_SLICES = BigInt(COSTS.sha256_max_slices);

function hashSyscall(name: string, createHasher: () => Hasher) {
  let hasher: Hasher | undefined;
  return (vm: Ctx, valsAddr: bigint, valsLen: bigint, resultAddr: bigint): bigint => {
    if (valsLen > MAX_SLICES) {
      vm.host.logs.push(
        `Program log: ${name} Hashing ${valsLen} sequences in one syscall is over the limit ${COSTS.sha256_max_slices}`,
      );
      throw syscallError('TooManySlices');
    }
    vm.consume(COSTS.sha256_base_cost, 'crypto');
    const result = sliceOfLength(vm, resultAddr, 32, 'store');
    hasher ??= createHasher();
    hasher.reset();
    const table = new SliceTable(vm, valsAddr, valsLen);
    for (let i = 0; i < table.count; i++) {
      const value = table.bytes(i);
      vm.consume(
        Math.max(COSTS.mem_op_base_cost, COSTS.sha256_byte_cost * Math.floor(value.length / 2)),
        'crypto',
      );
      hasher.update(value);
    }
    hasher.digestInto(result);
    return 0n;
  };
}

export const solSha256 = hashSyscall('Sha256', () => new Sha256());
export const solKeccak256 = hashSyscall('Keccak256', nobleKeccak256);
