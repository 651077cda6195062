import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import type { Vm } from '../execute/interpreter.js';
import type { InvokeContext } from '../host/invoke-context.js';
import { COSTS } from './costs.js';
import { readSlices, slice, syscallError } from './translate.js';

type Ctx = Vm<InvokeContext>;
type HashFactory = typeof sha256 | typeof keccak_256;

/**
 * agave `SyscallHash`: base cost, then per slice max(mem_op_base_cost, byte_cost * len / 2);
 * the 32-byte digest goes to `result`.
 */
function hashSyscall(factory: HashFactory) {
  return (vm: Ctx, valsAddr: bigint, valsLen: bigint, resultAddr: bigint): bigint => {
    if (valsLen > BigInt(COSTS.sha256_max_slices)) throw syscallError('TooManySlices');
    vm.consume(COSTS.sha256_base_cost, 'crypto');
    const result = slice(vm, resultAddr, 32n, 'store');
    const hasher = factory.create();
    for (const value of readSlices(vm, valsAddr, valsLen)) {
      vm.consume(
        Math.max(COSTS.mem_op_base_cost, COSTS.sha256_byte_cost * Math.floor(value.length / 2)),
        'crypto',
      );
      hasher.update(value);
    }
    result.set(hasher.digest());
    return 0n;
  };
}

export const solSha256 = hashSyscall(sha256);
export const solKeccak256 = hashSyscall(keccak_256);
