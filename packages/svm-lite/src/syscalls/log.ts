import type { Vm } from '../execute/interpreter.js';
import type { SyscallWords } from '../execute/syscall-registry.js';
import type { InvokeContext } from '../host/invoke-context.js';
import { toBase58 } from '../host/pubkey.js';
import { COSTS } from './costs.js';
import { readStringArg, SliceTable, slice } from './translate.js';

type Ctx = Vm<InvokeContext>;

/** `sol_log_(msg, len)`: costs max(syscall_base_cost, len), len saturated at u32::MAX. */
export function solLog(vm: Ctx, words: SyscallWords): number {
  // r1 = msg, r2 = len.
  const len = words[5] !== 0 ? 0xffffffff : words[4]! >>> 0;
  vm.consume(Math.max(COSTS.syscall_base_cost, len), 'other');
  vm.host.logs.push(`Program log: ${readStringArg(vm, words, 1, 2)}`);
  return 0;
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

/** `sol_log_compute_units_()`: the units left after paying for this call (no arguments to convert). */
export function solLogComputeUnits(vm: Ctx): number {
  vm.consume(COSTS.syscall_base_cost, 'other');
  vm.host.logs.push(`Program consumption: ${vm.remaining} units remaining`);
  return 0;
}

/**
 * `sol_log_data(fields, count)` (agave `SyscallLogData`): base cost, base cost per field and one
 * unit per byte, all charged from the descriptors before any field is translated; the fields are
 * then base64-encoded straight from guest memory.
 */
export function solLogData(vm: Ctx, addr: bigint, count: bigint): bigint {
  vm.consume(COSTS.syscall_base_cost, 'other');
  const fields = new SliceTable().locate(vm, addr, count);
  vm.consume(COSTS.syscall_base_cost * fields.count, 'other');
  vm.consume(Number(fields.totalLength()), 'other');
  const encoded: string[] = [];
  for (let i = 0; i < fields.count; i++) {
    const field = fields.bytes(i);
    encoded.push(Buffer.from(field.buffer, field.byteOffset, field.length).toString('base64'));
  }
  vm.host.logs.push(`Program data: ${encoded.join(' ')}`);
  return 0n;
}
