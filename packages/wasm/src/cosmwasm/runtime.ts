import {
  assertTransaction,
  type BlockContext,
  DEFAULT_BLOCK,
  type DeployRequest,
  type ExecuteOptions,
  ExecutionError,
  type ExecutionEvent,
  InvalidTransactionError,
  type JournaledState,
  type Receipt,
  type Runtime,
  type RuntimeFactory,
  type Transaction,
  UnsupportedError,
} from '@polyvm/core';
import { isRejection } from '../engine/compile.js';
import { type CompiledContract, ContractCache, instantiate } from '../engine/contract.js';
import type { WasmGas } from '../engine/meter.js';
import { GuestAbort } from '../engine/outcome.js';
import type { GuestRun } from '../engine/receipt.js';
import { invalidReceipt, type MeteredRun, runMetered } from '../engine/run.js';
import { COSMWASM_COSTS, COSMWASM_SCHEDULE } from '../gas/cosmwasm.js';
import { COSMWASM_PROFILE } from '../profile.js';
import { checkCosmWasmAbi, ENTRY_POINTS, type EntryPoint, hasEntryPoint } from './abi.js';
import { COSMWASM_CAPABILITIES, checkCapabilities } from './capabilities.js';
import { CosmWasmHost, humanAddress } from './host.js';
import { refuseMessages } from './messages.js';

export const COSMWASM_CODE = 'cosmwasm/code';

/** `Transaction.payload`: which entry point `input` (a JSON message) goes to; `execute` by default. */
export interface CosmWasmCallPayload {
  entry?: EntryPoint;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** cosmwasm-std `Env` as JSON: block time in nanoseconds as a string, like `Timestamp` serializes. */
function envJson(block: BlockContext, contract: Uint8Array): string {
  return JSON.stringify({
    block: {
      height: Number(block.height),
      time: String(block.timestamp * 1_000_000_000n),
      chain_id: `polyvm-${block.chainId}`,
    },
    transaction: { index: 0 },
    contract: { address: humanAddress(contract) },
  });
}

/**
 * The CosmWasm profile: `instantiate`/`execute`/`query` entry points taking Regions of JSON
 * (`env`, `info`, `msg`) and returning a Region holding `{"ok": …}` or `{"error": "…"}`.
 * A contract error is a `revert`; a trap or host failure an `error`.
 */
export class CosmWasmRuntime implements Runtime<CosmWasmCallPayload> {
  readonly name = 'cosmwasm';
  readonly addressWidth = 32;
  readonly gasSchedule = COSMWASM_SCHEDULE;
  /** What `requires_*` exports are checked against at deploy (wasmd's `AvailableCapabilities`). */
  readonly capabilities: ReadonlySet<string>;
  readonly #contracts = new ContractCache(COSMWASM_PROFILE);

  /**
   * `capabilities` replaces the profile's own set, as a chain configures wasmd. Declaring one polyvm
   * does not implement (e.g. `iterator`) lets such contracts deploy; using the feature then still
   * fails with a typed UnsupportedError.
   */
  constructor(options: { capabilities?: Iterable<string> } = {}) {
    this.capabilities = new Set(options.capabilities ?? COSMWASM_CAPABILITIES);
  }

  deploy(state: JournaledState, request: DeployRequest, options: ExecuteOptions = {}): Receipt {
    const address = request.address ?? request.sender;
    let compiled: CompiledContract;
    try {
      if (address.length !== 32)
        throw new InvalidTransactionError(`address must be 32 bytes, got ${address.length}`);
      compiled = this.#contracts.load(request.code);
      checkCosmWasmAbi(compiled.prepared.module);
      checkCapabilities(compiled.prepared.module, this.capabilities);
    } catch (err) {
      if (isRejection(err) || err instanceof InvalidTransactionError || err instanceof UnsupportedError)
        return invalidReceipt(err);
      throw err;
    }
    return this.#run(
      state,
      request.gasLimit,
      true,
      (gas, logs) => {
        state.set(COSMWASM_CODE, address, request.code);
        if (!hasEntryPoint(compiled.prepared.module, 'instantiate')) return { status: 'success' };
        const msg = request.input ?? encoder.encode('{}');
        return this.#enter(state, compiled, gas, address, request.sender, 'instantiate', msg, options, logs);
      },
      address,
    );
  }

  execute(
    state: JournaledState,
    tx: Transaction<CosmWasmCallPayload>,
    options: ExecuteOptions = {},
  ): Receipt {
    return this.#call(state, tx, options, true);
  }

  call(state: JournaledState, tx: Transaction<CosmWasmCallPayload>, options: ExecuteOptions = {}): Receipt {
    return this.#call(state, tx, options, false);
  }

  estimate(
    state: JournaledState,
    tx: Transaction<CosmWasmCallPayload>,
    options: ExecuteOptions = {},
  ): number {
    return this.#call(state, tx, options, false).gasUsed;
  }

  #call(
    state: JournaledState,
    tx: Transaction<CosmWasmCallPayload>,
    options: ExecuteOptions,
    keep: boolean,
  ): Receipt {
    let compiled: CompiledContract;
    const entry = tx.payload?.entry ?? 'execute';
    try {
      assertTransaction(tx, this.addressWidth);
      if (!tx.to) throw new InvalidTransactionError('a CosmWasm call needs `to`; instantiate with deploy()');
      if (!(entry in ENTRY_POINTS)) throw new InvalidTransactionError(`unknown entry point "${entry}"`);
      const code = state.get(COSMWASM_CODE, tx.to);
      if (!code) throw new InvalidTransactionError(`no contract at ${humanAddress(tx.to)}`);
      compiled = this.#contracts.load(code);
      if (!hasEntryPoint(compiled.prepared.module, entry)) {
        throw new InvalidTransactionError(`contract has no "${entry}" entry point`);
      }
    } catch (err) {
      if (isRejection(err) || err instanceof InvalidTransactionError) return invalidReceipt(err);
      throw err;
    }
    const to = tx.to!;
    return this.#run(state, tx.gasLimit, keep, (gas, logs) =>
      this.#enter(state, compiled, gas, to, tx.sender, entry, tx.input, options, logs),
    );
  }

  #run(
    state: JournaledState,
    gasLimit: bigint,
    keep: boolean,
    body: (gas: WasmGas, logs: string[]) => GuestRun,
    createdAddress?: Uint8Array,
  ): Receipt {
    if (gasLimit > BigInt(Number.MAX_SAFE_INTEGER)) {
      return invalidReceipt(new InvalidTransactionError(`gas limit ${gasLimit} exceeds 2^53-1`));
    }
    const frame: MeteredRun = {
      state,
      gasLimit: Number(gasLimit),
      keep,
      referenceOpCost: COSMWASM_SCHEDULE.referenceOpCost,
      maxStackHeight: COSMWASM_PROFILE.instrument.maxStackHeight,
      ...(createdAddress ? { createdAddress } : {}),
    };
    return runMetered(frame, (gas, logs) => {
      gas.charge(COSMWASM_COSTS.instanceCost, 'other', 'instance');
      return body(gas, logs);
    });
  }

  #enter(
    state: JournaledState,
    compiled: CompiledContract,
    gas: WasmGas,
    contract: Uint8Array,
    sender: Uint8Array,
    entry: EntryPoint,
    msg: Uint8Array,
    options: ExecuteOptions,
    logs: string[],
  ): GuestRun {
    const host = new CosmWasmHost({ state, gas, contract }, logs);
    const trace = options.tracer ? { tracer: options.tracer, profile: COSMWASM_PROFILE } : undefined;
    const exports = instantiate(compiled, { env: host.imports() }, gas, (e) => host.bind(e), trace);
    const block = options.block ?? DEFAULT_BLOCK;
    const args = [host.passToGuest(encoder.encode(envJson(block, contract)))];
    if (ENTRY_POINTS[entry] === 3) {
      args.push(
        host.passToGuest(encoder.encode(JSON.stringify({ sender: humanAddress(sender), funds: [] }))),
      );
    }
    args.push(host.passToGuest(msg));
    const resultPtr = (exports[entry] as (...a: number[]) => number)(...args);
    gas.sync();
    const text = decoder.decode(host.readRegion(resultPtr));
    const result = JSON.parse(text) as { ok?: unknown; error?: string };
    if (result.error !== undefined) {
      throw new GuestAbort(`contract error: ${result.error}`);
    }
    if (!('ok' in result)) throw new ExecutionError(`malformed contract result: ${text.slice(0, 200)}`);
    if (entry !== 'query') refuseMessages(result.ok);
    logs.push(...attributes(result.ok));
    return {
      status: 'success',
      returnData: resultData(entry, result.ok),
      events: events(contract, result.ok),
    };
  }
}

/** A query returns base64 `Binary`; a `Response` may carry `data` (base64 or null). */
function resultData(entry: EntryPoint, ok: unknown): Uint8Array {
  if (entry === 'query') return Buffer.from(String(ok), 'base64');
  const data = (ok as { data?: string | null } | null)?.data;
  return data ? Buffer.from(data, 'base64') : new Uint8Array(0);
}

/** Response attributes and events as log lines: `key=value`, `event <type>: key=value…`. */
interface ResponseJson {
  attributes?: Array<{ key: string; value: string }>;
  events?: Array<{ type: string; attributes: Array<{ key: string; value: string }> }>;
}

/** Each `Response` event as a receipt event: topic = its type, data = its attributes as JSON. */
function events(contract: Uint8Array, ok: unknown): ExecutionEvent[] {
  return ((ok as ResponseJson | null)?.events ?? []).map((e) => ({
    emitter: contract,
    topics: [encoder.encode(e.type)],
    data: encoder.encode(JSON.stringify(e.attributes)),
  }));
}

function attributes(ok: unknown): string[] {
  const response = ok as ResponseJson | null;
  const lines = (response?.attributes ?? []).map((a) => `${a.key}=${a.value}`);
  for (const e of response?.events ?? []) {
    lines.push(`event ${e.type}: ${e.attributes.map((a) => `${a.key}=${a.value}`).join(' ')}`);
  }
  return lines;
}

export const cosmwasmRuntimeFactory: RuntimeFactory = {
  info: {
    name: 'cosmwasm',
    description: 'WebAssembly, CosmWasm profile: Region ABI, JSON entry points, instrumented metering on V8',
    version: '0.1.0',
  },
  create: () => new CosmWasmRuntime(),
};
