import type { Vm } from '../execute/interpreter.js';
import type { InvokeContext } from '../host/invoke-context.js';
import { toBase58 } from '../host/pubkey.js';
import { COSTS } from './costs.js';
import { readSlices, readString, slice } from './translate.js';

type Ctx = Vm<InvokeContext>;

/** `sol_log_(msg, len)`: costs max(syscall_base_cost, len). */
export function solLog(vm: Ctx, addr: bigint, len: bigint): bigint {
  vm.consume(Math.max(COSTS.syscall_base_cost, Number(len > 0xffffffffn ? 0xffffffffn : len)), 'other');
  vm.host.logs.push(`Program log: ${readString(vm, addr, len)}`);
  return 0n;
}

/** `sol_log_64_(a, b, c, d, e)`: five registers in hex. */
export function solLog64(vm: Ctx, a: bigint, b: bigint, c: bigint, d: bigint, e: bigint): bigint {
  vm.consume(COSTS.log_64_units, 'other');
  vm.host.logs.push(`Program log: ${[a, b, c, d, e].map((v) => `0x${v.toString(16)}`).join(', ')}`);
  return 0n;
}

/** `sol_log_pubkey(addr)`: a 32-byte key in base58. */
export function solLogPubkey(vm: Ctx, addr: bigint): bigint {
  vm.consume(COSTS.log_pubkey_units, 'other');
  vm.host.logs.push(`Program log: ${toBase58(slice(vm, addr, 32n))}`);
  return 0n;
}

/** `sol_log_compute_units_()`: the units left after paying for this call. */
export function solLogComputeUnits(vm: Ctx): bigint {
  vm.consume(COSTS.syscall_base_cost, 'other');
  vm.host.logs.push(`Program consumption: ${vm.remaining} units remaining`);
  return 0n;
}

/** `sol_log_data(fields, count)`: base cost, base cost per field, one unit per byte. */
export function solLogData(vm: Ctx, addr: bigint, count: bigint): bigint {
  vm.consume(COSTS.syscall_base_cost, 'other');
  const fields = readSlices(vm, addr, count);
  vm.consume(COSTS.syscall_base_cost * fields.length, 'other');
  vm.consume(
    fields.reduce((sum, f) => sum + f.length, 0),
    'other',
  );
  vm.host.logs.push(`Program data: ${fields.map((f) => Buffer.from(f).toString('base64')).join(' ')}`);
  return 0n;
}
