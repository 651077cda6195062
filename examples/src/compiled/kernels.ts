/**
 * The seven kernel workloads written once in Solidity (`examples/solidity/*.sol`): the same logical
 * results as the hand-written kernels, checked against the TypeScript reference model in `spec.ts`.
 */
import type { CompiledWorkload } from './workload.js';

const BOB = '0x0000000000000000000000000000000000000b0b';

export const KERNEL_SOURCES: readonly CompiledWorkload[] = [
  {
    workload: 'counter',
    file: 'counter.sol',
    contract: 'Counter',
    call: { fn: 'increment', args: [] },
    result: async ([v]) => ({ counter: String(v) }),
  },
  {
    workload: 'token-transfer',
    file: 'token_transfer.sol',
    contract: 'TokenTransfer',
    call: { fn: 'transfer', args: [BOB, 250] },
    result: async (_returns, view) => ({
      alice: String((await view('balances', ['0xa11ce']))[0]),
      bob: String((await view('balances', [BOB]))[0]),
    }),
  },
  {
    workload: 'storage-heavy',
    file: 'storage_heavy.sol',
    contract: 'StorageHeavy',
    call: { fn: 'run', args: [] },
    result: async ([v]) => ({ sum: String(v) }),
  },
  {
    workload: 'compute-arith',
    file: 'compute_arith.sol',
    contract: 'ComputeArith',
    call: { fn: 'run', args: [] },
    result: async ([v]) => ({ x: String(v) }),
  },
  {
    workload: 'compute-hash',
    file: 'compute_hash.sol',
    contract: 'ComputeHash',
    call: { fn: 'run', args: [] },
    result: async ([v]) => ({ digest: `0x${(v as bigint).toString(16).padStart(64, '0')}` }),
  },
  {
    workload: 'memory-sort',
    file: 'memory_sort.sol',
    contract: 'MemorySort',
    call: { fn: 'run', args: [] },
    result: async ([checksum, min, max]) => ({
      checksum: String(checksum),
      min: String(min),
      max: String(max),
    }),
  },
  {
    workload: 'call-heavy',
    file: 'call_heavy.sol',
    contract: 'CallHeavy',
    call: { fn: 'run', args: [] },
    result: async ([v]) => ({ fib: String(v) }),
  },
];
