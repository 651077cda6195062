import { describe, expect, it } from 'vitest';
import {
  allButOne64th,
  blobBaseFee,
  callGas,
  expByteCost,
  memoryCost,
  memoryExpansionCost,
  sstoreGas,
} from './gas-rules.js';

describe('memory expansion (Yellow Paper §9.4: 3·a + a²/512)', () => {
  it('prices known sizes', () => {
    expect(memoryCost(0)).toBe(0);
    expect(memoryCost(1)).toBe(3);
    expect(memoryCost(32)).toBe(98); // 96 + 1024/512
    expect(memoryCost(1024)).toBe(5120); // 3072 + 2048
    expect(memoryCost(32768)).toBe(2195456); // 1 MiB: 98304 + 2097152
  });
  it('charges only the growth', () => {
    expect(memoryExpansionCost(1, 1)).toBe(0);
    expect(memoryExpansionCost(1, 2)).toBe(3);
    expect(memoryExpansionCost(32, 1024)).toBe(5022);
  });
});

describe('EXP (EIP-160: 50 per exponent byte)', () => {
  it('counts bytes of the exponent', () => {
    expect(expByteCost(0n)).toBe(0);
    expect(expByteCost(1n)).toBe(50);
    expect(expByteCost(0xffn)).toBe(50);
    expect(expByteCost(0x100n)).toBe(100);
    expect(expByteCost((1n << 256n) - 1n)).toBe(1600);
  });
});

describe('SSTORE (EIP-2200 with EIP-2929 costs and EIP-3529 refunds)', () => {
  // [original, current, new, cost when warm, refund]
  const cases: Array<[bigint, bigint, bigint, number, number]> = [
    [0n, 0n, 0n, 100, 0], // no-op
    [0n, 0n, 1n, 20000, 0], // fresh slot
    [1n, 1n, 2n, 2900, 0], // update
    [1n, 1n, 0n, 2900, 4800], // clear
    [1n, 1n, 1n, 100, 0],
    [0n, 1n, 0n, 100, 19900], // set then reset to original zero
    [1n, 0n, 1n, 100, -4800 + 2800], // cleared then restored
    [1n, 2n, 0n, 100, 4800], // dirty non-zero to zero
    [1n, 0n, 2n, 100, -4800], // dirty zero to new value
    [1n, 2n, 1n, 100, 2800], // dirty back to original
  ];
  for (const [original, current, next, cost, refund] of cases) {
    it(`${original} → ${current} → ${next}`, () => {
      expect(sstoreGas(original, current, next, false)).toEqual({ cost, refund });
      expect(sstoreGas(original, current, next, true)).toEqual({ cost: cost + 2100, refund });
    });
  }
});

describe('CALL gas (EIP-150 63/64 rule and the 2300 stipend)', () => {
  it('caps the forwarded gas at all but one 64th of what is left', () => {
    expect(allButOne64th(64000n)).toBe(63000n);
    expect(callGas(1_000_000n, 64000n, 0, 0, false)).toEqual({ cost: 63000n, forwarded: 63000n });
  });
  it('forwards the requested amount when it fits, plus the stipend with value', () => {
    expect(callGas(5000n, 100000n, 0, 9000, true)).toEqual({ cost: 14000n, forwarded: 7300n });
  });
  it('takes memory and extra costs out before applying 63/64', () => {
    // left = 100000 - 3 - 2600 = 97397, cap = 97397 - 1521 = 95876
    expect(callGas(2n ** 255n, 100000n, 3, 2600, false)).toEqual({ cost: 95876n + 2600n, forwarded: 95876n });
  });
  it('charges the full request when even the extra costs do not fit', () => {
    expect(callGas(10n, 2000n, 0, 2600, false).cost).toBe(2610n);
  });
  it('is exact above 2^53 (64-bit transaction gas limits)', () => {
    const left = 2n ** 60n - 21000n;
    const cap = left - left / 64n;
    expect(callGas(2n ** 255n, left, 0, 0, false)).toEqual({ cost: cap, forwarded: cap });
  });
});

describe('blob base fee (EIP-4844 fake_exponential)', () => {
  it('is 1 wei with no excess blob gas and grows exponentially', () => {
    expect(blobBaseFee(0n)).toBe(1n);
    expect(blobBaseFee(3338477n)).toBe(2n); // e^1 ≈ 2.718 → floor 2
    expect(blobBaseFee(10n * 3338477n)).toBe(22026n); // e^10 ≈ 22026.47
  });
});
