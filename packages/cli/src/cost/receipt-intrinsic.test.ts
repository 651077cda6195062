import { JournaledState, profileForRuntime, wholeTransactionCost } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { defaultContext } from '../wiring.js';
import { capturingRuntime } from './capture.js';
import { shapeOf } from './shape-of.js';

/**
 * A profile's `receiptIntrinsic` says where the runtime already charged the chain's intrinsic gas.
 * Checked against the real runtimes on every built-in workload: if the category holds exactly the
 * modelled intrinsic gas, the whole-transaction model neither counts it twice nor leaves it out,
 * and `sweep` subtracts the right fixed cost.
 */
describe('receipt intrinsic gas: the chain profile agrees with what the runtime charges', () => {
  const ctx = defaultContext();
  const cases = ['evm', 'wasm'].flatMap((runtime) =>
    ctx.catalog.implementations
      .filter((i) => i.runtime === runtime)
      .map((impl) => [runtime, impl.workload, impl] as const),
  );

  it.each(cases)('%s %s', async (runtime, _workload, impl) => {
    const profile = profileForRuntime(runtime)!;
    const category = profile.receiptIntrinsic;
    if (category === 'none') throw new Error(`${profile.id}: expected the runtime to charge intrinsic gas`);
    const capture = capturingRuntime(ctx.registry.create(runtime));
    const prepared = await impl.prepare(new JournaledState(), capture.runtime);
    capture.executed.length = 0;
    await prepared.run();
    const { tx, receipt } = capture.executed.at(-1)!;
    const shape = shapeOf(tx, receipt);
    const intrinsic = profile.intrinsicGas(shape).reduce((sum, part) => sum + part.gas, 0);
    // NEAR's fees are all the wasm runtime puts in 'call'; the EVM's 'other' may hold more than 21,000 + calldata.
    if (runtime === 'wasm') expect(receipt.gasBreakdown[category]).toBe(intrinsic);
    else expect(receipt.gasBreakdown[category]).toBeGreaterThanOrEqual(intrinsic);
    const cost = wholeTransactionCost(profile, receipt, shape);
    expect(cost.totalGas).toBe(receipt.gasUsed);
  });
});
