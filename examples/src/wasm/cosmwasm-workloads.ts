import {
  concatBytes,
  type JournaledState,
  type LogicalResult,
  type PreparedWorkload,
  type Receipt,
  type Runtime,
  type WorkloadImplementation,
} from '@polyvm/core';
import { COSMWASM_STORAGE, type CosmWasmCallPayload, humanAddress, watToWasm } from '@polyvm/wasm';
import { ARITH, HASH, SORT, STORAGE, TOKEN } from '../spec.js';
import {
  CW_COUNTER_WAT,
  CW_FIB_WAT,
  CW_TOKEN_WAT,
  cwArithWat,
  cwHashWat,
  cwSortWat,
  cwStorageWat,
} from './cosmwasm.js';
import { ALICE, BOB, CONTRACT, u64At } from './near.js';

/** CosmWasm gas is ~7,000x finer than NEAR's; this is ample for every workload. */
const GAS = 100_000_000_000_000n;
const encoder = new TextEncoder();

interface CosmWasmWorkload {
  workload: string;
  wat: string;
  msg?: string;
  result(receipt: Receipt, state: JournaledState): LogicalResult;
}

/** The `key=value` log lines the runtime makes of a Response's attributes. */
function attribute(receipt: Receipt, key: string): string {
  const line = receipt.logs.find((l) => l.startsWith(`${key}=`));
  return line === undefined ? 'missing' : line.slice(key.length + 1);
}

function stored(state: JournaledState, key: string): Uint8Array | undefined {
  return state.get(COSMWASM_STORAGE, concatBytes(CONTRACT, encoder.encode(key)));
}

function cosmwasmWorkload(spec: CosmWasmWorkload): WorkloadImplementation {
  return {
    runtime: 'cosmwasm',
    workload: spec.workload,
    source: 'WAT (CosmWasm Region ABI, JSON messages), assembled with wabt',
    async prepare(state: JournaledState, runtime: Runtime): Promise<PreparedWorkload> {
      const code = await watToWasm(spec.wat, `cosmwasm-${spec.workload}.wat`);
      const deployed = await runtime.deploy(state, {
        sender: ALICE,
        address: CONTRACT,
        code,
        input: encoder.encode('{}'),
        gasLimit: GAS,
      });
      if (deployed.status !== 'success') {
        throw new Error(`${spec.workload}: instantiate ${deployed.status}: ${deployed.error?.message}`);
      }
      const payload: CosmWasmCallPayload = { entry: 'execute' };
      const tx = {
        sender: ALICE,
        to: CONTRACT,
        input: encoder.encode(spec.msg ?? '{}'),
        value: 0n,
        gasLimit: GAS,
        nonce: 0n,
        payload,
      };
      return {
        codeSize: code.length,
        deployGas: deployed.gasUsed,
        run: (options) => runtime.execute(state, tx, options),
        result: (receipt, s) => spec.result(receipt, s),
      };
    },
  };
}

/** The workloads with a size parameter, at any size, for sweeps. */
export function storageHeavy(slots: number): WorkloadImplementation {
  return cosmwasmWorkload({
    workload: 'storage-heavy',
    wat: cwStorageWat(slots),
    result: (receipt) => ({ sum: attribute(receipt, 's') }),
  });
}

export function computeArith(iterations: number): WorkloadImplementation {
  return cosmwasmWorkload({
    workload: 'compute-arith',
    wat: cwArithWat(iterations),
    result: (receipt) => ({ x: attribute(receipt, 'x') }),
  });
}

export function computeHash(rounds: number): WorkloadImplementation {
  return cosmwasmWorkload({
    workload: 'compute-hash',
    wat: cwHashWat(rounds),
    result: (receipt) => ({ digest: `0x${attribute(receipt, 'h')}` }),
  });
}

export function memorySort(length: number): WorkloadImplementation {
  return cosmwasmWorkload({
    workload: 'memory-sort',
    wat: cwSortWat(length),
    result: (receipt) => ({
      checksum: attribute(receipt, 's'),
      min: attribute(receipt, 'l'),
      max: attribute(receipt, 'h'),
    }),
  });
}

/** The seven workloads on the `cosmwasm` runtime. */
export const cosmwasmWorkloads: WorkloadImplementation[] = [
  cosmwasmWorkload({
    workload: 'counter',
    wat: CW_COUNTER_WAT,
    result: (_, state) => ({ counter: u64At(stored(state, 'c')) }),
  }),
  cosmwasmWorkload({
    workload: 'token-transfer',
    wat: CW_TOKEN_WAT,
    msg: JSON.stringify({ amount: String(TOKEN.amount), to: humanAddress(BOB) }),
    result: (_, state) => ({
      alice: u64At(stored(state, `b:${humanAddress(ALICE)}`)),
      bob: u64At(stored(state, `b:${humanAddress(BOB)}`)),
    }),
  }),
  storageHeavy(STORAGE.slots),
  computeArith(ARITH.iterations),
  computeHash(HASH.rounds),
  memorySort(SORT.length),
  cosmwasmWorkload({
    workload: 'call-heavy',
    wat: CW_FIB_WAT,
    result: (receipt) => ({ fib: attribute(receipt, 'f') }),
  }),
];
