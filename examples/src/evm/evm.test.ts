import { runtimeFactory } from '@polyvm/evm';
import { expect } from 'vitest';
import { describeWorkloads } from '../testing/describe-workloads.js';
import { workloads } from './index.js';

describeWorkloads(runtimeFactory, workloads, {
  // Every EVM transaction pays at least the intrinsic 21000 gas (Yellow Paper G_transaction).
  check: (result) => expect(result.gasUsed).toBeGreaterThan(21_000),
});
