/**
 * The `move` target: publishes the generated module on @polyvm/move-lite at the deployer's address,
 * runs `initialize` as the constructor and calls the public wrappers with BCS arguments. Aborts decode
 * through the build's abort-code table into the same revert data as the EVM; Move's ARITHMETIC_ERROR
 * (overflow of + - *) is Solidity's Panic(0x11).
 */
import { addressFromHex, JournaledState } from '@polyvm/core';
import {
  assembleToBytes,
  MODULE_NAMESPACE,
  MoveAbort,
  MoveRuntime,
  moduleKey,
  publishStdlib,
} from '@polyvm/move-lite';
import { panicData } from '../abi/revert.js';
import type { ContractArtifact } from '../compile.js';
import { constructorOf, type IrContract, type IrFunction } from '../ir/contract.js';
import { abiCallResult, faultResult, findCallable } from '../target/calls.js';
import { toAbiValue } from '../target/js-values.js';
import {
  type CallContext,
  type CallResult,
  DEFAULT_CONTEXT,
  type DecodedEvent,
  type Deployment,
  type JsValue,
  type Target,
} from '../target/target.js';
import { bcsDecodeValues, bcsEncodeValue } from './bcs.js';
import {
  addressHex,
  compileMoveModule,
  EVENT_MODULE,
  EVENT_PREFIX,
  MOVE_ADDRESS_BYTES,
  type MoveModule,
} from './module-gen.js';

/** Generous: corpus calls are small; gas is reported, not limited. */
const MOVE_GAS_LIMIT = 10_000_000_000n;
/** Panic(0x11): what Solidity's checked arithmetic reports where Move raises ARITHMETIC_ERROR. */
const ARITHMETIC_PANIC = 0x11;

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

function ensureStdlib(runtime: MoveRuntime, state: JournaledState): void {
  if (state.get(MODULE_NAMESPACE, moduleKey(moveAddress(1n), 'event')) !== undefined) return;
  publishStdlib(runtime, state, ['signer', 'table']);
  const code = assembleToBytes(EVENT_MODULE, { addressWidth: MOVE_ADDRESS_BYTES });
  const receipt = runtime.deploy(state, { sender: moveAddress(1n), code, gasLimit: MOVE_GAS_LIMIT });
  if (receipt.status !== 'success') throw receipt.error ?? new Error('publishing 0x1::event failed');
}

/**
 * move-lite's events: topic 0 is the BCS type tag (variant `Struct` ‖ address ‖ module ‖ name ‖ type args), data the
 * BCS of the `Event<n>` struct, whose fields are the event's parameters in order.
 */
function decodeEvents(
  ir: IrContract,
  events: readonly { topics: readonly Uint8Array[]; data: Uint8Array }[],
): DecodedEvent[] {
  return events.map((log) => {
    const tag = log.topics[0] ?? new Uint8Array();
    // The TypeTag variant byte, then the struct tag's address.
    let at = 1 + MOVE_ADDRESS_BYTES;
    const moduleLength = tag[at]!;
    at += 1 + moduleLength;
    const nameLength = tag[at]!;
    const name = new TextDecoder().decode(tag.subarray(at + 1, at + 1 + nameLength));
    const event = name.startsWith(EVENT_PREFIX)
      ? ir.events[Number(name.slice(EVENT_PREFIX.length))]
      : undefined;
    if (event === undefined) return { name: '<unknown>', signature: name, args: [log.data] };
    const types = event.params.map((p) => p.type);
    // An event without parameters is a struct with one placeholder bool.
    const args = types.length === 0 ? [] : bcsDecodeValues(types, log.data);
    return { name: event.name, signature: event.signature, args };
  });
}

function bcsArgs(fn: IrFunction, args: readonly JsValue[]): Uint8Array[] {
  if (args.length !== fn.params.length)
    throw new Error(`${fn.signature ?? fn.id} takes ${fn.params.length} arguments, got ${args.length}`);
  return fn.params.map((p, i) => bcsEncodeValue(p.type, toAbiValue(p.type, args[i]!) as bigint));
}

export const moveTarget: Target = {
  name: 'move',
  build(artifact) {
    const module = buildMove(artifact, DEFAULT_CONTEXT.sender);
    return { code: module.code, codeSize: module.code.length };
  },
  deploy(artifact, args, options = {}) {
    const ir = artifact.ir;
    const deployContext: CallContext = { ...DEFAULT_CONTEXT, ...options.context };
    const module = buildMove(artifact, deployContext.sender);
    const runtime = new MoveRuntime({ addressWidth: MOVE_ADDRESS_BYTES });
    const state = options.state ?? new JournaledState();
    ensureStdlib(runtime, state);
    const publisher = moveAddress(deployContext.sender);
    const moduleId = `0x${addressHex(deployContext.sender)}::${module.name}`;

    const run = (fn: IrFunction, name: string, callArgs: readonly JsValue[], sender: bigint): CallResult => {
      const receipt = runtime.execute(state, {
        sender: moveAddress(sender),
        input: new Uint8Array(0),
        value: 0n,
        nonce: 0n,
        gasLimit: MOVE_GAS_LIMIT,
        payload: { module: moduleId, function: name, args: bcsArgs(fn, callArgs) },
      });
      const gas = receipt.gasUsed;
      if (receipt.status === 'success') {
        try {
          const returns =
            fn.kind === 'constructor'
              ? []
              : bcsDecodeValues(
                  fn.returns.map((r) => r.type),
                  receipt.returnData,
                );
          return { status: 'success', revert: null, returns, events: decodeEvents(ir, receipt.events), gas };
        } catch (error) {
          return faultResult(error, gas);
        }
      }
      const error = receipt.error;
      if (error instanceof MoveAbort) {
        const data = module.aborts.get(Number(error.abortCode));
        if (data !== undefined) return abiCallResult(ir, fn, 'revert', data, [], gas);
      }
      if ((error?.details as { status?: string } | undefined)?.status === 'ARITHMETIC_ERROR')
        return abiCallResult(ir, fn, 'revert', panicData(ARITHMETIC_PANIC), [], gas);
      const status = receipt.status === 'out-of-gas' ? 'out-of-gas' : 'error';
      return {
        status,
        revert: null,
        returns: [],
        events: [],
        gas,
        message: error?.message ?? receipt.status,
      };
    };

    const published = runtime.deploy(state, {
      sender: publisher,
      code: module.code,
      gasLimit: MOVE_GAS_LIMIT,
    });
    if (published.status !== 'success') {
      const message = published.error?.message ?? 'publishing failed';
      return {
        result: { status: 'error', revert: null, returns: [], events: [], gas: published.gasUsed, message },
        deployment: null,
      };
    }
    const result = run(constructorOf(ir), 'initialize', args, deployContext.sender);
    if (result.status !== 'success') return { result, deployment: null };
    const deployment: Deployment = {
      target: 'move',
      call(fnName, callArgs, context) {
        const fn = findCallable(ir, fnName);
        const sender = { ...DEFAULT_CONTEXT, ...context }.sender;
        return run(fn, module.entryPoints.get(fn.id)!, callArgs, sender);
      },
      // State lives in a Move resource and tables, not in solc's slot layout.
      storage: () => null,
    };
    return { result, deployment };
  },
};
