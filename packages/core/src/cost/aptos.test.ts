import { describe, expect, it } from 'vitest';
import { APTOS_PROFILE, aptosIntrinsicInternalGas } from './aptos.js';
import { transactionShape } from './shape.js';

describe('Aptos profile', () => {
  it('intrinsic gas is 2,760,000 internal units (2.76 gas units) up to 600 bytes', () => {
    expect(aptosIntrinsicInternalGas(250)).toBe(2_760_000);
    expect(aptosIntrinsicInternalGas(600)).toBe(2_760_000);
  });

  it('adds 1,158 internal units per byte over 600', () => {
    expect(aptosIntrinsicInternalGas(1_600)).toBe(2_760_000 + 1_158_000);
  });

  it('fee rounds gas units up and adds the storage fee in octas', () => {
    const shape = transactionShape({ newEntries: 1, newStateBytes: 100 });
    // ceil(2.76) = 3 gas units × 100 octas + 40,000 + 100 × 40 octas.
    expect(APTOS_PROFILE.fee(2.76, shape, { gasPrice: '100', priorityFee: '0' })).toBe(300n + 44_000n);
  });

  it('has no per-block figure: the block limit is an on-chain config whose mainnet value is unconfirmed', () => {
    expect(APTOS_PROFILE.perBlockLimit).toBeNull();
    expect(APTOS_PROFILE.blockNote).toContain('genesis default is 35,000 effective block gas units');
  });

  it('the per-transaction execution cap is 920 gas units', () => {
    expect(APTOS_PROFILE.perTransactionLimit?.value).toBe(920);
  });
});
