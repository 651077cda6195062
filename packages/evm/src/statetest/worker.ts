import { parentPort } from 'node:worker_threads';
import type { Fork } from '../fork.js';
import { runFile } from './runner.js';

/** A time-limited run's worker: runs one file from `skip` on, announcing each case before it starts. */
export interface WorkerTask {
  path: string;
  fork: Fork;
  skip: number;
}

parentPort?.on('message', (task: WorkerTask) => {
  const port = parentPort!;
  runFile(task.path, task.fork, {
    skip: task.skip,
    onStart: (test, index) => port.postMessage({ kind: 'start', test, index }),
    onResult: (result) => port.postMessage({ kind: 'result', result }),
  });
  port.postMessage({ kind: 'done' });
});
