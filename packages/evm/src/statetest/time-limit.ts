import { Worker } from 'node:worker_threads';
import type { Fork } from '../fork.js';
import type { PostEntry } from './format.js';
import type { CaseResult } from './runner.js';
import type { WorkerTask } from './worker.js';

type WorkerMessage =
  | { kind: 'start'; test: string; index: PostEntry['indexes'] }
  | { kind: 'result'; result: CaseResult }
  | { kind: 'done' };

/** Starts `worker.js` next to this module; from TypeScript sources it first registers tsx's loader. */
function spawnWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url));
  const entry = JSON.stringify(new URL('./worker.ts', import.meta.url).href);
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${entry}); });`;
  return new Worker(bootstrap, { eval: true, execArgv: ['--conditions=polyvm-source'] });
}

/**
 * `runFile` with a wall-clock limit per case: the file runs in a worker thread, and a case still
 * running after `limitMs` is reported as failed ("timed out") and its worker terminated; the rest of
 * the file then runs in a fresh worker. Execution itself stays deterministic: the limit only decides
 * when the runner gives up on a case (a hostile BLAKE2F round count or a 2^63-gas loop).
 */
export async function runFileWithTimeLimit(path: string, fork: Fork, limitMs: number): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (;;) {
    const finished = await new Promise<boolean>((resolve, reject) => {
      const worker = spawnWorker();
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const settle = (done: boolean): void => {
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        resolve(done);
      };
      worker.on('message', (message: WorkerMessage) => {
        clearTimeout(timer);
        if (message.kind === 'done') return settle(true);
        if (message.kind === 'result') {
          results.push(message.result);
          return;
        }
        const { test, index } = message;
        timer = setTimeout(() => {
          results.push({
            file: path,
            test,
            fork,
            index,
            pass: false,
            message: `timed out after ${limitMs} ms`,
          });
          settle(false);
        }, limitMs);
      });
      worker.on('error', (error) => {
        if (!settled) {
          settled = true;
          clearTimeout(timer);
          reject(error);
        }
      });
      const task: WorkerTask = { path, fork, skip: results.length };
      worker.postMessage(task);
    });
    if (finished) return results;
  }
}
