import { InvalidArgumentError, type WorkloadImplementation, type WorkloadSpec } from '@polyvm/core';
import * as evm from '../evm/index.js';
import * as move from '../move/index.js';
import { ARITH, arithSpec, HASH, hashSpec, SORT, STORAGE, sortSpec, storageSpec } from '../spec.js';
import * as svm from '../svm/index.js';
import * as cosmwasm from '../wasm/cosmwasm-workloads.js';
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
   * limit (EVM: the 30M gas the examples grant one call; NEAR: 300 Tgas; CosmWasm: none by default,
   * a transaction sets its own).
   */
  max: number;
  /**
   * Lower maxima of runtimes whose per-call limits bind earlier (Solana: 200,000 CU per
   * instruction by default, a 4 KiB stack frame; Move: Aptos' max_execution_gas, 920,000,000
   * internal units, `APTOS_CONSTANTS.maxExecutionGas`); a sweep leaves their larger sizes out.
   */
  runtimeMax?: Readonly<Record<string, number>>;
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
  /** Every runtime's implementation at size n (each runtime with the workload has a sized one). */
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
    implementations: (n) => [
      evm.storageHeavy(n),
      near.storageHeavy(n),
      move.storageHeavy(n),
      svm.storageHeavyAt(n),
      cosmwasm.storageHeavy(n),
    ],
  },
  {
    workload: 'compute-arith',
    parameter: {
      name: 'iterations',
      default: ARITH.iterations,
      min: 1,
      max: 200_000,
      // 4 sBPF instructions per iteration within 200,000 CU; Move ~38,400 internal gas per
      // iteration (768M at 20,000) within 920M.
      runtimeMax: { svm: 40_000, move: 20_000 },
      complexity: 1,
      complexityNote: 'one multiply-add per iteration',
    },
    spec: (n) => arithSpec(n),
    implementations: (n) => [
      evm.computeArith(n),
      near.computeArith(n),
      move.computeArith(n),
      svm.computeArithAt(n),
      cosmwasm.computeArith(n),
    ],
  },
  {
    workload: 'compute-hash',
    parameter: {
      name: 'rounds',
      default: HASH.rounds,
      min: 1,
      max: 10_000,
      // ~110 CU per sol_sha256 round within 200,000 CU.
      runtimeMax: { svm: 1_000 },
      complexity: 1,
      complexityNote: 'one fixed-size SHA-256 per round',
    },
    spec: hashSpec,
    implementations: (n) => [
      evm.computeHash(n),
      near.computeHash(n),
      move.computeHash(n),
      svm.computeHashAt(n),
      cosmwasm.computeHash(n),
    ],
  },
  {
    workload: 'memory-sort',
    parameter: {
      name: 'length',
      default: SORT.length,
      min: 2,
      max: 1024,
      // The array sits in one 4 KiB stack frame and ~n²/4 shifts must fit 200,000 CU; Move
      // spends 747M internal gas at 200 (1,165M at 256, over the 920M cap).
      runtimeMax: { svm: 320, move: 200 },
      complexity: 2,
      complexityNote: 'insertion sort of random input: n²/4 shifts on average',
    },
    spec: (n) => sortSpec(n),
    implementations: (n) => [
      evm.memorySort(n),
      near.memorySort(n),
      move.memorySort(n),
      svm.memorySortAt(n),
      cosmwasm.memorySort(n),
    ],
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

/** The largest size `runtime` runs this workload at. */
export function maxSizeFor(parameter: SizeParameter, runtime: string): number {
  return Math.min(parameter.max, parameter.runtimeMax?.[runtime] ?? parameter.max);
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
