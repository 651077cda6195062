import {
  assertTransaction,
  concatBytes,
  type DeployRequest,
  type ExecuteOptions,
  ExecutionError,
  type ExecutionEvent,
  GAS_CATEGORIES,
  type GasBreakdown,
  InvalidTransactionError,
  type JournaledState,
  makeReceipt,
  OutOfGasError,
  type Receipt,
  type Runtime,
  type RuntimeFactory,
  type Transaction,
} from '@polyvm/core';
import { wordToBytes } from './execute/u256.js';
import { DEFAULT_FORK, type Fork } from './fork.js';
import { CANCUN_GAS_SCHEDULE } from './gas-schedule.js';
import type { EvmBlockContext } from './host/env.js';
import { addressBytes, addressWord, World } from './host/world.js';
import { applyTransaction, blockEnv, type TxOutcome } from './tx/apply.js';
import { intrinsicGas } from './tx/intrinsic.js';
import type { EvmTxPayload } from './tx/types.js';

export interface EvmExecuteOptions extends ExecuteOptions {
  block?: EvmBlockContext;
  /** Overrides the runtime's fork for this call. */
  fork?: Fork;
}

export interface EvmRuntimeOptions {
  /** Which fork's rules to run: `Cancun` (default) or `Prague`. */
  fork?: Fork;
}

/**
 * The EVM as a polyvm `Runtime`, on the same `applyTransaction` path as the state-test runner: a
 * valid transaction whose execution fails or reverts still pays its gas (gasUsed × effective gas
 * price from the sender, the priority fee to the coinbase) and bumps the sender's nonce, as Ethereum
 * does; every other effect is undone, and the receipt's `stateDiff` lists exactly the fee and nonce
 * changes. An invalid transaction changes nothing; `call` never changes state.
 */
export class EvmRuntime implements Runtime<EvmTxPayload, EvmTxPayload> {
  readonly name = 'evm';
  readonly addressWidth = 20;
  readonly gasSchedule = CANCUN_GAS_SCHEDULE;
  readonly fork: Fork;

  constructor(options: EvmRuntimeOptions = {}) {
    this.fork = options.fork ?? DEFAULT_FORK;
  }

  deploy(state: JournaledState, request: DeployRequest<EvmTxPayload>, options?: EvmExecuteOptions): Receipt {
    const world = new World(state);
    const tx: Transaction<EvmTxPayload> = {
      sender: request.sender,
      input: request.input ? concatBytes(request.code, request.input) : request.code,
      value: 0n,
      gasLimit: request.gasLimit,
      nonce: world.accountOrEmpty(addressWord(request.sender)).nonce,
      ...(request.payload !== undefined ? { payload: request.payload } : {}),
    };
    return this.execute(state, tx, options);
  }

  execute(state: JournaledState, tx: Transaction<EvmTxPayload>, options?: EvmExecuteOptions): Receipt {
    return this.#run(state, tx, options, true);
  }

  call(state: JournaledState, tx: Transaction<EvmTxPayload>, options?: EvmExecuteOptions): Receipt {
    return this.#run(state, tx, options, false);
  }

  /** Binary search for the smallest gas limit with which the transaction succeeds (as eth_estimateGas). */
  estimate(state: JournaledState, tx: Transaction<EvmTxPayload>, options?: EvmExecuteOptions): number {
    let high = blockEnv(options?.block).gasLimit;
    const first = this.call(state, { ...tx, gasLimit: high }, options);
    if (first.status !== 'success') return first.gasUsed;
    const authorizations = tx.payload?.authorizationList?.length ?? 0;
    let low = BigInt(intrinsicGas(tx.input, tx.to === undefined, tx.payload?.accessList, authorizations) - 1);
    while (high - low > 1n) {
      const mid = (low + high) / 2n;
      if (this.call(state, { ...tx, gasLimit: mid }, options).status === 'success') high = mid;
      else low = mid;
    }
    return Number(high);
  }

  #run(
    state: JournaledState,
    tx: Transaction<EvmTxPayload>,
    options: EvmExecuteOptions | undefined,
    commit: boolean,
  ): Receipt {
    try {
      assertTransaction(tx, this.addressWidth);
    } catch (error) {
      return makeReceipt({ status: 'invalid', gasUsed: 0, error: error as InvalidTransactionError });
    }
    const depth = state.checkpoint();
    const accesses = state.beginMetrics();
    let outcome: TxOutcome;
    try {
      outcome = applyTransaction(state, tx, {
        ...(options?.block !== undefined ? { block: options.block } : {}),
        ...(options?.tracer !== undefined ? { tracer: options.tracer } : {}),
        fork: options?.fork ?? this.fork,
      });
    } catch (error) {
      accesses.end();
      state.revert();
      throw error;
    }
    const metrics = { instructions: outcome.instructions, state: accesses.end() };
    if (outcome.invalid !== undefined) {
      state.revert();
      return makeReceipt({
        status: 'invalid',
        gasUsed: 0,
        metrics,
        error: new InvalidTransactionError(`invalid transaction: ${outcome.invalid}`),
      });
    }
    const result = outcome.result!;
    const fields = {
      gasUsed: outcome.gasUsed,
      gasRefunded: outcome.refund,
      gasBreakdown: toBreakdown(outcome.breakdown),
      returnData: result.output,
      metrics,
    };
    // Applied with Ethereum's rules: a failed execution was already undone inside `applyTransaction`,
    // so what is left besides a success's effects is what the chain keeps (gas payment, nonce).
    const stateDiff = state.changesSince(depth);
    if (commit) state.commit();
    else state.revert();
    if (!result.success) {
      const status = result.reverted ? 'revert' : result.outOfGas ? 'out-of-gas' : 'error';
      const error =
        status === 'out-of-gas'
          ? new OutOfGasError(result.error ?? 'out of gas')
          : new ExecutionError(
              result.reverted ? 'execution reverted' : (result.error ?? 'exceptional halt'),
              {
                details: { returnData: result.output },
              },
            );
      return makeReceipt({ ...fields, status, error, stateDiff });
    }
    return makeReceipt({
      ...fields,
      status: 'success',
      stateDiff,
      events: outcome.logs.map(toEvent),
      ...(outcome.createdAddress !== undefined
        ? { createdAddress: addressBytes(outcome.createdAddress) }
        : {}),
    });
  }
}

function toEvent(log: TxOutcome['logs'][number]): ExecutionEvent {
  return {
    emitter: addressBytes(log.address),
    topics: log.topics.map((t) => wordToBytes(t)),
    data: log.data,
  };
}

function toBreakdown(parts: number[]): GasBreakdown {
  const out = {} as GasBreakdown;
  GAS_CATEGORIES.forEach((category, i) => {
    out[category] = parts[i] ?? 0;
  });
  return out;
}

export const runtimeFactory: RuntimeFactory = {
  info: {
    name: 'evm',
    description:
      'Ethereum Virtual Machine (Cancun): EIP-2929 access costs, EIP-1153, EIP-4844, precompiles 0x01-0x0a',
    version: '0.1.0',
  },
  create: () => new EvmRuntime(),
};
