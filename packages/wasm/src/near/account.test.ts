import { describe, expect, it } from 'vitest';
import { accountIdToAddress, addressToAccountId, isValidAccountId } from './account.js';

describe('NEAR account id <-> 32-byte address', () => {
  it('round-trips named accounts of up to 32 characters', () => {
    for (const id of ['alice.near', 'a1', 'app_1-x.testnet', 'x'.repeat(32)]) {
      const address = accountIdToAddress(id);
      expect(address).toHaveLength(32);
      expect(addressToAccountId(address)).toBe(id);
    }
  });

  it('maps implicit accounts (64 hex) to their key bytes and back', () => {
    const id = 'ab'.repeat(32);
    const address = accountIdToAddress(id);
    expect(address.every((b) => b === 0xab)).toBe(true);
    expect(addressToAccountId(address)).toBe(id);
  });

  it('renders addresses that are not padded names as implicit accounts', () => {
    const address = new Uint8Array(32);
    address[31] = 1;
    expect(addressToAccountId(address)).toBe(`${'00'.repeat(31)}01`);
  });

  it('follows the account id grammar and rejects unrepresentable ids', () => {
    expect(isValidAccountId('alice..near')).toBe(false);
    expect(isValidAccountId('A.near')).toBe(false);
    expect(isValidAccountId('a')).toBe(false);
    expect(() => accountIdToAddress('a'.repeat(33))).toThrow(/longer than 32/);
    expect(() => accountIdToAddress('bad id')).toThrow(/invalid NEAR account id/);
  });
});
