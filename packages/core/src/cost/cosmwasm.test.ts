import { describe, expect, it } from 'vitest';
import { COSMWASM_PROFILE, toSdkGas } from './cosmwasm.js';
import { transactionShape } from './shape.js';

describe('CosmWasm (wasmd) profile', () => {
  it('converts 140,000 CosmWasm gas to 1 SDK gas, rounding down (FromWasmVMGas)', () => {
    expect(toSdkGas(140_000)).toBe(1);
    expect(toSdkGas(279_999)).toBe(1);
    // The instance cost, charged by the runtime as 60,000 × 140,000 CosmWasm gas.
    expect(toSdkGas(60_000 * 140_000)).toBe(60_000);
  });

  it('ante costs: 10 SDK gas per tx byte plus 1,000 per secp256k1 signature', () => {
    const parts = COSMWASM_PROFILE.intrinsicGas(transactionShape({ transactionBytes: 300 }));
    expect(parts.reduce((a, p) => a + p.gas, 0)).toBe(3_000 + 1_000);
  });

  it('fee is ceil(gas × gas price) in the smallest denom', () => {
    expect(
      COSMWASM_PROFILE.fee(200_001, transactionShape({}), { gasPrice: '0.0025', priorityFee: '0' }),
    ).toBe(501n);
  });

  it('has no default block or transaction gas limit', () => {
    expect(COSMWASM_PROFILE.perBlockLimit).toBeNull();
    expect(COSMWASM_PROFILE.perTransactionLimit).toBeNull();
  });
});
