/**
 * The `wasm` target (NEAR profile): deploys the generated module on @polyvm/wasm's `NearRuntime`
 * (calling `new` with the constructor's JSON arguments) and calls methods with JSON arguments by
 * parameter name, as near-cli does. The result JSON and the panic message are mapped back to the
 * target-neutral `CallResult`.
 *
 * Addresses: a Solidity `address` (20 bytes) is the NEAR implicit account whose 32 key bytes are 12
 * zero bytes ‖ the address, i.e. the 64-hex account id `000…0 ‖ hex(address)`.
 */
import { JournaledState, type Receipt } from '@polyvm/core';
import { accountIdToAddress, NearRuntime } from '@polyvm/wasm';
import type { AbiValue } from '../abi/codec.js';
import type { DecodedRevert } from '../abi/revert.js';
import type { ContractArtifact } from '../compile.js';
import { constructorOf, type IrContract, type IrFunction } from '../ir/contract.js';
import { findCallable } from '../target/calls.js';
import { toAbiValue } from '../target/js-values.js';
import {
  type CallContext,
  type CallResult,
  DEFAULT_CONTEXT,
  type DecodedEvent,
  type Deployment,
  type JsValue,
  type Target,
  type TargetBuild,
} from '../target/target.js';
import { argName, CONSTRUCTOR_METHOD, compileNear, methodName } from './compile-module.js';
import { ERROR_JSON_PREFIX } from './function-compiler.js';
import { accountIdOf, fromJson, JSON_SAFE_BITS } from './json-values.js';

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

/** JSON arguments object: integers wider than 2^53 as decimal strings (near-sdk U64/U128). */
export function jsonArgs(fn: IrFunction, args: readonly JsValue[]): Uint8Array {
  const members = fn.params.map((p, i) => {
    const value = toAbiValue(p.type, args[i]!) as bigint;
    const json =
      p.type.kind === 'address'
        ? accountIdOf(value)
        : p.type.kind === 'fixedBytes'
          ? `0x${value.toString(16).padStart(2 * p.type.size, '0')}`
          : p.type.kind === 'bool'
            ? value !== 0n
            : (p.type.kind === 'uint' || p.type.kind === 'int') && p.type.bits <= JSON_SAFE_BITS
              ? Number(value)
              : value.toString();
    return [argName(fn, i), json] as const;
  });
  return new TextEncoder().encode(JSON.stringify(Object.fromEntries(members)));
}

function decodeReturns(fn: IrFunction, data: Uint8Array): AbiValue[] {
  if (fn.returns.length === 0) return [];
  const parsed = JSON.parse(new TextDecoder().decode(data)) as unknown;
  const values = fn.returns.length === 1 ? [parsed] : (parsed as unknown[]);
  if (!Array.isArray(values) || values.length !== fn.returns.length) {
    throw new Error(`expected ${fn.returns.length} values, got ${JSON.stringify(parsed)}`);
  }
  return values.map((v, i) => fromJson(v, fn.returns[i]!.type));
}

/** NEP-297 receipt events (topics [standard, event], data = JSON `data`) back to the IR's events. */
function decodeEvents(contract: IrContract, receipt: Receipt): DecodedEvent[] {
  const text = new TextDecoder();
  return receipt.events.map((e) => {
    const name = text.decode(e.topics[1]);
    const event = contract.events.find((x) => x.name === name);
    if (event === undefined) throw new Error(`NEP-297 event ${name} is not an event of ${contract.name}`);
    const data = JSON.parse(text.decode(e.data)) as Record<string, unknown>;
    return {
      name,
      signature: event.signature,
      args: event.params.map((p, i) => fromJson(data[p.name || `arg${i}`], p.type)),
    };
  });
}

/** The revert reason from a NEAR panic message (the format `function-compiler.ts` writes). */
export function decodePanic(message: string, contract?: IrContract): DecodedRevert {
  if (message === '') return { kind: 'empty' };
  if (contract !== undefined && message.startsWith(ERROR_JSON_PREFIX)) {
    const json = JSON.parse(message.slice(ERROR_JSON_PREFIX.length)) as {
      error: string;
      args: Record<string, unknown>;
    };
    const error = contract.errors.find((e) => e.name === json.error);
    if (error !== undefined) {
      const args = error.params.map((p, i) => fromJson(json.args[p.name || `arg${i}`], p.type));
      return { kind: 'custom', name: error.name, args };
    }
  }
  const panic = /^Panic\(0x([0-9a-f]{2})\)$/.exec(message);
  if (panic !== null) return { kind: 'panic', code: Number.parseInt(panic[1]!, 16) };
  return { kind: 'error', message };
}

function callResult(contract: IrContract, fn: IrFunction, receipt: Receipt): CallResult {
  const gas = receipt.gasUsed;
  const base = { revert: null, returns: [], events: [], gas };
  switch (receipt.status) {
    case 'success':
      try {
        return {
          ...base,
          status: 'success',
          returns: decodeReturns(fn, receipt.returnData),
          events: decodeEvents(contract, receipt),
        };
      } catch (error) {
        return { ...base, status: 'error', message: `undecodable result: ${(error as Error).message}` };
      }
    case 'revert': {
      const cause = receipt.error?.cause;
      const message = cause instanceof Error ? cause.message : (receipt.error?.message ?? '');
      return { ...base, status: 'revert', revert: decodePanic(message, contract) };
    }
    case 'out-of-gas':
      return { ...base, status: 'out-of-gas' };
    default:
      return { ...base, status: 'error', message: receipt.error?.message ?? receipt.status };
  }
}

function blockOf(context: CallContext) {
  return { block: { height: context.blockNumber, timestamp: context.timestamp, chainId: 0n } };
}

/** A NEAR target over a module builder (`compileNear`, strict or with unsupported functions left out). */
export function nearTarget(name: string, compile: (artifact: ContractArtifact) => Uint8Array): Target {
  return {
    name,
    build(artifact): TargetBuild {
      const code = compile(artifact);
      return { code, codeSize: code.length };
    },
    deploy(artifact, args, options = {}) {
      const ir = artifact.ir;
      const runtime = new NearRuntime();
      const state = options.state ?? new JournaledState();
      const deployContext = { ...DEFAULT_CONTEXT, ...options.context };
      const contract = accountIdToAddress(CONTRACT_ACCOUNT);
      const ctor = constructorOf(ir);
      const receipt = runtime.deploy(
        state,
        {
          sender: nearAddress(deployContext.sender),
          address: contract,
          code: compile(artifact),
          input: jsonArgs(ctor, args),
          gasLimit: NEAR_GAS_LIMIT,
          payload: { initMethod: CONSTRUCTOR_METHOD },
        },
        blockOf(deployContext),
      );
      const result = callResult(ir, ctor, receipt);
      if (receipt.status !== 'success') return { result, deployment: null };
      const deployment: Deployment = {
        target: name,
        call(fnName, callArgs, callContext) {
          const context = { ...DEFAULT_CONTEXT, ...callContext };
          const fn = findCallable(ir, fnName);
          const out = runtime.execute(
            state,
            {
              sender: nearAddress(context.sender),
              to: contract,
              input: jsonArgs(fn, callArgs),
              value: 0n,
              gasLimit: NEAR_GAS_LIMIT,
              nonce: 0n,
              payload: { method: methodName(fn) },
            },
            blockOf(context),
          );
          return callResult(ir, fn, out);
        },
        // Storage is keyed by name (README), not by solc slot.
        storage: () => null,
      };
      return { result, deployment };
    },
  };
}

/** `wasm`: the whole contract must compile (an unsupported construct is an UnsupportedError). */
export const wasmTarget: Target = nearTarget('wasm', (artifact) => compileNear(artifact.ir).wasm);
