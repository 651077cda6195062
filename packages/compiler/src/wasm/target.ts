/**
 * The `wasm` target (NEAR profile): deploys the generated module on @polyvm/wasm's `NearRuntime`
 * (calling `new` with the constructor's JSON arguments) and calls methods with JSON arguments by
 * parameter name, as near-cli does. The result JSON and the panic message are mapped back to the
 * target-neutral `CallResult`.
 *
 * Addresses: a Solidity `address` (20 bytes) is the NEAR implicit account whose 32 key bytes are 12
 * zero bytes ‖ the address, i.e. the 64-hex account id `000…0 ‖ hex(address)`.
 */
import { JournaledState, type Receipt, type Runtime, type Transaction } from '@polyvm/core';
import { accountIdToAddress, NearRuntime } from '@polyvm/wasm';
import type { ContractArtifact } from '../compile.js';
import { constructorOf, type IrContract, type IrFunction } from '../ir/contract.js';
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
  type TargetBuild,
} from '../target/target.js';
import { argName, compileNear, type WasmModule } from './compile-module.js';
import { toJson } from './json-values.js';
import { nearProfile } from './near-profile.js';
import { decodeEvents, decodeReturns, resultFromReceipt } from './results.js';

/** NEAR's per-transaction maximum, 300 Tgas (nearcore `max_total_prepaid_gas`). */
export const NEAR_GAS_LIMIT = 300_000_000_000_000n;
/** The account the contract is deployed to. */
export const CONTRACT_ACCOUNT = 'contract.polyvm.near';

/** The NEAR implicit account of a 20-byte Solidity address: 12 zero bytes ‖ the address. */
export function nearAddress(address: bigint): Uint8Array {
  const bytes = new Uint8Array(32);
  for (let i = 31, v = address; i >= 12; i--, v >>= 8n) bytes[i] = Number(v & 0xffn);
  return bytes;
}

/** The JSON arguments object of a call: one member per parameter, by name. */
export function jsonArgObject(fn: IrFunction, args: readonly JsValue[]): Record<string, unknown> {
  return Object.fromEntries(
    fn.params.map((p, i) => [argName(fn, i), toJson(p.type, toAbiValue(p.type, args[i]!))] as const),
  );
}

/** JSON arguments object as bytes: integers wider than 2^53 as decimal strings (near-sdk U64/U128). */
export function jsonArgs(fn: IrFunction, args: readonly JsValue[]): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(jsonArgObject(fn, args)));
}

function callResult(contract: IrContract, fn: IrFunction, receipt: Receipt): CallResult {
  return resultFromReceipt(contract, receipt, () => ({
    returns: decodeReturns(fn, receipt.returnData),
    events: decodeEvents(contract, receipt.events, nearEvent),
  }));
}

/** An NEP-297 receipt event (topics [standard, event], data = the JSON `data`). */
function nearEvent(event: { topics: readonly Uint8Array[]; data: Uint8Array }) {
  const text = new TextDecoder();
  return {
    name: text.decode(event.topics[1]),
    data: JSON.parse(text.decode(event.data)) as Record<string, unknown>,
  };
}

function blockOf(context: CallContext) {
  return { block: { height: context.blockNumber, timestamp: context.timestamp, chainId: 0n } };
}

function deployRequest(ir: IrContract, code: Uint8Array, args: readonly JsValue[], context: CallContext) {
  return {
    sender: nearAddress(context.sender),
    address: accountIdToAddress(CONTRACT_ACCOUNT),
    code,
    input: jsonArgs(constructorOf(ir), args),
    gasLimit: NEAR_GAS_LIMIT,
    payload: { initMethod: nearProfile.methodName(constructorOf(ir)) },
  };
}

/** A NEAR function-call transaction: the method name and its JSON arguments. */
function callTransaction(
  ir: IrContract,
  fnName: string,
  args: readonly JsValue[],
  callContext?: Partial<CallContext>,
) {
  const context = { ...DEFAULT_CONTEXT, ...callContext };
  const fn = findCallable(ir, fnName);
  return {
    sender: nearAddress(context.sender),
    to: accountIdToAddress(CONTRACT_ACCOUNT),
    input: jsonArgs(fn, args),
    value: 0n,
    gasLimit: NEAR_GAS_LIMIT,
    nonce: 0n,
    payload: { method: nearProfile.methodName(fn) },
  } satisfies Transaction<{ method: string }>;
}

function binding(name: string, ir: IrContract, codeSize: number, deploy: Receipt): RuntimeBinding {
  return {
    target: name,
    codeSize,
    deployGas: deploy.gasUsed,
    transaction: (fnName, args, context) => callTransaction(ir, fnName, args, context),
    options: (context) => blockOf({ ...DEFAULT_CONTEXT, ...context }),
    result: (fnName, receipt) => callResult(ir, findCallable(ir, fnName), receipt),
  };
}

/** A NEAR target over a module builder (`compileNear`, strict or with unsupported functions left out). */
export function nearTarget(name: string, compile: (artifact: ContractArtifact) => WasmModule): Target {
  const build = (artifact: ContractArtifact): TargetBuild => {
    const module = compile(artifact);
    return { code: module.wasm, codeSize: module.wasm.length, listing: { format: 'wat', text: module.wat } };
  };
  return {
    name,
    build,
    deploy(artifact, args, options = {}) {
      const ir = artifact.ir;
      const runtime = new NearRuntime();
      const state = options.state ?? new JournaledState();
      const context = { ...DEFAULT_CONTEXT, ...options.context };
      const code = build(artifact).code;
      const receipt = runtime.deploy(state, deployRequest(ir, code, args, context), blockOf(context));
      const result = callResult(ir, constructorOf(ir), receipt);
      if (receipt.status !== 'success') return { result, deployment: null };
      const calls = binding(name, ir, code.length, receipt);
      const deployment: Deployment = {
        target: name,
        call(fnName, callArgs, callContext) {
          const tx = callTransaction(ir, fnName, callArgs, callContext);
          const out = runtime.execute(state, tx, calls.options(callContext));
          return calls.result(fnName, out);
        },
        // Storage is keyed by name (README), not by solc slot.
        storage: () => null,
      };
      return { result, deployment };
    },
    binder: {
      runtimeName: 'wasm',
      async bind(artifact, runtime: Runtime, state, args, deployContext) {
        const ir = artifact.ir;
        const context = { ...DEFAULT_CONTEXT, ...deployContext };
        const code = build(artifact).code;
        const receipt = await runtime.deploy(state, deployRequest(ir, code, args, context), blockOf(context));
        const result = callResult(ir, constructorOf(ir), receipt);
        if (receipt.status !== 'success') return { result, binding: null };
        return { result, binding: binding(name, ir, code.length, receipt) };
      },
    },
  };
}

/** `wasm`: the whole contract must compile (an unsupported construct is an UnsupportedError). */
export const wasmTarget: Target = nearTarget('wasm', (artifact) => compileNear(artifact.ir));
