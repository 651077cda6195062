/**
 * The `move` target: publishes the generated module on @polyvm/move-lite at the deployer's address,
 * runs `initialize` as the constructor and calls the public wrappers with BCS arguments, as Aptos
 * entry-function transactions from the caller's account. `deploy` owns its runtime; the `binder`
 * publishes on a caller-owned `MoveRuntime` and `JournaledState` (what `polyvm compare` measures).
 */
import {
  addressFromHex,
  type ExecuteOptions,
  InvalidArgumentError,
  JournaledState,
  type Receipt,
  type Runtime,
  type Transaction,
} from '@polyvm/core';
import { type MoveCallPayload, MoveRuntime } from '@polyvm/move-lite';
import type { ContractArtifact } from '../compile.js';
import { constructorOf, type IrFunction } from '../ir/contract.js';
import { findCallable } from '../target/calls.js';
import { toAbiValue } from '../target/js-values.js';
import {
  type CallContext,
  type CallResult,
  DEFAULT_CONTEXT,
  type Deployment,
  type JsValue,
  type RuntimeBinding,
  type Target,
} from '../target/target.js';
import { bcsEncodeValue } from './bcs.js';
import { ensureFramework } from './framework.js';
import { addressHex, compileMoveModule, MOVE_ADDRESS_BYTES, type MoveModule } from './module-gen.js';
import { receiptResult } from './receipt.js';
import { solcStorage } from './storage-readback.js';

/** Generous: corpus calls are small; gas is reported, not limited. */
const MOVE_GAS_LIMIT = 10_000_000_000n;
/** The chain id blocks carry (Aptos' `chain_id` is a u8; 1 is mainnet's). */
const CHAIN_ID = 1n;

const builds = new WeakMap<ContractArtifact, Map<bigint, MoveModule>>();

/** The module for a contract published by `publisher` (the module's address is part of its bytes). */
export function buildMove(artifact: ContractArtifact, publisher: bigint): MoveModule {
  let byPublisher = builds.get(artifact);
  if (byPublisher === undefined) {
    byPublisher = new Map();
    builds.set(artifact, byPublisher);
  }
  let module = byPublisher.get(publisher);
  if (module === undefined) {
    module = compileMoveModule(artifact.ir, publisher);
    byPublisher.set(publisher, module);
  }
  return module;
}

function moveAddress(value: bigint): Uint8Array {
  return addressFromHex(addressHex(value), MOVE_ADDRESS_BYTES);
}

function bcsArgs(fn: IrFunction, args: readonly JsValue[]): Uint8Array[] {
  if (args.length !== fn.params.length)
    throw new InvalidArgumentError(
      `${fn.signature ?? fn.id} takes ${fn.params.length} arguments, got ${args.length}`,
    );
  return fn.params.map((p, i) => bcsEncodeValue(p.type, toAbiValue(p.type, args[i]!)));
}

function blockOptions(context: Partial<CallContext> = {}): ExecuteOptions {
  const { blockNumber, timestamp } = { ...DEFAULT_CONTEXT, ...context };
  return { block: { height: blockNumber, timestamp, chainId: CHAIN_ID } };
}

/** A module published at its deployer's address on a runtime and state. */
class PublishedModule {
  constructor(
    readonly artifact: ContractArtifact,
    readonly module: MoveModule,
    readonly runtime: MoveRuntime,
    readonly state: JournaledState,
    readonly publisher: bigint,
  ) {}

  /** An entry-function transaction calling `entry` with `fn`'s BCS arguments from `context.sender`. */
  transaction(
    fn: IrFunction,
    entry: string,
    args: readonly JsValue[],
    context: Partial<CallContext> = {},
  ): Transaction<MoveCallPayload> {
    return {
      sender: moveAddress({ ...DEFAULT_CONTEXT, ...context }.sender),
      input: new Uint8Array(0),
      value: 0n,
      nonce: 0n,
      gasLimit: MOVE_GAS_LIMIT,
      payload: {
        module: `0x${addressHex(this.publisher)}::${this.module.name}`,
        function: entry,
        args: bcsArgs(fn, args),
      },
    };
  }

  /** The receipt of `tx` (a call of `fn`) as a CallResult; a computed custom error is replayed read-only. */
  result(
    fn: IrFunction,
    receipt: Receipt,
    tx: Transaction<MoveCallPayload>,
    options: ExecuteOptions,
  ): CallResult {
    return receiptResult(this.artifact.ir, this.module, fn, receipt, (entry) =>
      this.runtime.call(this.state, { ...tx, payload: { ...tx.payload!, function: entry } }, options),
    );
  }

  call(fn: IrFunction, entry: string, args: readonly JsValue[], context?: Partial<CallContext>): CallResult {
    const tx = this.transaction(fn, entry, args, context);
    const options = blockOptions(context);
    return this.result(fn, this.runtime.execute(this.state, tx, options), tx, options);
  }
}

/**
 * Publishes the module at the deployer's address and runs `initialize`. The result's gas is the
 * publish's plus the constructor's.
 */
function publishAndInitialize(
  artifact: ContractArtifact,
  runtime: MoveRuntime,
  state: JournaledState,
  args: readonly JsValue[],
  context: Partial<CallContext> = {},
): { result: CallResult; published: PublishedModule | null } {
  const deployer = { ...DEFAULT_CONTEXT, ...context }.sender;
  const module = buildMove(artifact, deployer);
  ensureFramework(runtime, state);
  const receipt = runtime.deploy(state, {
    sender: moveAddress(deployer),
    code: module.code,
    gasLimit: MOVE_GAS_LIMIT,
  });
  if (receipt.status !== 'success') {
    const message = receipt.error?.message ?? 'publishing failed';
    return {
      result: { status: 'error', revert: null, returns: [], events: [], gas: receipt.gasUsed, message },
      published: null,
    };
  }
  const published = new PublishedModule(artifact, module, runtime, state, deployer);
  const ctor = constructorOf(artifact.ir);
  const initialized = published.call(ctor, module.entryPoints.get(ctor.id)!, args, context);
  const result = { ...initialized, gas: receipt.gasUsed + (initialized.gas ?? 0) };
  return { result, published: result.status === 'success' ? published : null };
}

/** Calls on a published module through a caller-owned runtime: transactions and receipts only. */
function binding(published: PublishedModule, deployGas: number): RuntimeBinding {
  const { artifact, module } = published;
  // A computed custom error is explained by replaying the call that failed: the last one built.
  const built = new Map<string, { tx: Transaction<MoveCallPayload>; options: ExecuteOptions }>();
  return {
    target: 'move',
    codeSize: module.code.length,
    deployGas,
    transaction(fnName, args, context) {
      const fn = findCallable(artifact.ir, fnName);
      const tx = published.transaction(fn, module.entryPoints.get(fn.id)!, args, context);
      built.set(fnName, { tx, options: blockOptions(context) });
      return tx;
    },
    options: blockOptions,
    result(fnName, receipt) {
      const fn = findCallable(artifact.ir, fnName);
      const last = built.get(fnName);
      if (last === undefined)
        throw new InvalidArgumentError(`move binding: no transaction of ${fnName} was built`);
      return published.result(fn, receipt, last.tx, last.options);
    },
  };
}

/**
 * The caller's runtime as move-lite's (synchronous) `MoveRuntime`. Checked by name and address
 * width rather than `instanceof`, so a second copy of the package (a built `dist/` next to sources)
 * is accepted too.
 */
function moveRuntimeOf(runtime: Runtime): MoveRuntime {
  if (runtime instanceof MoveRuntime) return runtime;
  if (runtime.name !== 'move' || runtime.addressWidth !== MOVE_ADDRESS_BYTES)
    throw new InvalidArgumentError(
      `move target: needs @polyvm/move-lite's runtime with ${MOVE_ADDRESS_BYTES}-byte addresses, got ${runtime.name}`,
    );
  return runtime as unknown as MoveRuntime;
}

export const moveTarget: Target = {
  name: 'move',
  build(artifact) {
    const module = buildMove(artifact, DEFAULT_CONTEXT.sender);
    return { code: module.code, codeSize: module.code.length, listing: { format: 'asm', text: module.asm } };
  },
  deploy(artifact, args, options = {}) {
    const runtime = new MoveRuntime({ addressWidth: MOVE_ADDRESS_BYTES });
    const state = options.state ?? new JournaledState();
    const { result, published } = publishAndInitialize(artifact, runtime, state, args, options.context);
    if (published === null) return { result, deployment: null };
    const ir = artifact.ir;
    const deployment: Deployment = {
      target: 'move',
      call(fnName, callArgs, context) {
        const fn = findCallable(ir, fnName);
        return published.call(fn, published.module.entryPoints.get(fn.id)!, callArgs, context);
      },
      // Read back from the `State` resource and its tables into solc's slot layout.
      storage: () => solcStorage(state, ir, published.publisher, published.module.name),
    };
    return { result, deployment };
  },
  binder: {
    runtimeName: 'move',
    bind(artifact, runtime, state, args, context) {
      const { result, published } = publishAndInitialize(
        artifact,
        moveRuntimeOf(runtime),
        state,
        args,
        context,
      );
      return { result, binding: published === null ? null : binding(published, result.gas ?? 0) };
    },
  },
};
