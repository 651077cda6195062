import type { Vm } from '../execute/interpreter.js';
import type { InvokeContext } from '../host/invoke-context.js';
import { COSTS, MAX_RETURN_DATA } from './costs.js';
import { slice, syscallError } from './translate.js';

type Ctx = Vm<InvokeContext>;

/** `sol_set_return_data(addr, len)`: at most 1024 bytes, tagged with the current program. */
export function solSetReturnData(vm: Ctx, addr: bigint, len: bigint): bigint {
  vm.consume(COSTS.syscall_base_cost + Number(len / BigInt(COSTS.cpi_bytes_per_unit)), 'call');
  if (len > BigInt(MAX_RETURN_DATA))
    throw syscallError('ReturnDataTooLarge', `return data of ${len} bytes exceeds ${MAX_RETURN_DATA}`);
  const data = slice(vm, addr, len).slice();
  vm.host.returnData = { programId: vm.host.frame.programId.slice(), data };
  return 0n;
}

/** `sol_get_return_data(out, len, program_id_out)`: copies up to `len` bytes, returns the full length. */
export function solGetReturnData(vm: Ctx, outAddr: bigint, len: bigint, programAddr: bigint): bigint {
  vm.consume(COSTS.syscall_base_cost, 'call');
  const { programId, data } = vm.host.returnData;
  const length = len < BigInt(data.length) ? len : BigInt(data.length);
  if (length > 0n) {
    vm.consume(Number((length + 32n) / BigInt(COSTS.cpi_bytes_per_unit)), 'call');
    slice(vm, outAddr, length, 'store').set(data.subarray(0, Number(length)));
    slice(vm, programAddr, 32n, 'store').set(programId);
  }
  return BigInt(data.length);
}
