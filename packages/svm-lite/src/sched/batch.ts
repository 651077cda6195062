import type { BlockContext, JournaledState, Receipt, Transaction } from '@polyvm/core';
import { ACCOUNT_NAMESPACE } from '../host/account.js';
import { type SvmRuntime, type SvmTxPayload, transactionAccounts } from '../runtime.js';
import { accountLocks, scheduleWaves } from './locks.js';
import type { WorkerPool } from './pool.js';
import { fromWorkerResult, type WorkerTask } from './protocol.js';

export interface BatchResult {
  /** One receipt per transaction, in batch order. */
  receipts: Receipt[];
  /** Transaction indexes per wave: each wave's transactions ran in parallel. */
  waves: number[][];
}

/** The reference: every transaction in order on one thread. */
export function executeSequential(
  runtime: SvmRuntime,
  state: JournaledState,
  txs: ReadonlyArray<Transaction<SvmTxPayload>>,
  block?: BlockContext,
): Receipt[] {
  return txs.map((tx) => runtime.execute(state, tx, block ? { block } : {}));
}

/**
 * Sealevel-style parallel execution: lock accounts, schedule conflict-free waves, run each wave's
 * transactions on the worker pool (each on a private copy of just its accounts), then apply the
 * writes in batch order. The final state equals `executeSequential` on the same batch.
 */
export async function executeParallel(
  pool: WorkerPool,
  state: JournaledState,
  txs: ReadonlyArray<Transaction<SvmTxPayload>>,
  block?: BlockContext,
): Promise<BatchResult> {
  const waves = scheduleWaves(txs.map(accountLocks));
  const receipts: Receipt[] = new Array(txs.length);
  for (const wave of waves) {
    const tasks: WorkerTask[] = wave.map((id) => {
      const accounts: WorkerTask['accounts'] = [];
      for (const meta of transactionAccounts(txs[id]!).keys) {
        const value = state.get(ACCOUNT_NAMESPACE, meta.pubkey);
        if (value) accounts.push({ key: meta.pubkey, value });
      }
      return { id, tx: txs[id]!, accounts, block };
    });
    const results = await Promise.all(tasks.map((task) => pool.run(task)));
    results.sort((a, b) => a.id - b.id);
    for (const result of results) {
      for (const write of result.writes) {
        if (write.value === undefined) state.delete(ACCOUNT_NAMESPACE, write.key);
        else state.set(ACCOUNT_NAMESPACE, write.key, write.value);
      }
      receipts[result.id] = fromWorkerResult(result);
    }
  }
  return { receipts, waves };
}
