import { address, getAddressDecoder, getAddressEncoder, getProgramDerivedAddress } from '@solana/kit';
import { describe, expect, it } from 'vitest';
import { createProgramAddress, findProgramAddress, fromBase58, isOnCurve, toBase58 } from './pubkey.js';

const KEYS = [
  '11111111111111111111111111111111',
  'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA',
  'ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL',
  'SysvarRent111111111111111111111111111111111',
];

describe('addresses, checked against @solana/kit', () => {
  it('base58 matches kit in both directions', () => {
    for (const key of KEYS) {
      const bytes = Uint8Array.from(getAddressEncoder().encode(address(key)));
      expect(fromBase58(key)).toEqual(bytes);
      expect(toBase58(bytes)).toBe(getAddressDecoder().decode(bytes));
    }
    expect(() => fromBase58('0OIl')).toThrow('invalid base58');
  });

  it('program-derived addresses and bumps match kit', async () => {
    const program = fromBase58(KEYS[2]!);
    for (let i = 0; i < 8; i++) {
      const seeds = [new TextEncoder().encode(`seed-${i}`), Uint8Array.of(i)];
      const ours = findProgramAddress(seeds, program)!;
      const [expected, bump] = await getProgramDerivedAddress({ programAddress: address(KEYS[2]!), seeds });
      expect(toBase58(ours.address)).toBe(expected);
      expect(ours.bump).toBe(bump);
      expect(isOnCurve(ours.address)).toBe(false);
    }
  });

  it('rejects too many or too long seeds and on-curve results', () => {
    const program = fromBase58(KEYS[1]!);
    expect(() => createProgramAddress(new Array(17).fill(new Uint8Array(1)), program)).toThrow('at most 16');
    expect(() => createProgramAddress([new Uint8Array(33)], program)).toThrow('exceeds 32');
    // A real wallet key is on the curve.
    expect(isOnCurve(fromBase58('9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM'))).toBe(true);
  });
});
