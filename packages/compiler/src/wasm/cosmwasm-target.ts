/**
 * The `cosmwasm` target: the CosmWasm-profile module deployed on @polyvm/wasm's `CosmWasmRuntime`
 * (`instantiate` with the constructor's parameters as the InstantiateMsg) and called with
 * `{"<snake_case function>": {…}}` messages — `execute` for state-changing functions, `query` for
 * view/pure ones that do not read msg.sender — as a CosmWasm client sends them. Addresses are bech32
 * (`cosmwasm1…`) of the 32-byte account 12 zero bytes ‖ the Solidity address.
 */

import type { Receipt } from '@polyvm/core';
import {
  COSMWASM_STORAGE,
  type CosmWasmCallPayload,
  CosmWasmRuntime,
  canonicalAddress,
  humanAddress,
} from '@polyvm/wasm';
import { constructorOf } from '../ir/contract.js';
import type { IrType } from '../ir/types.js';
import type { Target } from '../target/target.js';
import { accountBytes, type ChainSpec, chainTarget } from './chain-target.js';
import { compileCosmWasm } from './compile-module.js';
import { cosmwasmProfile, snakeCase } from './cosmwasm-profile.js';
import { JSON_SAFE_BITS, type JsonStyle } from './json-values.js';
import { decodeEvents, decodeReturns, resultFromReceipt, revertMessage } from './results.js';
import { jsonArgObject, jsonArgs } from './target.js';

/**
 * Per-transaction gas: 100M SDK gas (a generous block's worth) × wasmd's `DefaultGasMultiplier`
 * 140,000 CosmWasm gas per SDK gas (x/wasm/types/gas_register.go).
 */
export const COSMWASM_GAS_LIMIT = 100_000_000n * 140_000n;
/** The contract's 32-byte address. */
export const COSMWASM_CONTRACT = accountBytes(0xc0517a5a11c0517a5a11c0517a5a11c0517a5a11n);

/** CosmWasm JSON: bech32 addresses, snake_case member names. */
export const COSMWASM_JSON: JsonStyle = {
  address: (value) => humanAddress(accountBytes(value)),
  parseAddress(text) {
    const canonical = canonicalAddress(text);
    if (typeof canonical === 'string') return null;
    return canonical.reduce((v, b) => (v << 8n) | BigInt(b), 0n);
  },
  field: snakeCase,
};

/** Types whose JSON is a string (an event attribute carries it as is; others as JSON text). */
function jsonIsString(type: IrType): boolean {
  return (
    type.kind === 'string' ||
    type.kind === 'bytes' ||
    type.kind === 'address' ||
    type.kind === 'fixedBytes' ||
    ((type.kind === 'uint' || type.kind === 'int') && type.bits > JSON_SAFE_BITS)
  );
}

/** A Response event (topic = its type, data = its attributes as JSON). */
function cosmwasmEvent(event: { topics: readonly Uint8Array[]; data: Uint8Array }) {
  const text = new TextDecoder();
  const attributes = JSON.parse(text.decode(event.data)) as { key: string; value: string }[];
  return {
    name: text.decode(event.topics[0]),
    data: Object.fromEntries(attributes.map((a) => [a.key, a.value])),
  };
}

/** How `CosmWasmRuntime` words an `Err` result's reason (packages/wasm/src/cosmwasm/runtime.ts). */
const ERR_RESULT_PREFIX = 'contract error: ';

/** The revert reason of an `Err` result (`{"error": …}`), or of an `abort` (a runtime-library failure). */
function cosmwasmRevertMessage(receipt: Receipt): string {
  const message = revertMessage(receipt);
  return message.startsWith(ERR_RESULT_PREFIX) ? message.slice(ERR_RESULT_PREFIX.length) : message;
}

export const cosmwasmChain: ChainSpec<CosmWasmCallPayload> = {
  runtimeName: 'cosmwasm',
  storageNamespace: COSMWASM_STORAGE,
  createRuntime: () => new CosmWasmRuntime(),
  deployRequest: (ir, module, args, context) => ({
    sender: accountBytes(context.sender),
    address: COSMWASM_CONTRACT,
    code: module.wasm,
    input: jsonArgs(constructorOf(ir), args, COSMWASM_JSON),
    gasLimit: COSMWASM_GAS_LIMIT,
  }),
  transaction: (_ir, module, fn, args, context) => {
    const message = { [cosmwasmProfile.methodName(fn)]: jsonArgObject(fn, args, COSMWASM_JSON) };
    return {
      sender: accountBytes(context.sender),
      to: COSMWASM_CONTRACT,
      input: new TextEncoder().encode(JSON.stringify(message)),
      value: 0n,
      gasLimit: COSMWASM_GAS_LIMIT,
      nonce: 0n,
      payload: { entry: module.queries.has(fn.name) ? 'query' : 'execute' },
    };
  },
  options: (context) => ({
    block: { height: context.blockNumber, timestamp: context.timestamp, chainId: 0n },
  }),
  result: (ir, fn, receipt) =>
    resultFromReceipt(
      ir,
      receipt,
      () => ({
        returns: decodeReturns(fn, receipt.returnData, COSMWASM_JSON),
        events: decodeEvents(ir, receipt.events, cosmwasmEvent, COSMWASM_JSON, (type, value) =>
          jsonIsString(type) ? value : JSON.parse(value as string),
        ),
      }),
      cosmwasmRevertMessage,
      COSMWASM_JSON,
    ),
};

/** `cosmwasm`: the whole contract must compile (an unsupported construct is an UnsupportedError). */
export const cosmwasmTarget: Target = chainTarget('cosmwasm', cosmwasmChain, (artifact) =>
  compileCosmWasm(artifact.ir),
);
