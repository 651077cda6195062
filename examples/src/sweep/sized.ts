import { InvalidArgumentError, type WorkloadImplementation, type WorkloadSpec } from '@polyvm/core';
import * as evm from '../evm/index.js';
import { ARITH, arithSpec, HASH, hashSpec, SORT, STORAGE, sortSpec, storageSpec } from '../spec.js';
import * as near from '../wasm/index.js';

/** The one size parameter a workload can be swept over, with the range it is valid for. */
export interface SizeParameter {
  /** The spec's parameter name (`slots`, `iterations`…); sweeps also accept the alias `n`. */
  name: string;
  /** The size the catalog (`compare`) uses. */
  default: number;
  min: number;
  /**
   * Largest size every runtime with a sized implementation runs within its per-transaction gas
   * limit (EVM: the 30M gas the examples grant one call; NEAR: 300 Tgas).
   */
  max: number;
  /** The growth exponent of gas in n the algorithm should have (1 linear, 2 quadratic). */
  complexity: number;
  /** Why that exponent, in a few words. */
  complexityNote: string;
}

/** A workload at any size in its range: the spec (with its reference result) and the implementations. */
export interface SizedWorkload {
  workload: string;
  parameter: SizeParameter;
  spec(n: number): WorkloadSpec;
  /** The runtimes that can build this workload at any size; the others run only the catalog size. */
  implementations(n: number): WorkloadImplementation[];
}

export const SIZED_WORKLOADS: readonly SizedWorkload[] = [
  {
    workload: 'storage-heavy',
    parameter: {
      name: 'slots',
      default: STORAGE.slots,
      min: 1,
      max: 1024,
      complexity: 1,
      complexityNote: 'one write and one read per slot',
    },
    spec: storageSpec,
    implementations: (n) => [evm.storageHeavy(n), near.storageHeavy(n)],
  },
  {
    workload: 'compute-arith',
    parameter: {
      name: 'iterations',
      default: ARITH.iterations,
      min: 1,
      max: 200_000,
      complexity: 1,
      complexityNote: 'one multiply-add per iteration',
    },
    spec: (n) => arithSpec(n),
    implementations: (n) => [evm.computeArith(n), near.computeArith(n)],
  },
  {
    workload: 'compute-hash',
    parameter: {
      name: 'rounds',
      default: HASH.rounds,
      min: 1,
      max: 10_000,
      complexity: 1,
      complexityNote: 'one fixed-size SHA-256 per round',
    },
    spec: hashSpec,
    implementations: (n) => [evm.computeHash(n), near.computeHash(n)],
  },
  {
    workload: 'memory-sort',
    parameter: {
      name: 'length',
      default: SORT.length,
      min: 2,
      max: 1024,
      complexity: 2,
      complexityNote: 'insertion sort of random input: n²/4 shifts on average',
    },
    spec: (n) => sortSpec(n),
    implementations: (n) => [evm.memorySort(n), near.memorySort(n)],
  },
];

/** The sized form of `workload`; workloads without a size parameter (counter, token-transfer, call-heavy) have none. */
export function findSizedWorkload(workload: string): SizedWorkload {
  const sized = SIZED_WORKLOADS.find((s) => s.workload === workload);
  if (!sized) {
    throw new InvalidArgumentError(
      `workload "${workload}" has no size parameter to sweep (sweepable: ${SIZED_WORKLOADS.map((s) => s.workload).join(', ')})`,
      { details: { workload } },
    );
  }
  return sized;
}

/** Checks `n` against the parameter's declared range. */
export function assertSizeInRange(sized: SizedWorkload, n: number): void {
  const { name, min, max } = sized.parameter;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new InvalidArgumentError(
      `${sized.workload}: ${name} = ${n} is outside its declared range ${min}..${max}`,
      { details: { workload: sized.workload, n, min, max } },
    );
  }
}
