import {
  concatBytes,
  type JournaledState,
  type LogicalResult,
  type PreparedWorkload,
  type Receipt,
  type Runtime,
  type WorkloadImplementation,
} from '@polyvm/core';
import { accountIdToAddress, NEAR_STORAGE, type NearCallPayload, watToWasm } from '@polyvm/wasm';

export const GAS = 300_000_000_000_000n;
export const ALICE = accountIdToAddress('alice.near');
export const BOB = accountIdToAddress('bob.near');
export const CONTRACT = accountIdToAddress('workload.near');

export interface NearWorkload {
  workload: string;
  wat: string;
  method: string;
  initMethod?: string;
  input?: Uint8Array;
  result(receipt: Receipt, state: JournaledState): LogicalResult;
}

/** Reads a contract's storage entry directly from state (NEAR key = contract address ++ key). */
export function storageValue(state: JournaledState, key: string): Uint8Array | undefined {
  return state.get(NEAR_STORAGE, concatBytes(CONTRACT, new TextEncoder().encode(key)));
}

export function u64At(bytes: Uint8Array | undefined, index = 0): string {
  if (!bytes || bytes.length < (index + 1) * 8) return 'missing';
  return new DataView(bytes.buffer, bytes.byteOffset + index * 8, 8).getBigUint64(0, true).toString();
}

/** Assembles the WAT, deploys it to `workload.near` as alice (running `initMethod`), and calls `method`. */
export function nearWorkload(spec: NearWorkload): WorkloadImplementation {
  return {
    runtime: 'wasm',
    workload: spec.workload,
    source: 'WAT (NEAR host ABI), assembled with wabt',
    async prepare(state: JournaledState, runtime: Runtime): Promise<PreparedWorkload> {
      const code = await watToWasm(spec.wat, `${spec.workload}.wat`);
      const deployed = await runtime.deploy(state, {
        sender: ALICE,
        address: CONTRACT,
        code,
        gasLimit: GAS,
        ...(spec.initMethod ? { payload: { initMethod: spec.initMethod } } : {}),
      });
      if (deployed.status !== 'success') {
        throw new Error(`${spec.workload}: deploy ${deployed.status}: ${deployed.error?.message}`);
      }
      return {
        codeSize: code.length,
        deployGas: deployed.gasUsed,
        run: (options) =>
          runtime.execute(
            state,
            {
              sender: ALICE,
              to: CONTRACT,
              input: spec.input ?? new Uint8Array(0),
              value: 0n,
              gasLimit: GAS,
              nonce: 0n,
              payload: { method: spec.method } satisfies NearCallPayload,
            },
            options,
          ),
        result: (receipt, s) => spec.result(receipt, s),
      };
    },
  };
}
