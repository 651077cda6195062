import { describe, expect, it } from 'vitest';
import { NEAR_PROFILE } from './near.js';
import { transactionShape } from './shape.js';

const total = (parts: { gas: number }[]) => parts.reduce((a, p) => a + p.gas, 0);

describe('NEAR profile', () => {
  it('a function call receipt with no args burns the receipt + action fees of parameters.snap', () => {
    // 2 × 108.0595 Ggas (receipt creation send + exec) + 200 Ggas send + 780 Ggas exec = 1.196119 Tgas.
    expect(total(NEAR_PROFILE.intrinsicGas(transactionShape({})))).toBe(1_196_119_000_000);
  });

  it('adds 49,919,649 gas per byte of method name and args (send_not_sir + execution)', () => {
    const shape = transactionShape({ input: new Uint8Array(10), methodNameBytes: 8 });
    expect(total(NEAR_PROFILE.intrinsicGas(shape))).toBe(1_196_119_000_000 + 18 * 49_919_649);
  });

  it('storage staking locks 10^19 yoctoNEAR per byte, 40 extra bytes per record, refundable', () => {
    const charge = NEAR_PROFILE.storageCharge(transactionShape({ newEntries: 1, newStateBytes: 60 }));
    expect(charge).toMatchObject({ amount: 100n * 10n ** 19n, refundable: true });
  });

  it('fee is burnt gas × gas price (minimum 10^8 yoctoNEAR per gas: 1 Tgas = 0.0001 NEAR)', () => {
    expect(NEAR_PROFILE.fee(1e12, transactionShape({}), { gasPrice: '100000000', priorityFee: '0' })).toBe(
      10n ** 20n,
    );
  });
});
