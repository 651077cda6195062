import { measureWorkload, type WorkloadImplementation } from '@polyvm/core';
import { runtimeFactory as evmFactory } from '@polyvm/evm';
import {
  cosmwasmWorkloads,
  evmWorkloads,
  moveWorkloads,
  svmWorkloads,
  WORKLOADS,
  wasmWorkloads,
} from '@polyvm/examples';
import { runtimeFactory as moveFactory } from '@polyvm/move-lite';
import { runtimeFactory as svmFactory } from '@polyvm/svm-lite';
import { cosmwasmRuntimeFactory, runtimeFactory as nearFactory } from '@polyvm/wasm';
import { describe, expect, it } from 'vitest';
import { kernelImplementations } from './kernels.js';

/** The TypeScript harness of each (runtime, workload), whose gas examples/src/gas-pin.test.ts pins. */
const HARNESSES: Record<string, { factory: typeof evmFactory; impls: readonly WorkloadImplementation[] }> = {
  evm: { factory: evmFactory, impls: evmWorkloads },
  wasm: { factory: nearFactory, impls: wasmWorkloads },
  cosmwasm: { factory: cosmwasmRuntimeFactory, impls: cosmwasmWorkloads },
  move: { factory: moveFactory, impls: moveWorkloads },
  svm: { factory: svmFactory, impls: svmWorkloads },
};

describe('the kernels as scenario files', () => {
  const fromScenarios = kernelImplementations();

  it.each(Object.keys(HARNESSES))('cover every built-in workload on %s', (runtime) => {
    const covered = fromScenarios.filter((i) => i.runtime === runtime).map((i) => i.workload);
    expect(covered.sort()).toEqual(WORKLOADS.map((w) => w.name).sort());
  });

  for (const impl of fromScenarios) {
    it(`${impl.runtime}/${impl.workload}: same run gas, deploy gas, code size and result as the harness`, async () => {
      const { factory, impls } = HARNESSES[impl.runtime]!;
      const harness = impls.find((i) => i.workload === impl.workload)!;
      const viaScenario = await measureWorkload(factory.create(), impl, { warmup: 0, samples: 1 });
      const viaHarness = await measureWorkload(factory.create(), harness, { warmup: 0, samples: 1 });
      expect(viaScenario.error).toBeUndefined();
      expect(viaScenario.result).toEqual(WORKLOADS.find((w) => w.name === impl.workload)!.expected);
      const costs = (r: typeof viaScenario) => ({
        gasUsed: r.gasUsed,
        deployGas: r.deployGas,
        codeSize: r.codeSize,
        instructions: r.instructions,
        gasBreakdown: r.gasBreakdown,
        storage: r.storage,
      });
      expect(costs(viaScenario)).toEqual(costs(viaHarness));
    });
  }
});
