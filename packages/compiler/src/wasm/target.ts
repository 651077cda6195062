/**
 * The `wasm` target (NEAR profile): deploys the generated module on @polyvm/wasm's `NearRuntime`
 * (calling `new` with the constructor's JSON arguments) and calls methods with JSON arguments by
 * parameter name, as near-cli does. The result JSON and the panic message are mapped back to the
 * target-neutral `CallResult`.
 *
 * Addresses: a Solidity `address` (20 bytes) is the NEAR implicit account whose 32 key bytes are 12
 * zero bytes ‖ the address, i.e. the 64-hex account id `000…0 ‖ hex(address)`.
 */
import {
  accountIdToAddress,
  NEAR_STORAGE,
  type NearCallPayload,
  type NearDeployPayload,
  NearRuntime,
} from '@polyvm/wasm';
import { constructorOf, type IrFunction } from '../ir/contract.js';
import { toAbiValue } from '../target/js-values.js';
import type { CallContext, JsValue, Target } from '../target/target.js';
import { accountBytes, type ChainSpec, chainTarget } from './chain-target.js';
import { argName, compileNear } from './compile-module.js';
import { type JsonStyle, NEAR_JSON, toJson } from './json-values.js';
import { nearProfile } from './near-profile.js';
import { decodeEvents, decodeReturns, resultFromReceipt } from './results.js';

/** NEAR's per-transaction maximum, 300 Tgas (nearcore `max_total_prepaid_gas`). */
export const NEAR_GAS_LIMIT = 300_000_000_000_000n;
/** The account the contract is deployed to. */
export const CONTRACT_ACCOUNT = 'contract.polyvm.near';

/** The NEAR implicit account of a 20-byte Solidity address: 12 zero bytes ‖ the address. */
export const nearAddress = accountBytes;

/** The JSON arguments object of a call: one member per parameter, by name. */
export function jsonArgObject(fn: IrFunction, args: readonly JsValue[], style: JsonStyle = NEAR_JSON) {
  return Object.fromEntries(
    fn.params.map(
      (p, i) => [style.field(argName(fn, i)), toJson(p.type, toAbiValue(p.type, args[i]!), style)] as const,
    ),
  );
}

/** JSON arguments object as bytes: integers wider than 2^53 as decimal strings (near-sdk U64/U128). */
export function jsonArgs(fn: IrFunction, args: readonly JsValue[], style: JsonStyle = NEAR_JSON): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(jsonArgObject(fn, args, style)));
}

/** An NEP-297 receipt event (topics [standard, event], data = the JSON `data`). */
function nearEvent(event: { topics: readonly Uint8Array[]; data: Uint8Array }) {
  const text = new TextDecoder();
  return {
    name: text.decode(event.topics[1]),
    data: JSON.parse(text.decode(event.data)) as Record<string, unknown>,
  };
}

export const nearChain: ChainSpec<NearCallPayload, NearDeployPayload> = {
  runtimeName: 'wasm',
  storageNamespace: NEAR_STORAGE,
  createRuntime: () => new NearRuntime(),
  deployRequest: (ir, module, args, context) => ({
    sender: nearAddress(context.sender),
    address: accountIdToAddress(CONTRACT_ACCOUNT),
    code: module.wasm,
    input: jsonArgs(constructorOf(ir), args),
    gasLimit: NEAR_GAS_LIMIT,
    payload: { initMethod: nearProfile.methodName(constructorOf(ir)) },
  }),
  /** A NEAR function-call transaction: the method name and its JSON arguments. */
  transaction: (_ir, _module, fn, args, context: CallContext) => ({
    sender: nearAddress(context.sender),
    to: accountIdToAddress(CONTRACT_ACCOUNT),
    input: jsonArgs(fn, args),
    value: 0n,
    gasLimit: NEAR_GAS_LIMIT,
    nonce: 0n,
    payload: { method: nearProfile.methodName(fn) },
  }),
  options: (context) => ({
    block: { height: context.blockNumber, timestamp: context.timestamp, chainId: 0n },
  }),
  result: (ir, fn, receipt) =>
    resultFromReceipt(ir, receipt, () => ({
      returns: decodeReturns(fn, receipt.returnData),
      events: decodeEvents(ir, receipt.events, nearEvent),
    })),
};

/** A NEAR target over a module builder (`compileNear`, strict or with unsupported functions left out). */
export function nearTarget(name: string, compile: Parameters<typeof chainTarget>[2]): Target {
  return chainTarget(name, nearChain, compile);
}

/** `wasm`: the whole contract must compile (an unsupported construct is an UnsupportedError). */
export const wasmTarget: Target = nearTarget('wasm', (artifact) => compileNear(artifact.ir));
