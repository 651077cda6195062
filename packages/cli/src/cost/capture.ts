import type { Receipt, Runtime } from '@polyvm/core';

type Transaction = Parameters<Runtime['execute']>[1];

/** The transactions a runtime executed, with their receipts, in order. */
export interface Captured {
  tx: Transaction;
  receipt: Receipt;
}

/**
 * Wraps `runtime` so every `execute` is recorded: a workload's `run()` hides the transaction it
 * sends, and the cost model needs its input bytes, signers and payload beside the receipt. A Proxy,
 * not a new object, so workloads that check `instanceof` their runtime class still accept it;
 * methods are bound to the real runtime so its private fields keep working.
 */
export function capturingRuntime(runtime: Runtime): { runtime: Runtime; executed: Captured[] } {
  const executed: Captured[] = [];
  // Synchronous runtimes stay synchronous: some workloads use the receipt without awaiting it.
  const execute: Runtime['execute'] = (state, tx, options) => {
    const result = runtime.execute(state, tx, options);
    const record = (receipt: Receipt) => {
      executed.push({ tx, receipt });
      return receipt;
    };
    return result instanceof Promise ? result.then(record) : record(result);
  };
  const wrapped = new Proxy(runtime, {
    get(target, property) {
      if (property === 'execute') return execute;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { runtime: wrapped, executed };
}
