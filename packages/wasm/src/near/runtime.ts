import {
  assertTransaction,
  DEFAULT_BLOCK,
  type DeployRequest,
  type ExecuteOptions,
  type ExecutionEvent,
  equalBytes,
  InvalidTransactionError,
  type JournaledState,
  type Receipt,
  type Runtime,
  type RuntimeFactory,
  type Transaction,
} from '@polyvm/core';
import { isRejection } from '../engine/compile.js';
import { type CompiledContract, ContractCache, instantiate } from '../engine/contract.js';
import type { WasmGas } from '../engine/meter.js';
import type { GuestRun } from '../engine/receipt.js';
import { invalidReceipt, type MeteredRun, runMetered } from '../engine/run.js';
import { NEAR_COSTS, NEAR_LIMITS, NEAR_SCHEDULE } from '../gas/near.js';
import { NEAR_PROFILE } from '../profile.js';
import { checkNearAbi, checkNearMethod } from './abi.js';
import { addressToAccountId } from './account.js';
import { chargeFees, deployFees, functionCallFees, receiptFee } from './fees.js';
import { NearHost } from './host.js';
import { addStorageUsage, NUM_BYTES_ACCOUNT } from './usage.js';

/** Deployed code, stored as uploaded (it is re-prepared, like NEAR does, when loaded). */
export const NEAR_CODE = 'wasm/code';

/** `Transaction.payload` for NEAR function calls; `tx.value` is the attached deposit (yoctoNEAR). */
export interface NearCallPayload {
  method: string;
}

/** `DeployRequest.payload`: an optional init method called with `request.input` after deploying. */
export interface NearDeployPayload {
  initMethod?: string;
}

function gasLimitOf(limit: bigint): number {
  if (limit > BigInt(NEAR_LIMITS.maxGasBurnt)) {
    throw new InvalidTransactionError(
      `gas limit ${limit} exceeds NEAR's max_gas_burnt ${NEAR_LIMITS.maxGasBurnt}`,
    );
  }
  return Number(limit);
}

/**
 * The NEAR profile: contracts are deployed to a 32-byte address (see `account.ts` for the account-id
 * mapping), methods are exported `[] -> []` functions reading their arguments through `input`, and
 * everything is metered in NEAR gas.
 */
export class NearRuntime implements Runtime<NearCallPayload, NearDeployPayload> {
  readonly name = 'wasm';
  readonly addressWidth = 32;
  readonly gasSchedule = NEAR_SCHEDULE;
  readonly #contracts = new ContractCache(NEAR_PROFILE);

  deploy(
    state: JournaledState,
    request: DeployRequest<NearDeployPayload>,
    options: ExecuteOptions = {},
  ): Receipt {
    let gasLimit: number;
    let compiled: CompiledContract;
    const address = request.address ?? request.sender;
    try {
      if (address.length !== 32)
        throw new InvalidTransactionError(`NEAR address must be 32 bytes, got ${address.length}`);
      gasLimit = gasLimitOf(request.gasLimit);
      compiled = this.#contracts.load(request.code);
      checkNearAbi(compiled.prepared.module);
      const init = request.payload?.initMethod;
      const problem = init === undefined ? undefined : checkNearMethod(compiled.prepared.module, init);
      if (problem) throw new InvalidTransactionError(problem);
    } catch (err) {
      if (isRejection(err) || err instanceof InvalidTransactionError) return invalidReceipt(err);
      throw err;
    }
    return runMetered(this.#frame(state, gasLimit, true, address), (gas, logs) => {
      // One receipt with DeployContract (and FunctionCall for the init method) actions.
      const sir = equalBytes(request.sender, address);
      const init = request.payload?.initMethod;
      const input = request.input ?? new Uint8Array(0);
      chargeFees(gas, [
        receiptFee(sir),
        ...deployFees(request.code.length, sir),
        ...(init ? functionCallFees(init, input.length, sir) : []),
      ]);
      const previous = state.get(NEAR_CODE, address);
      const usage = previous
        ? request.code.length - previous.length
        : NUM_BYTES_ACCOUNT + request.code.length;
      state.set(NEAR_CODE, address, request.code);
      addStorageUsage(state, address, usage);
      if (!init) return { status: 'success' };
      return this.#invoke(state, compiled, gas, address, request.sender, init, input, 0n, options, logs);
    });
  }

  #frame(state: JournaledState, gasLimit: number, keep: boolean, createdAddress?: Uint8Array): MeteredRun {
    return {
      state,
      gasLimit,
      keep,
      referenceOpCost: NEAR_SCHEDULE.referenceOpCost,
      maxStackHeight: NEAR_LIMITS.maxStackHeight,
      ...(createdAddress ? { createdAddress } : {}),
    };
  }

  execute(state: JournaledState, tx: Transaction<NearCallPayload>, options: ExecuteOptions = {}): Receipt {
    return this.#call(state, tx, options, true);
  }

  call(state: JournaledState, tx: Transaction<NearCallPayload>, options: ExecuteOptions = {}): Receipt {
    return this.#call(state, tx, options, false);
  }

  estimate(state: JournaledState, tx: Transaction<NearCallPayload>, options: ExecuteOptions = {}): number {
    return this.#call(state, tx, options, false).gasUsed;
  }

  #call(
    state: JournaledState,
    tx: Transaction<NearCallPayload>,
    options: ExecuteOptions,
    keep: boolean,
  ): Receipt {
    let gasLimit: number;
    let compiled: CompiledContract;
    let method: string;
    try {
      assertTransaction(tx, this.addressWidth);
      if (!tx.to) throw new InvalidTransactionError('a NEAR function call needs `to`; deploy with deploy()');
      method = tx.payload?.method ?? '';
      if (!method) throw new InvalidTransactionError('payload.method names the contract method to call');
      gasLimit = gasLimitOf(tx.gasLimit);
      const code = state.get(NEAR_CODE, tx.to);
      if (!code) throw new InvalidTransactionError(`no contract deployed at ${addressToAccountId(tx.to)}`);
      compiled = this.#contracts.load(code);
      const problem = checkNearMethod(compiled.prepared.module, method);
      if (problem) throw new InvalidTransactionError(problem);
    } catch (err) {
      if (isRejection(err) || err instanceof InvalidTransactionError) return invalidReceipt(err);
      throw err;
    }
    const to = tx.to!;
    return runMetered(this.#frame(state, gasLimit, keep), (gas, logs) => {
      const sir = equalBytes(tx.sender, to);
      chargeFees(gas, [receiptFee(sir), ...functionCallFees(method, tx.input.length, sir)]);
      return this.#invoke(state, compiled, gas, to, tx.sender, method, tx.input, tx.value, options, logs);
    });
  }

  #invoke(
    state: JournaledState,
    compiled: CompiledContract,
    gas: WasmGas,
    contract: Uint8Array,
    sender: Uint8Array,
    method: string,
    input: Uint8Array,
    deposit: bigint,
    options: ExecuteOptions,
    logs: string[],
  ): GuestRun {
    const code = compiled.prepared.module.bytes;
    gas.charge(
      NEAR_COSTS.contractLoadingBase + NEAR_COSTS.contractLoadingByte * code.length,
      'other',
      'contract loading',
    );
    const account = addressToAccountId(contract);
    const signer = addressToAccountId(sender);
    const host = new NearHost(
      {
        state,
        gas,
        contract,
        currentAccountId: account,
        signerAccountId: signer,
        predecessorAccountId: signer,
        input,
        deposit,
        block: options.block ?? DEFAULT_BLOCK,
      },
      logs,
    );
    const trace = options.tracer ? { tracer: options.tracer, profile: NEAR_PROFILE } : undefined;
    const exports = instantiate(compiled, { env: host.imports() }, gas, (e) => host.bind(e), trace);
    (exports[method] as () => void)();
    gas.sync();
    return { status: 'success', returnData: host.returnData, events: nep297Events(contract, logs) };
  }
}

/**
 * NEP-297 structured events: log lines `EVENT_JSON:{"standard":…,"event":…,"data":…}` become
 * receipt events with topics [standard, event] and the JSON `data` as payload.
 */
function nep297Events(contract: Uint8Array, logs: string[]): ExecutionEvent[] {
  const out: ExecutionEvent[] = [];
  const encoder = new TextEncoder();
  for (const line of logs) {
    if (!line.startsWith('EVENT_JSON:')) continue;
    try {
      const e = JSON.parse(line.slice('EVENT_JSON:'.length)) as {
        standard?: string;
        event?: string;
        data?: unknown;
      };
      if (typeof e.standard !== 'string' || typeof e.event !== 'string') continue;
      out.push({
        emitter: contract,
        topics: [encoder.encode(e.standard), encoder.encode(e.event)],
        data: encoder.encode(JSON.stringify(e.data ?? null)),
      });
    } catch {
      // Not JSON: it stays an ordinary log line.
    }
  }
  return out;
}

export const runtimeFactory: RuntimeFactory = {
  info: {
    name: 'wasm',
    description: 'WebAssembly, NEAR profile: instrumented gas metering on V8, register-based host ABI',
    version: '0.1.0',
  },
  create: () => new NearRuntime(),
};
