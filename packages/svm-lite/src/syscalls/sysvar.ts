import type { Vm } from '../execute/interpreter.js';
import type { InvokeContext } from '../host/invoke-context.js';
import { toBase58 } from '../host/pubkey.js';
import { SYSVAR_IDS, type Sysvars } from '../host/sysvars.js';
import { COSTS } from './costs.js';
import { slice } from './translate.js';

type Ctx = Vm<InvokeContext>;

/** `sol_get_<name>_sysvar(out)`: costs sysvar_base_cost + the sysvar's size. */
function sysvarSyscall(name: keyof Sysvars) {
  return (vm: Ctx, outAddr: bigint): bigint => {
    const bytes = vm.host.sysvars[name].struct;
    vm.consume(COSTS.sysvar_base_cost + bytes.length, 'storage');
    slice(vm, outAddr, BigInt(bytes.length), 'store', 8).set(bytes);
    return 0n;
  };
}

export const solGetClockSysvar = sysvarSyscall('clock');
export const solGetRentSysvar = sysvarSyscall('rent');
export const solGetEpochScheduleSysvar = sysvarSyscall('epochSchedule');
export const solGetEpochRewardsSysvar = sysvarSyscall('epochRewards');

/** `sol_get_sysvar` results (SIMD-0127). */
const OFFSET_LENGTH_EXCEEDS_SYSVAR = 1n;
const SYSVAR_NOT_FOUND = 2n;

/**
 * `sol_get_sysvar(id, out, offset, length)` (SIMD-0127): a byte range of any sysvar by id. Costs
 * sysvar_base_cost + 32/cpi_bytes_per_unit + max(length/cpi_bytes_per_unit, mem_op_base_cost).
 */
export function solGetSysvar(
  vm: Ctx,
  idAddr: bigint,
  outAddr: bigint,
  offset: bigint,
  length: bigint,
): bigint {
  const perUnit = BigInt(COSTS.cpi_bytes_per_unit);
  const bufferCost = Number(length / perUnit);
  vm.consume(
    COSTS.sysvar_base_cost +
      Math.floor(32 / COSTS.cpi_bytes_per_unit) +
      Math.max(bufferCost, COSTS.mem_op_base_cost),
    'storage',
  );
  const id = toBase58(slice(vm, idAddr, 32n));
  const out = slice(vm, outAddr, length, 'store');
  const name = SYSVAR_IDS.find(([key]) => key === id)?.[1];
  if (!name) return SYSVAR_NOT_FOUND;
  const bytes = vm.host.sysvars[name].bincode;
  if (offset + length > BigInt(bytes.length)) return OFFSET_LENGTH_EXCEEDS_SYSVAR;
  out.set(bytes.subarray(Number(offset), Number(offset + length)));
  return 0n;
}

/** `sol_get_stack_height()`: 1 for a top-level instruction, +1 per CPI. */
export function solGetStackHeight(vm: Ctx): bigint {
  vm.consume(COSTS.syscall_base_cost, 'storage');
  return BigInt(vm.host.stack.length);
}
