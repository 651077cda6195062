import {
  addressFromHex,
  InvalidArgumentError,
  type JournaledState,
  type LogicalResult,
  type PreparedWorkload,
  type Receipt,
  type Runtime,
  type WorkloadImplementation,
} from '@polyvm/core';
import { assembleToBytes, type MoveCallPayload, MoveRuntime, publishStdlib } from '@polyvm/move-lite';
import { DEPLOYER_HEX } from './sources.js';

export const GAS_LIMIT = 10_000_000_000n;

export function asMove(runtime: Runtime): MoveRuntime {
  if (!(runtime instanceof MoveRuntime))
    throw new InvalidArgumentError(`expected the move runtime, got ${runtime.name}`);
  return runtime;
}

export function deployer(runtime: MoveRuntime): Uint8Array {
  return addressFromHex(DEPLOYER_HEX, runtime.addressWidth);
}

/** Calls `0xa11ce::<module>::<function>` from `sender`; throws on any status but success. */
export function callOrThrow(
  runtime: MoveRuntime,
  state: JournaledState,
  sender: Uint8Array,
  payload: MoveCallPayload,
): Receipt {
  const receipt = runtime.execute(state, {
    sender,
    input: new Uint8Array(0),
    value: 0n,
    nonce: 0n,
    gasLimit: GAS_LIMIT,
    payload,
  });
  if (receipt.status !== 'success') {
    throw new Error(`${payload.module}::${payload.function}: ${receipt.status}: ${receipt.error?.message}`);
  }
  return receipt;
}

export interface MoveWorkloadSpec {
  workload: string;
  /** Module name under 0xa11ce. */
  module: string;
  source: (runtime: MoveRuntime) => string;
  /** The `0x1` stdlib modules it links against (published first, counted as its code). */
  stdlib: string[];
  /** Transactions run once after publishing (counted as deploy gas). */
  setup?: (runtime: MoveRuntime, state: JournaledState) => number;
  /** The measured transaction. */
  call: (runtime: MoveRuntime) => { sender: Uint8Array; payload: MoveCallPayload };
  result: (receipt: Receipt, state: JournaledState, runtime: MoveRuntime) => LogicalResult;
}

/** Publishes the stdlib natives and the workload module, runs its setup, and returns the bench shape. */
export function moveWorkload(spec: MoveWorkloadSpec): WorkloadImplementation {
  return {
    runtime: 'move',
    workload: spec.workload,
    source: 'Move assembler (.masm) assembled to Move bytecode v6',
    prepare(state: JournaledState, generic: Runtime): PreparedWorkload {
      const runtime = asMove(generic);
      const std = publishStdlib(runtime, state, spec.stdlib);
      const code = assembleToBytes(spec.source(runtime), { addressWidth: runtime.addressWidth });
      const published = runtime.deploy(state, { sender: deployer(runtime), code, gasLimit: GAS_LIMIT });
      if (published.status !== 'success') throw published.error ?? new Error('publish failed');
      const setupGas = spec.setup?.(runtime, state) ?? 0;
      const { sender, payload } = spec.call(runtime);
      return {
        codeSize: std.codeSize + code.length,
        deployGas: std.gasUsed + published.gasUsed + setupGas,
        run: (options) =>
          runtime.execute(
            state,
            { sender, input: new Uint8Array(0), value: 0n, nonce: 0n, gasLimit: GAS_LIMIT, payload },
            options,
          ),
        result: (receipt, s) => spec.result(receipt, s, runtime),
      };
    },
  };
}

/** Little-endian unsigned integer of `n` bytes at `offset` of a BCS buffer. */
export function readUint(bytes: Uint8Array, offset: number, n: number): bigint {
  let v = 0n;
  for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[offset + i] ?? 0);
  return v;
}

export function u64Bcs(v: bigint | number): Uint8Array {
  const out = new Uint8Array(8);
  let x = BigInt(v);
  for (let i = 0; i < 8; i++) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}
