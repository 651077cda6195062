import type { GasSchedule } from '@polyvm/core';
import { COSTS } from './syscalls/costs.js';

const AGAVE = 'agave program-runtime execution_budget.rs (SVMTransactionExecutionCost::default)';

/** Solana compute units: one per sBPF instruction, syscalls priced by agave's cost table. */
export const SVM_GAS_SCHEDULE: GasSchedule = {
  runtime: 'svm',
  name: 'agave compute budget',
  unit: 'compute units',
  source: AGAVE,
  referenceOpCost: 1,
  entries: [
    { name: 'sBPF instruction', category: 'compute', cost: 1, source: 'sbpf interpreter instruction meter' },
    { name: 'syscall base', category: 'other', cost: COSTS.syscall_base_cost, source: AGAVE },
    {
      name: 'sol_log_ (min, else 1 per byte)',
      category: 'other',
      cost: COSTS.syscall_base_cost,
      per: 'byte',
      source: AGAVE,
    },
    { name: 'sol_log_64_', category: 'other', cost: COSTS.log_64_units, source: AGAVE },
    { name: 'sol_log_pubkey', category: 'other', cost: COSTS.log_pubkey_units, source: AGAVE },
    {
      name: 'sol_sha256 / sol_keccak256 base',
      category: 'crypto',
      cost: COSTS.sha256_base_cost,
      source: AGAVE,
    },
    {
      name: 'hash per 2 bytes (min 10 per slice)',
      category: 'crypto',
      cost: COSTS.sha256_byte_cost,
      per: '2 bytes',
      source: AGAVE,
    },
    {
      name: 'mem op (min; else 1 per 250 bytes)',
      category: 'memory',
      cost: COSTS.mem_op_base_cost,
      source: AGAVE,
    },
    {
      name: 'create_program_address',
      category: 'crypto',
      cost: COSTS.create_program_address_units,
      source: AGAVE,
    },
    { name: 'cross-program invocation', category: 'call', cost: COSTS.invoke_units, source: AGAVE },
    { name: 'CPI data (per 250 bytes)', category: 'call', cost: 1, per: '250 bytes', source: AGAVE },
    {
      name: 'sysvar read base (+ sysvar size)',
      category: 'storage',
      cost: COSTS.sysvar_base_cost,
      source: AGAVE,
    },
    {
      name: 'system program instruction',
      category: 'storage',
      cost: COSTS.system_program_units,
      source: 'agave system_processor DEFAULT_COMPUTE_UNITS',
    },
  ],
};
