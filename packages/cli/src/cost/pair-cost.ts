import {
  JournaledState,
  type PriceFile,
  profileForRuntime,
  type WholeTransactionCost,
  type WorkloadSpec,
  wholeTransactionCost,
} from '@polyvm/core';
import { lookupImplementation } from '@polyvm/examples';
import type { CliContext } from '../context.js';
import { capturingRuntime } from './capture.js';
import { shapeOf } from './shape-of.js';

/** The whole-transaction cost of one (workload, runtime) pair, or why there is none. */
export interface CostRow {
  workload: string;
  runtime: string;
  cost?: WholeTransactionCost;
  /** Set when `cost` is absent. */
  note?: string;
}

/**
 * Deploys each pair on a fresh state, runs its transaction once through a capturing runtime and
 * prices the captured transaction and receipt on the runtime's chain.
 */
export async function measureCosts(
  ctx: CliContext,
  workloads: readonly WorkloadSpec[],
  runtimes: readonly string[],
  prices: PriceFile,
): Promise<CostRow[]> {
  const rows: CostRow[] = [];
  for (const spec of workloads) {
    for (const runtime of runtimes) {
      rows.push(await pairCost(ctx, spec.name, runtime, prices));
    }
  }
  return rows;
}

async function pairCost(
  ctx: CliContext,
  workload: string,
  runtime: string,
  prices: PriceFile,
): Promise<CostRow> {
  const profile = profileForRuntime(runtime);
  if (!profile) return { workload, runtime, note: `no chain cost profile for runtime ${runtime}` };
  const impl = lookupImplementation(ctx.catalog, runtime, workload);
  if (!impl) return { workload, runtime, note: 'not implemented' };
  const capture = capturingRuntime(ctx.registry.create(runtime));
  const state = new JournaledState();
  try {
    const prepared = await impl.prepare(state, capture.runtime);
    capture.executed.length = 0;
    await prepared.run();
  } catch (err) {
    return { workload, runtime, note: `run failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  const last = capture.executed.at(-1);
  if (!last) return { workload, runtime, note: 'the workload sent no transaction' };
  if (last.receipt.status !== 'success')
    return { workload, runtime, note: `transaction ${last.receipt.status}` };
  const cost = wholeTransactionCost(
    profile,
    last.receipt,
    shapeOf(last.tx, last.receipt),
    prices.chains[profile.id],
  );
  return { workload, runtime, cost };
}
