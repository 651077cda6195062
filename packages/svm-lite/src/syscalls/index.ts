import { SyscallRegistry } from '../execute/syscall-registry.js';
import type { InvokeContext } from '../host/invoke-context.js';
import { abort, solPanic } from './abort.js';
import { solAllocFree } from './alloc.js';
import { solInvokeSignedC, solInvokeSignedRust } from './cpi.js';
import { solCurveGroupOp } from './curve.js';
import { solKeccak256, solSha256 } from './hash.js';
import { solLog, solLog64, solLogComputeUnits, solLogData, solLogPubkey } from './log.js';
import { solMemcmp, solMemcpy, solMemmove, solMemset } from './mem.js';
import { solCreateProgramAddress, solTryFindProgramAddress } from './pda.js';
import { solGetReturnData, solSetReturnData } from './return-data.js';
import { solGetProcessedSiblingInstruction } from './sibling.js';
import {
  solGetClockSysvar,
  solGetEpochRewardsSysvar,
  solGetEpochScheduleSysvar,
  solGetRentSysvar,
  solGetStackHeight,
  solGetSysvar,
} from './sysvar.js';

/**
 * The syscalls agave registers for loader v2/v3 programs (`create_program_runtime_environment_v1`)
 * that are implemented here. `sol_remaining_compute_units` is feature-gated off in agave 3.x (and
 * in litesvm), so calling it is an unsupported instruction, as there.
 */
export function createSyscallRegistry(): SyscallRegistry<InvokeContext> {
  return new SyscallRegistry<InvokeContext>()
    .register('abort', abort)
    .register('sol_panic_', solPanic)
    .registerWords('sol_log_', solLog)
    .register('sol_log_64_', solLog64)
    .register('sol_log_pubkey', solLogPubkey)
    .registerWords('sol_log_compute_units_', solLogComputeUnits)
    .register('sol_log_data', solLogData)
    .register('sol_create_program_address', solCreateProgramAddress)
    .register('sol_try_find_program_address', solTryFindProgramAddress)
    .registerWords('sol_sha256', solSha256)
    .registerWords('sol_keccak256', solKeccak256)
    .register('sol_get_clock_sysvar', solGetClockSysvar)
    .register('sol_get_epoch_schedule_sysvar', solGetEpochScheduleSysvar)
    .register('sol_get_epoch_rewards_sysvar', solGetEpochRewardsSysvar)
    .register('sol_get_rent_sysvar', solGetRentSysvar)
    .register('sol_get_sysvar', solGetSysvar)
    .register('sol_alloc_free_', solAllocFree)
    .registerWords('sol_memcpy_', solMemcpy)
    .registerWords('sol_memmove_', solMemmove)
    .registerWords('sol_memcmp_', solMemcmp)
    .registerWords('sol_memset_', solMemset)
    .register('sol_invoke_signed_c', solInvokeSignedC)
    .register('sol_invoke_signed_rust', solInvokeSignedRust)
    .register('sol_set_return_data', solSetReturnData)
    .register('sol_get_return_data', solGetReturnData)
    .register('sol_get_stack_height', solGetStackHeight)
    .register('sol_get_processed_sibling_instruction', solGetProcessedSiblingInstruction)
    .register('sol_curve_group_op', solCurveGroupOp);
}
