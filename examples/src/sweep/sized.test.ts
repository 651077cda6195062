import { APTOS_CONSTANTS, InvalidArgumentError, measureWorkload } from '@polyvm/core';
import { runtimeFactory as moveFactory } from '@polyvm/move-lite';
import { describe, expect, it } from 'vitest';
import { evmWorkloads, moveWorkloads, svmWorkloads, wasmWorkloads } from '../index.js';
import { WORKLOADS } from '../spec.js';
import { cosmwasmWorkloads } from '../wasm/cosmwasm-workloads.js';
import { assertSizeInRange, findSizedWorkload, maxSizeFor, SIZED_WORKLOADS } from './sized.js';

describe('sized workloads', () => {
  it('at the default size, build exactly the catalog spec', () => {
    for (const sized of SIZED_WORKLOADS) {
      expect(sized.spec(sized.parameter.default)).toEqual(WORKLOADS.find((w) => w.name === sized.workload));
      expect(sized.parameter.min).toBeLessThanOrEqual(sized.parameter.default);
      expect(sized.parameter.default).toBeLessThanOrEqual(sized.parameter.max);
    }
  });

  it('rejects workloads without a size parameter and sizes outside the range', () => {
    expect(() => findSizedWorkload('counter')).toThrow(/no size parameter/);
    const sort = findSizedWorkload('memory-sort');
    expect(() => assertSizeInRange(sort, 4096)).toThrow(InvalidArgumentError);
    expect(() => assertSizeInRange(sort, 4096)).toThrow(
      'length = 4096 is outside its declared range 2..1024',
    );
    expect(() => assertSizeInRange(sort, 16)).not.toThrow();
    expect(maxSizeFor(sort.parameter, 'svm')).toBe(320);
    expect(maxSizeFor(sort.parameter, 'evm')).toBe(1024);
  });

  it('every runtime that has a sized workload builds it at any size (Move and CosmWasm too)', () => {
    const all = [...evmWorkloads, ...wasmWorkloads, ...moveWorkloads, ...svmWorkloads, ...cosmwasmWorkloads];
    for (const sized of SIZED_WORKLOADS) {
      const having = all.filter((i) => i.workload === sized.workload).map((i) => i.runtime);
      const built = sized.implementations(sized.parameter.min).map((i) => i.runtime);
      expect(built.sort(), sized.workload).toEqual(having.sort());
    }
  });

  it("Move's largest sizes run within Aptos' max_execution_gas, and their results match the reference", async () => {
    const cap = APTOS_CONSTANTS.maxExecutionGas.value;
    for (const sized of SIZED_WORKLOADS) {
      const n = maxSizeFor(sized.parameter, 'move');
      const impl = sized.implementations(n).find((i) => i.runtime === 'move')!;
      const run = await measureWorkload(moveFactory.create(), impl, { warmup: 0, samples: 1 });
      expect(run.status, sized.workload).toBe('success');
      expect(run.result).toEqual(sized.spec(n).expected);
      expect(run.gasUsed, `${sized.workload} n=${n}`).toBeLessThanOrEqual(cap);
    }
  }, 120_000);
});
