/** Receipts of the generated modules (JSON results, JSON events, revert messages) back to `CallResult`s. */
import { keccak_256 } from '@noble/hashes/sha3.js';
import type { Receipt } from '@polyvm/core';
import { type AbiValue, bytesWord, encodeAbi, valueWord } from '../abi/codec.js';
import type { DecodedRevert } from '../abi/revert.js';
import type { IrContract, IrFunction } from '../ir/contract.js';
import { encodePacked } from '../ir/interpreter/interpreter.js';
import { type IrType, isValueType } from '../ir/types.js';
import type { CallResult, DecodedEvent } from '../target/target.js';
import { ERROR_JSON_PREFIX, eventName } from './function-compiler.js';
import { fromJson, type JsonStyle, NEAR_JSON } from './json-values.js';

/** A JSON result: one value, or an array of several. */
export function decodeReturns(fn: IrFunction, data: Uint8Array, style: JsonStyle = NEAR_JSON): AbiValue[] {
  if (fn.returns.length === 0) return [];
  const parsed = JSON.parse(new TextDecoder().decode(data)) as unknown;
  const values = fn.returns.length === 1 ? [parsed] : (parsed as unknown[]);
  if (!Array.isArray(values) || values.length !== fn.returns.length) {
    throw new Error(`expected ${fn.returns.length} values, got ${JSON.stringify(parsed)}`);
  }
  return values.map((v, i) => fromJson(v, fn.returns[i]!.type, style));
}

/**
 * Events (each read by the profile's `read` into its name and JSON data members) back to the IR's
 * events. An indexed string/bytes/array is its topic on the EVM, keccak256 of its encoding: the JSON
 * carries the value, so the adapter hashes it the same way.
 */
export function decodeEvents<E>(
  contract: IrContract,
  raw: readonly E[],
  read: (event: E) => { name: string; data: Record<string, unknown> },
  style: JsonStyle = NEAR_JSON,
  /** A member's raw JSON value → the value's JSON (CosmWasm attributes are strings). */
  member: (type: IrType, raw: unknown) => unknown = (_type, raw) => raw,
): DecodedEvent[] {
  return raw.map((e) => {
    const { name, data } = read(e);
    const event = contract.events.find((x) => eventName(contract, x) === name);
    if (event === undefined) throw new Error(`event ${name} is not an event of ${contract.name}`);
    const args = event.params.map((p, i) => {
      const value = fromJson(member(p.type, data[style.field(p.name || `arg${i}`)]), p.type, style);
      if (!p.indexed || isValueType(p.type)) return value;
      return bytesWord(keccak_256(encodePacked([p.type], [value as never])));
    });
    if (!event.anonymous) return { name: event.name, signature: event.signature, args };
    // On the EVM an anonymous event has no signature topic: decoders see an unknown log of its
    // topics (the indexed values) and ABI data (the rest), which is what the other targets report.
    const topics = event.params.flatMap((p, i) =>
      !p.indexed ? [] : [isValueType(p.type) ? valueWord(p.type, args[i] as bigint) : (args[i] as bigint)],
    );
    const rest = event.params.flatMap((p, i) => (p.indexed ? [] : [{ type: p.type, value: args[i]! }]));
    const data_ = encodeAbi(
      rest.map((r) => r.type),
      rest.map((r) => r.value),
    );
    return {
      name: '<unknown>',
      signature: topics.length === 0 ? '' : topics[0]!.toString(16).padStart(64, '0'),
      args: [...topics, data_],
    };
  });
}

/** The revert reason from a panic/error message (the format `function-compiler.ts` writes). */
export function decodePanic(
  message: string,
  contract?: IrContract,
  style: JsonStyle = NEAR_JSON,
): DecodedRevert {
  if (message === '') return { kind: 'empty' };
  if (contract !== undefined && message.startsWith(ERROR_JSON_PREFIX)) {
    const json = JSON.parse(message.slice(ERROR_JSON_PREFIX.length)) as {
      error: string;
      args: Record<string, unknown>;
    };
    const error = contract.errors.find((e) => e.name === json.error);
    if (error !== undefined) {
      const args = error.params.map((p, i) =>
        fromJson(json.args[style.field(p.name || `arg${i}`)], p.type, style),
      );
      return { kind: 'custom', name: error.name, args };
    }
  }
  const panic = /^Panic\(0x([0-9a-f]{2})\)$/.exec(message);
  if (panic !== null) return { kind: 'panic', code: Number.parseInt(panic[1]!, 16) };
  return { kind: 'error', message };
}

/**
 * A receipt as a `CallResult`: `decode` reads a success; a revert's reason is the message the
 * contract gave (`reason` extracts it from the receipt's error).
 */
export function resultFromReceipt(
  contract: IrContract,
  receipt: Receipt,
  decode: () => Pick<CallResult, 'returns' | 'events'>,
  reason: (receipt: Receipt) => string = revertMessage,
  style: JsonStyle = NEAR_JSON,
): CallResult {
  const gas = receipt.gasUsed;
  const base = { revert: null, returns: [], events: [], gas };
  switch (receipt.status) {
    case 'success':
      try {
        return { ...base, status: 'success', ...decode() };
      } catch (error) {
        return { ...base, status: 'error', message: `undecodable result: ${(error as Error).message}` };
      }
    case 'revert':
      return { ...base, status: 'revert', revert: decodePanic(reason(receipt), contract, style) };
    case 'out-of-gas':
      return { ...base, status: 'out-of-gas' };
    default:
      return { ...base, status: 'error', message: receipt.error?.message ?? receipt.status };
  }
}

/** NEAR (and a CosmWasm `abort`): the panic message is the cause's message. */
export function revertMessage(receipt: Receipt): string {
  const cause = receipt.error?.cause;
  return cause instanceof Error ? cause.message : (receipt.error?.message ?? '');
}
