import { describe, expect, it } from 'vitest';
import { g1MsmGas, g2MsmGas, pairingGas } from './gas.js';

describe('EIP-2537 gas', () => {
  it('prices G1MSM with the discount table', () => {
    expect(g1MsmGas(0)).toBe(0);
    expect(g1MsmGas(1)).toBe(12000);
    expect(g1MsmGas(2)).toBe(22776); // 2 * 12000 * 949 / 1000
    expect(g1MsmGas(3)).toBe(30528);
    expect(g1MsmGas(128)).toBe(797184); // 128 * 12000 * 519 / 1000
    expect(g1MsmGas(200)).toBe(1245600); // max_discount 519 beyond the table
  });
  it('prices G2MSM with the discount table', () => {
    expect(g2MsmGas(1)).toBe(22500);
    expect(g2MsmGas(2)).toBe(45000); // discount 1000 for k = 2
    expect(g2MsmGas(3)).toBe(62302); // floor(3 * 22500 * 923 / 1000)
    expect(g2MsmGas(128)).toBe(1509120); // 128 * 22500 * 524 / 1000
    expect(g2MsmGas(129)).toBe(1520910); // max_discount 524
  });
  it('prices the pairing check', () => {
    expect(pairingGas(1)).toBe(70300);
    expect(pairingGas(2)).toBe(102900);
  });
});
