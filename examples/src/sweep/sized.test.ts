import { InvalidArgumentError } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { WORKLOADS } from '../spec.js';
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
});
