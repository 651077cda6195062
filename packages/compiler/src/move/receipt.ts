/**
 * A move-lite receipt as a target-neutral `CallResult`: BCS return values, events by their type tag,
 * and aborts decoded through the build's abort-code table into the same revert data as the EVM.
 * Move's ARITHMETIC_ERROR (overflow of + - *) is Solidity's Panic(0x11). An abort at a custom error
 * with computed arguments is explained by replaying the call through the function's diagnostic twin
 * (read-only), which returns the arguments the abort code cannot carry.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import type { Receipt } from '@polyvm/core';
import { MoveAbort } from '@polyvm/move-lite';
import { type AbiValue, bytesWord, encodeAbi, valueWord } from '../abi/codec.js';
import { customErrorData, panicData } from '../abi/revert.js';
import type { IrContract, IrEvent, IrFunction } from '../ir/contract.js';
import { BYTES, isValueType, uintType } from '../ir/types.js';
import { abiCallResult, faultResult } from '../target/calls.js';
import type { CallResult, DecodedEvent } from '../target/target.js';
import { bcsDecodeValues } from './bcs.js';
import { EVENT_PREFIX, MOVE_ADDRESS_BYTES, type MoveModule } from './module-gen.js';

/** Panic(0x11): what Solidity's checked arithmetic reports where Move raises ARITHMETIC_ERROR. */
const ARITHMETIC_PANIC = 0x11;

/**
 * move-lite's events: topic 0 is the BCS type tag (variant `Struct` ‖ address ‖ module ‖ name ‖ type
 * args), data the BCS of the `Event<n>` struct, whose fields are the event's parameters in order.
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
    const values = types.length === 0 ? [] : bcsDecodeValues(types, log.data);
    // An indexed string/bytes is reported as its topic, keccak256 of the bytes (as on the EVM).
    const args = values.map((v, i) =>
      event.params[i]!.indexed && v instanceof Uint8Array ? bytesWord(keccak_256(v)) : v,
    );
    if (event.anonymous) return anonymousEvent(event, args);
    return { name: event.name, signature: event.signature, args };
  });
}

/**
 * An anonymous event has no topic naming it: on the EVM it reads back as its indexed words and the
 * ABI data of the rest (`<unknown>`, as `decodeLogs` reports it), so the Move event is given that shape.
 */
function anonymousEvent(event: IrEvent, args: readonly AbiValue[]): DecodedEvent {
  const topics = event.params.flatMap((p, i) =>
    p.indexed ? [isValueType(p.type) ? valueWord(p.type, args[i] as bigint) : (args[i] as bigint)] : [],
  );
  const rest = event.params.flatMap((p, i) => (p.indexed ? [] : [{ type: p.type, value: args[i]! }]));
  const data = encodeAbi(
    rest.map((r) => r.type),
    rest.map((r) => r.value),
  );
  const signature = topics.length === 0 ? '' : topics[0]!.toString(16).padStart(64, '0');
  return { name: '<unknown>', signature, args: [...topics, data] };
}

/** Replays the failed call through its diagnostic twin (read-only) and returns that receipt. */
export type Replay = (diagnosticEntry: string) => Receipt;

/** The revert data of an abort at a computed custom-error site, recovered by replaying the call. */
function computedRevertData(
  module: MoveModule,
  fn: IrFunction,
  code: number,
  replay: Replay,
): Uint8Array | undefined {
  const error = module.computedAborts.get(code);
  const entry = module.diagnostics.get(fn.id);
  if (error === undefined || entry === undefined) return undefined;
  const receipt = replay(entry);
  if (receipt.status !== 'success') return undefined;
  const [revertData] = bcsDecodeValues([BYTES], receipt.returnData) as [Uint8Array];
  const [siteCode, ...args] = bcsDecodeValues(
    [uintType(64), ...error.params.map((p) => p.type)],
    revertData,
  ) as [bigint, ...AbiValue[]];
  // The replay must stop at the very site the transaction aborted at.
  if (Number(siteCode) !== code) return undefined;
  return customErrorData(error, args);
}

export function receiptResult(
  ir: IrContract,
  module: MoveModule,
  fn: IrFunction,
  receipt: Receipt,
  replay: Replay,
): CallResult {
  const gas = receipt.gasUsed;
  if (receipt.status === 'success') {
    try {
      const types = fn.kind === 'constructor' ? [] : fn.returns.map((r) => r.type);
      const returns = bcsDecodeValues(types, receipt.returnData);
      return { status: 'success', revert: null, returns, events: decodeEvents(ir, receipt.events), gas };
    } catch (error) {
      return faultResult(error, gas);
    }
  }
  const error = receipt.error;
  if (error instanceof MoveAbort) {
    const code = Number(error.abortCode);
    const data = module.aborts.get(code) ?? computedRevertData(module, fn, code, replay);
    if (data !== undefined) return abiCallResult(ir, fn, 'revert', data, [], gas);
  }
  if ((error?.details as { status?: string } | undefined)?.status === 'ARITHMETIC_ERROR')
    return abiCallResult(ir, fn, 'revert', panicData(ARITHMETIC_PANIC), [], gas);
  const status = receipt.status === 'out-of-gas' ? 'out-of-gas' : 'error';
  return { status, revert: null, returns: [], events: [], gas, message: error?.message ?? receipt.status };
}
