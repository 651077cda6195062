import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import type { Vm } from '../execute/interpreter.js';
import type { InvokeContext } from '../host/invoke-context.js';
import { COSTS } from './costs.js';
import { SliceTable, slice, syscallError } from './translate.js';

type Ctx = Vm<InvokeContext>;
type HashFactory = typeof sha256 | typeof keccak_256;

/**
 * agave `SyscallHash`: at most 20,000 slices, the base cost, then for each slice (translated
 * without copying) max(mem_op_base_cost, byte_cost * len / 2) charged before it is hashed straight
 * from guest memory; the 32-byte digest goes to `result`.
 */
function hashSyscall(name: string, factory: HashFactory) {
  // One hasher per syscall, reset from a pristine copy each call: syscalls never nest, and the
  // digest goes straight into guest memory, so a call allocates no hash state.
  const pristine = factory.create();
  const scratch = pristine.clone();
  return (vm: Ctx, valsAddr: bigint, valsLen: bigint, resultAddr: bigint): bigint => {
    if (valsLen > BigInt(COSTS.sha256_max_slices)) {
      vm.host.logs.push(
        `Program log: ${name} Hashing ${valsLen} sequences in one syscall is over the limit ${COSTS.sha256_max_slices}`,
      );
      throw syscallError('TooManySlices');
    }
    vm.consume(COSTS.sha256_base_cost, 'crypto');
    const result = slice(vm, resultAddr, 32n, 'store');
    const hasher = pristine._cloneInto(scratch as never) as typeof scratch;
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

export const solSha256 = hashSyscall('Sha256', sha256);
export const solKeccak256 = hashSyscall('Keccak256', keccak_256);
