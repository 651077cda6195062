import { InvalidArgumentError, type WorkloadSpec } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import type { Scenario } from './types.js';
import { scenarioWorkloadSpec } from './workload-spec.js';

const builtin: WorkloadSpec = {
  name: 'counter',
  title: 'Counter',
  description: 'd',
  params: {},
  expected: { n: '1' },
};
const scenario = (workload: string, result: Scenario['result']): Scenario => ({
  name: 's',
  workload,
  result,
  contracts: {},
  steps: [],
  file: '/x/s.yaml',
});

describe('the reference result of a workload scenario', () => {
  it('is the declared expected values, else the built-in model', () => {
    expect(
      scenarioWorkloadSpec(scenario('mine', { n: { expected: '5', evm: 'return:hex' } }), [builtin]).expected,
    ).toEqual({
      n: '5',
    });
    expect(scenarioWorkloadSpec(scenario('counter', { n: { evm: 'storage:0x0' } }), [builtin])).toBe(builtin);
  });

  it('a value declared for only some results, or none without a model, is a usage error naming the result', () => {
    const partial = scenario('counter', {
      n: { evm: 'storage:0x0' },
      m: { expected: '1', evm: 'return:hex' },
    });
    expect(() => scenarioWorkloadSpec(partial, [builtin])).toThrow(InvalidArgumentError);
    expect(() => scenarioWorkloadSpec(partial, [builtin])).toThrow(
      /result "n" declares no "expected" value; declare all/,
    );
    expect(() => scenarioWorkloadSpec(scenario('mine', { n: { evm: 'return:hex' } }), [builtin])).toThrow(
      /"mine" is not a built-in workload/,
    );
  });
});
