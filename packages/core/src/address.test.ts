import { describe, expect, it } from 'vitest';
import { addressFromHex, addressFromNumber, assertAddress } from './address.js';
import { toHex } from './bytes.js';

describe('address', () => {
  it('left-pads short hex to the runtime width', () => {
    expect(toHex(addressFromHex('0x1', 16))).toBe(`0x${'0'.repeat(31)}1`);
    expect(addressFromHex('0x1', 32)).toHaveLength(32);
    expect(addressFromNumber(258, 20).slice(18)).toEqual(Uint8Array.of(1, 2));
  });

  it('rejects addresses of the wrong width', () => {
    expect(() => addressFromHex(`0x${'11'.repeat(21)}`, 20)).toThrow(/longer than 20 bytes/);
    expect(() => assertAddress(new Uint8Array(19), 20)).toThrow(/must be 20 bytes, got 19/);
    expect(() => assertAddress('0x00', 20)).toThrow(/must be a Uint8Array/);
  });
});
