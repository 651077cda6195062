import { InvalidArgumentError, makeReceipt, type WorkloadImplementation } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import {
  buildCatalog,
  catalogRuntimes,
  findImplementation,
  findSpec,
  implementedWorkloads,
  lookupImplementation,
} from './catalog.js';
import { WORKLOADS } from './spec.js';

function impl(runtime: string, workload: string): WorkloadImplementation {
  return {
    runtime,
    workload,
    source: 'test double',
    prepare: () => ({
      codeSize: 0,
      deployGas: 0,
      run: () => makeReceipt({ status: 'success', gasUsed: 0 }),
      result: () => ({}),
    }),
  };
}

const catalog = buildCatalog(
  WORKLOADS,
  [impl('evm', 'counter'), impl('evm', 'call-heavy')],
  [impl('svm', 'counter')],
);

describe('buildCatalog', () => {
  it('flattens the per-runtime lists in order', () => {
    expect(catalog.implementations.map((i) => `${i.runtime}/${i.workload}`)).toEqual([
      'evm/counter',
      'evm/call-heavy',
      'svm/counter',
    ]);
    expect(catalog.specs).toBe(WORKLOADS);
  });

  it('rejects an implementation of an unknown workload, naming the runtime', () => {
    expect(() => buildCatalog(WORKLOADS, [impl('move', 'countr')])).toThrow(
      /move implements unknown workload "countr" \(known: counter, token-transfer/,
    );
  });

  it('rejects the same pair implemented twice', () => {
    expect(() => buildCatalog(WORKLOADS, [impl('evm', 'counter')], [impl('evm', 'counter')])).toThrow(
      'workload evm/counter is implemented twice',
    );
  });

  it('rejects duplicate spec names', () => {
    const spec = WORKLOADS[0]!;
    expect(() => buildCatalog([spec, spec])).toThrow(InvalidArgumentError);
  });
});

describe('lookups', () => {
  it('finds specs and implementations', () => {
    expect(findSpec(catalog, 'memory-sort').title).toBe('Memory: insertion sort');
    expect(findImplementation(catalog, 'evm', 'call-heavy').runtime).toBe('evm');
    expect(lookupImplementation(catalog, 'svm', 'call-heavy')).toBeUndefined();
  });

  it('names the unknown workload and lists the known ones', () => {
    expect(() => findSpec(catalog, 'nope')).toThrow(/unknown workload "nope" \(known: counter, /);
    expect(() => findImplementation(catalog, 'evm', 'nope')).toThrow(/unknown workload "nope"/);
  });

  it('tells an unknown runtime from a missing implementation', () => {
    expect(() => findImplementation(catalog, 'wasm', 'counter')).toThrow(
      'no workloads for runtime "wasm" (runtimes with workloads: evm, svm)',
    );
    expect(() => findImplementation(catalog, 'svm', 'call-heavy')).toThrow(
      'runtime "svm" does not implement "call-heavy" (it has: counter)',
    );
  });

  it('lists runtimes and their workloads in a stable order', () => {
    expect(catalogRuntimes(catalog)).toEqual(['evm', 'svm']);
    expect(implementedWorkloads(catalog, 'evm')).toEqual(['counter', 'call-heavy']);
    expect(implementedWorkloads(catalog, 'move')).toEqual([]);
  });
});
