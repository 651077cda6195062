import type { WorkloadImplementation } from '@polyvm/core';
import { callHeavy } from './calls.js';
import { computeArith, computeHash } from './compute.js';

export { computeArithAt, computeHashAt } from './compute.js';
export { memorySortAt } from './sort.js';
export { storageHeavyAt } from './storage.js';

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
