import { describe, expect, it } from 'vitest';
import { COSMWASM_PROFILE } from './cosmwasm.js';
import { ETHEREUM_PROFILE } from './ethereum.js';
import { NEAR_PROFILE } from './near.js';
import { profileForRuntime } from './profiles.js';
import { stateGrowth, transactionShape } from './shape.js';
import { SOLANA_PROFILE } from './solana.js';
import { wholeTransactionCost } from './whole-transaction.js';

const breakdown = (fields: Partial<Record<string, number>>) => ({
  compute: 0,
  memory: 0,
  storage: 0,
  call: 0,
  crypto: 0,
  other: 0,
  ...fields,
});

describe('wholeTransactionCost', () => {
  it('does not count the EVM intrinsic gas twice (the receipt already holds it in "other")', () => {
    const receipt = {
      gasUsed: 21_000 + 5_000,
      gasBreakdown: breakdown({ storage: 5_000, other: 21_000 }),
      stateDiff: [],
    };
    const cost = wholeTransactionCost(ETHEREUM_PROFILE, receipt, transactionShape({}), {
      tokenPrice: 2_000,
      gasPrice: '1000000000',
      priorityFee: '0',
    });
    expect(cost.intrinsic?.total).toBe(21_000);
    expect(cost.execution).toEqual({ total: 5_000, byCategory: breakdown({ storage: 5_000 }) });
    expect(cost.totalGas).toBe(26_000);
    expect(cost.fee.native).toBe('26000000000000');
    expect(cost.fee.currency).toBeCloseTo(0.052, 10);
    expect(cost.limitShare).toBeCloseTo(26_000 / 60_000_000, 12);
    expect(cost.transactionsPerBlock).toBe(Math.floor(60_000_000 / 26_000));
  });

  it('does not count the NEAR receipt and action fees twice (the wasm runtime charges them in "call")', () => {
    const fees = 1_196_119_000_000;
    const receipt = {
      gasUsed: 3e12 + fees,
      gasBreakdown: breakdown({ compute: 3e12, call: fees }),
      stateDiff: [],
    };
    const cost = wholeTransactionCost(NEAR_PROFILE, receipt, transactionShape({}));
    expect(cost.intrinsic?.total).toBe(fees);
    expect(cost.execution).toEqual({ total: 3e12, byCategory: breakdown({ compute: 3e12 }) });
    expect(cost.totalGas).toBe(3e12 + fees);
    expect(cost.fee.currency).toBeNull();
  });

  it('Solana: no intrinsic gas, 5,000 lamports per signature, block units include the cost model', () => {
    const receipt = { gasUsed: 980, gasBreakdown: breakdown({ compute: 980 }), stateDiff: [] };
    const cost = wholeTransactionCost(SOLANA_PROFILE, receipt, transactionShape({}), {
      tokenPrice: 100,
      gasPrice: '0',
      priorityFee: '0',
    });
    expect(cost.intrinsic).toBeNull();
    expect(cost.fee.native).toBe('5000');
    expect(cost.transactionsPerBlock).toBe(Math.floor(50_000_000 / (980 + 720 + 300)));
  });

  it('CosmWasm: SDK gas from CosmWasm gas; block figures are n/a (null), not 0', () => {
    const receipt = {
      gasUsed: 70_000 * 140_000,
      gasBreakdown: breakdown({ other: 70_000 * 140_000 }),
      stateDiff: [],
    };
    const cost = wholeTransactionCost(COSMWASM_PROFILE, receipt, transactionShape({ transactionBytes: 300 }));
    expect(cost.execution.total).toBe(70_000);
    expect(cost.totalGas).toBe(70_000 + 3_000 + 1_000);
    expect(cost.limitShare).toBeNull();
    expect(cost.transactionsPerBlock).toBeNull();
  });

  it('maps runtimes to chains', () => {
    expect(profileForRuntime('evm')?.id).toBe('ethereum');
    expect(profileForRuntime('svm')?.id).toBe('solana');
    expect(profileForRuntime('nope')).toBeUndefined();
  });
});

describe('stateGrowth', () => {
  it('counts new entries (key + value) and growth, not rewrites or deletions', () => {
    const b = (n: number) => new Uint8Array(n);
    const diff = [
      { namespace: 's', key: b(32), before: undefined, after: b(32) },
      { namespace: 's', key: b(32), before: b(8), after: b(16) },
      { namespace: 's', key: b(32), before: b(8), after: b(8) },
      { namespace: 's', key: b(32), before: b(8), after: undefined },
    ];
    expect(stateGrowth(diff)).toEqual({ newEntries: 1, newStateBytes: 64 + 8 });
  });
});
