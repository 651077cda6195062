import { Worker } from 'node:worker_threads';
import { InvalidArgumentError } from '@polyvm/core';
import type { WorkerResult, WorkerTask } from './protocol.js';

/**
 * Starts `worker.js` next to this module; from TypeScript sources (vitest, tsx) it first
 * registers tsx's loader in the worker and resolves workspace packages to their sources.
 */
function spawnWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url));
  const entry = JSON.stringify(new URL('./worker.ts', import.meta.url).href);
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${entry}); });`;
  return new Worker(bootstrap, { eval: true, execArgv: ['--conditions=polyvm-source'] });
}

/**
 * Worker threads running `worker.ts` (or the built `worker.js`). Under a TypeScript source run
 * (vitest, tsx) workers need the tsx loader and the `polyvm-source` condition to import sources.
 */
export class WorkerPool {
  readonly size: number;
  readonly #workers: Worker[] = [];
  readonly #idle: Worker[] = [];
  readonly #queue: Array<{
    task: WorkerTask;
    resolve: (r: WorkerResult) => void;
    reject: (e: unknown) => void;
  }> = [];
  readonly #pending = new Map<Worker, { resolve: (r: WorkerResult) => void; reject: (e: unknown) => void }>();

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new InvalidArgumentError(`pool size must be a positive integer, got ${size}`);
    this.size = size;
    for (let i = 0; i < size; i++) {
      const worker = spawnWorker();
      worker.on('message', (result: WorkerResult) => this.#settle(worker, (p) => p.resolve(result)));
      worker.on('error', (err) => this.#settle(worker, (p) => p.reject(err)));
      this.#workers.push(worker);
      this.#idle.push(worker);
    }
  }

  run(task: WorkerTask): Promise<WorkerResult> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ task, resolve, reject });
      this.#dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }

  #settle(
    worker: Worker,
    action: (p: { resolve: (r: WorkerResult) => void; reject: (e: unknown) => void }) => void,
  ): void {
    const pending = this.#pending.get(worker);
    this.#pending.delete(worker);
    this.#idle.push(worker);
    if (pending) action(pending);
    this.#dispatch();
  }

  #dispatch(): void {
    while (this.#idle.length > 0 && this.#queue.length > 0) {
      const worker = this.#idle.pop()!;
      const job = this.#queue.shift()!;
      this.#pending.set(worker, { resolve: job.resolve, reject: job.reject });
      worker.postMessage(job.task);
    }
  }
}
