import { describe, expect, it } from 'vitest';
import { calldataFloorGas, calldataTokens } from './calldata-floor.js';

describe('EIP-7623 calldata floor', () => {
  it('counts tokens: 1 per zero byte, 4 per non-zero byte', () => {
    expect(calldataTokens(new Uint8Array(0))).toBe(0);
    expect(calldataTokens(Uint8Array.of(0, 0, 1, 0xff))).toBe(10);
  });
  it('is 21000 + 10 per token', () => {
    expect(calldataFloorGas(new Uint8Array(0))).toBe(21000);
    expect(calldataFloorGas(Uint8Array.of(0, 0, 1, 0xff))).toBe(21100);
    expect(calldataFloorGas(new Uint8Array(100).fill(1))).toBe(25000);
  });
});
