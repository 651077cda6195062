import { describe, expect, it } from 'vitest';
import { transactionShape } from './shape.js';
import { rentExemptMinimum, SOLANA_PROFILE } from './solana.js';

describe('Solana profile', () => {
  it('one signature and no priority fee pays 5,000 lamports', () => {
    expect(SOLANA_PROFILE.fee(150, transactionShape({}), { gasPrice: '0', priorityFee: '0' })).toBe(5_000n);
  });

  it('the priority fee is CU × micro-lamports / 1e6, rounded up', () => {
    // 200,000 CU at 1 micro-lamport per CU = 0.2 lamports → 1 lamport.
    const shape = transactionShape({ signatures: 2 });
    expect(SOLANA_PROFILE.fee(200_000, shape, { gasPrice: '0', priorityFee: '1' })).toBe(10_001n);
    expect(SOLANA_PROFILE.fee(1_400_000, shape, { gasPrice: '0', priorityFee: '10000' })).toBe(
      10_000n + 14_000n,
    );
  });

  it('the rent-exempt minimum of a 165-byte token account is 2,039,280 lamports; empty is 890,880', () => {
    expect(rentExemptMinimum(165)).toBe(2_039_280n);
    expect(rentExemptMinimum(0)).toBe(890_880n);
  });

  it('a new 165-byte account is a refundable rent-exempt deposit', () => {
    const charge = SOLANA_PROFILE.storageCharge(transactionShape({ newEntries: 1, newStateBytes: 165 }));
    expect(charge).toMatchObject({ amount: 2_039_280n, refundable: true });
  });

  it('block units add 720 per signature and 300 per write lock to the execution CUs', () => {
    expect(SOLANA_PROFILE.blockUnits(1_000, transactionShape({ writeLocks: 2 }))).toBe(1_000 + 720 + 600);
  });
});
