import type { WorkloadImplementation } from '@polyvm/core';
import { callHeavy } from './calls.js';
import { computeArith, computeHash } from './compute.js';
import { counter } from './counter.js';
import { memorySort } from './sort.js';
import { storageHeavy } from './storage.js';
import { tokenTransfer } from './token.js';

/** The seven workloads as sBPF programs for the `svm` runtime. */
export const workloads: WorkloadImplementation[] = [
  counter,
  tokenTransfer,
  storageHeavy,
  computeArith,
  computeHash,
  memorySort,
  callHeavy,
];
