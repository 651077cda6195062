import { describe, expect, it } from 'vitest';
import { ETHEREUM_PROFILE } from './ethereum.js';
import { transactionShape } from './shape.js';

const total = (parts: { gas: number }[]) => parts.reduce((a, p) => a + p.gas, 0);

describe('Ethereum (Cancun) profile', () => {
  it('the block gas limit is the 60M client default of EIP-7935 (Final), confirmed at its source', () => {
    expect(ETHEREUM_PROFILE.perBlockLimit).toMatchObject({ value: 60_000_000 });
    expect(ETHEREUM_PROFILE.perBlockLimit?.source).toContain('EIP-7935');
    expect(ETHEREUM_PROFILE.perBlockLimit?.unconfirmed).toBeUndefined();
  });

  it('a plain ETH transfer is 21,000 gas', () => {
    expect(total(ETHEREUM_PROFILE.intrinsicGas(transactionShape({})))).toBe(21_000);
  });

  it('prices calldata at 4 per zero byte and 16 per non-zero byte (EIP-2028)', () => {
    // An ERC-20 transfer(address,uint256): 4-byte selector, 12 zero pad + 20 address bytes, 32-byte amount.
    const input = new Uint8Array(68);
    input.set([0xa9, 0x05, 0x9c, 0xbb], 0);
    input.fill(0x11, 16, 36);
    input[67] = 0x64;
    const shape = transactionShape({ input });
    expect(total(ETHEREUM_PROFILE.intrinsicGas(shape))).toBe(21_000 + 25 * 16 + 43 * 4);
  });

  it('fee is gas × (base fee + priority fee), in wei', () => {
    const fee = ETHEREUM_PROFILE.fee(21_000, transactionShape({}), {
      gasPrice: '1000000000',
      priorityFee: '1',
    });
    expect(fee).toBe(21_000n * 1_000_000_001n);
  });

  it('a new slot is 20,000 gas of state growth and has no deposit', () => {
    const shape = transactionShape({ newEntries: 2, newStateBytes: 128 });
    expect(ETHEREUM_PROFILE.stateGrowthGas(shape)).toBe(40_000);
    expect(ETHEREUM_PROFILE.storageCharge(shape)).toBeNull();
  });
});
