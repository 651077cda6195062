import { parentPort } from 'node:worker_threads';
import { JournaledState } from '@polyvm/core';
import { ACCOUNT_NAMESPACE } from '../host/account.js';
import { SvmRuntime } from '../runtime.js';
import { toWorkerResult, type WorkerTask } from './protocol.js';

/**
 * A scheduler worker: one runtime (so loaded programs stay cached), each task run on a private
 * state holding only the accounts the transaction locked.
 */
const runtime = new SvmRuntime();

parentPort?.on('message', (task: WorkerTask) => {
  const state = new JournaledState();
  for (const { key, value } of task.accounts) state.set(ACCOUNT_NAMESPACE, key, value);
  const receipt = runtime.execute(state, task.tx, task.block ? { block: task.block } : {});
  parentPort?.postMessage(toWorkerResult(task.id, receipt));
});
