/**
 * The target-neutral way to run a compiled contract: a `Target` deploys an artifact on its polyvm
 * runtime and a `Deployment` calls functions by name with typed JS arguments. Every back end (the IR
 * interpreter, solc's EVM bytecode, polyvm's EVM code generator, and later wasm/move/svm) implements
 * it, so the corpus harness and `polyvm call` run the same call on every VM and compare the results.
 */
import type {
  ExecuteOptions,
  JournaledState,
  MaybePromise,
  Receipt,
  Runtime,
  Transaction,
} from '@polyvm/core';
import type { AbiValue } from '../abi/codec.js';
import type { DecodedRevert } from '../abi/revert.js';
import type { ContractArtifact } from '../compile.js';

/** JS arguments: numbers/bigints, booleans, `0x…` hex for addresses and bytes, strings, arrays, objects for structs. */
export type JsValue =
  | bigint
  | number
  | boolean
  | string
  | Uint8Array
  | readonly JsValue[]
  | { readonly [field: string]: JsValue };

export interface CallContext {
  /** `msg.sender`, as a 20-byte address number. */
  readonly sender: bigint;
  readonly blockNumber: bigint;
  readonly timestamp: bigint;
}

export const DEFAULT_CONTEXT: CallContext = {
  sender: 0xa11cen,
  blockNumber: 1n,
  timestamp: 1_700_000_000n,
};

export interface DecodedEvent {
  readonly name: string;
  readonly signature: string;
  /** In parameter order; an indexed string/bytes/array/struct is its 32-byte topic hash (bigint). */
  readonly args: readonly AbiValue[];
}

export interface CallResult {
  readonly status: 'success' | 'revert' | 'out-of-gas' | 'error';
  /** Decoded revert reason (null on success). */
  readonly revert: DecodedRevert | null;
  /** Decoded return values (empty unless success). */
  readonly returns: readonly AbiValue[];
  readonly events: readonly DecodedEvent[];
  /** Gas in the target's native unit (EVM gas, wasm gas, Move gas units, CU); null for the IR. */
  readonly gas: number | null;
  /** A message for `error` outcomes (a VM fault). */
  readonly message?: string;
}

export interface Deployment {
  readonly target: string;
  /** Calls a public function by name (or full signature, for overloads). */
  call(fn: string, args: readonly JsValue[], context?: Partial<CallContext>): CallResult;
  /**
   * Contract storage as solc lays it out (slot → non-zero word), when the target keeps that layout
   * (the IR and the EVM targets); null otherwise.
   */
  storage(): ReadonlyMap<bigint, bigint> | null;
}

export interface TargetBuild {
  /** What is deployed (EVM init code, a wasm module, a Move module, an ELF). */
  readonly code: Uint8Array;
  /** Size of the deployed program in bytes (EVM runtime code size, module size, …). */
  readonly codeSize: number;
  /**
   * The program as text, for `polyvm build --emit <format>`: WebAssembly text (`wat`) or the
   * VM's assembler/disassembler syntax (`asm`).
   */
  readonly listing?: { readonly format: ListingFormat; readonly text: string };
}

export type ListingFormat = 'wat' | 'asm';

export interface Target {
  /** `ir`, `evm-solc`, `evm`, `wasm`, `move`, `svm`. */
  readonly name: string;
  build(artifact: ContractArtifact): TargetBuild;
  /** Deploys (running the constructor) into `state`; a failed constructor returns no deployment. */
  deploy(
    artifact: ContractArtifact,
    args: readonly JsValue[],
    options?: { state?: JournaledState; context?: Partial<CallContext> },
  ): { result: CallResult; deployment: Deployment | null };
  /** Present on targets that `polyvm compare` can measure with its own runtime and state. */
  readonly binder?: RuntimeBinder;
}

/**
 * A contract deployed on a caller-owned runtime and state: how `polyvm compare` measures compiled
 * contracts with its own harness. `transaction` builds the chain's own transaction for a call
 * (arguments encoded as that chain encodes them, with the accounts it needs); `result` reads a
 * receipt of it back into the target-neutral `CallResult`.
 */
export interface RuntimeBinding {
  readonly target: string;
  /** Bytes of the deployed program (runtime code, module, ELF). */
  readonly codeSize: number;
  /** Native gas of deployment and constructor. */
  readonly deployGas: number;
  transaction(fn: string, args: readonly JsValue[], context?: Partial<CallContext>): Transaction;
  /** Block context etc. for a call in `context`. */
  options(context?: Partial<CallContext>): ExecuteOptions;
  result(fn: string, receipt: Receipt): CallResult;
}

/**
 * Deploys an artifact through `runtime` (the registry's runtime for `runtimeName`) into `state`.
 * A failed constructor gives its result and no binding.
 */
export interface RuntimeBinder {
  /** The `@polyvm/core` registry name of the runtime this target runs on (`evm`, `wasm`, `move`, `svm`). */
  readonly runtimeName: string;
  bind(
    artifact: ContractArtifact,
    runtime: Runtime,
    state: JournaledState,
    args: readonly JsValue[],
    context?: Partial<CallContext>,
  ): MaybePromise<{ result: CallResult; binding: RuntimeBinding | null }>;
}
