import type { GasSchedule } from './gas.js';
import type { Receipt } from './receipt.js';
import type { JournaledState } from './state/journaled-state.js';
import type { Tracer } from './trace.js';
import type { BlockContext, Transaction } from './transaction.js';

export type MaybePromise<T> = T | Promise<T>;

export interface ExecuteOptions {
  block?: BlockContext;
  /** Called once per executed instruction; runtimes take a slower path only when it is set. */
  tracer?: Tracer;
}

/**
 * What a deploy means differs by VM (EVM create, Move module publish, Solana program deploy, NEAR
 * contract deploy) but it always carries code and may name the account it lands in.
 */
export interface DeployRequest<Payload = unknown> {
  sender: Uint8Array;
  code: Uint8Array;
  /** Account to deploy to, for VMs where the deployer chooses (NEAR, Solana); the EVM derives it. */
  address?: Uint8Array;
  /** Constructor / instantiate input. */
  input?: Uint8Array;
  gasLimit: bigint;
  payload?: Payload;
}

/**
 * The plugin interface. A runtime keeps no chain state of its own between calls: everything lives
 * in the `JournaledState` it is handed, so a failed call can be reverted exactly and two runtimes
 * can be run against forks of the same state.
 *
 * Contract: `deploy`, `execute` and `call` never throw for guest faults or bad transactions; they
 * return a receipt whose status and typed `error` say what happened, with state exactly as before
 * for every status but `success`, apart from what the chain itself keeps (fees, nonces), which the
 * receipt's `stateDiff` lists. An `invalid` transaction changes nothing at all. They throw only for
 * programming errors (wrong argument types).
 */
export interface Runtime<TxPayload = unknown, DeployPayload = unknown> {
  readonly name: string;
  /** Width of this VM's addresses in bytes. */
  readonly addressWidth: number;
  readonly gasSchedule: GasSchedule;
  deploy(
    state: JournaledState,
    request: DeployRequest<DeployPayload>,
    options?: ExecuteOptions,
  ): MaybePromise<Receipt>;
  /** Runs a transaction and commits its effects on success (on failure, only the chain's fee/nonce effects). */
  execute(state: JournaledState, tx: Transaction<TxPayload>, options?: ExecuteOptions): MaybePromise<Receipt>;
  /** Runs a transaction read-only: the receipt is complete but state is always left unchanged. */
  call(state: JournaledState, tx: Transaction<TxPayload>, options?: ExecuteOptions): MaybePromise<Receipt>;
  /** Gas a transaction needs to succeed, in the native unit. */
  estimate(state: JournaledState, tx: Transaction<TxPayload>, options?: ExecuteOptions): MaybePromise<number>;
}

/** Tags and describes a runtime for listings (`polyvm runtimes`). */
export interface RuntimeInfo {
  name: string;
  description: string;
  version: string;
}

export interface RuntimeFactory {
  info: RuntimeInfo;
  create(): Runtime;
}
