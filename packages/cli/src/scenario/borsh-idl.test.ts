import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anchorDiscriminator, encodeAnchorInstruction } from './borsh-idl.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('Anchor IDL instruction data (Borsh)', () => {
  it('uses sha256("global:<name>")[..8] as the discriminator', () => {
    // Anchor's `initialize` discriminator, as every Anchor IDL ≥ 0.30 lists it: [175,175,109,31,13,152,155,237].
    expect([...anchorDiscriminator('initialize')]).toEqual([175, 175, 109, 31, 13, 152, 155, 237]);
    expect(hex(anchorDiscriminator('x'))).toBe(
      createHash('sha256').update('global:x').digest('hex').slice(0, 16),
    );
  });

  it('encodes integers, bool, string, pubkey, vec, option and arrays as Borsh', () => {
    const idl = {
      instructions: [
        {
          name: 'go',
          args: [
            { name: 'a', type: 'u64' },
            { name: 'b', type: 'i16' },
            { name: 'c', type: 'bool' },
            { name: 'd', type: 'string' },
            { name: 'e', type: 'pubkey' },
            { name: 'f', type: { vec: 'u8' } },
            { name: 'g', type: { option: 'u32' } },
            { name: 'h', type: { array: ['u8', 2] } },
          ],
        },
      ],
    } as const;
    const data = encodeAnchorInstruction(
      idl as never,
      'go',
      { a: 5, b: -2, c: true, d: 'hi', e: '@alice', f: [1, 2], g: null, h: [9, 8] },
      () => new Uint8Array(32).fill(7),
    );
    expect(hex(data.subarray(8))).toBe(
      `0500000000000000feff01020000006869${'07'.repeat(32)}020000000102000908`,
    );
    expect(() => encodeAnchorInstruction(idl as never, 'go', { a: 1 }, () => new Uint8Array(32))).toThrow(
      'needs argument "b"',
    );
    expect(() => encodeAnchorInstruction(idl as never, 'go', { a: -1 }, () => new Uint8Array(32))).toThrow(
      'go.a: -1 does not fit u64',
    );
    expect(() => encodeAnchorInstruction(idl as never, 'nope', {}, () => new Uint8Array(32))).toThrow(
      'IDL has no instruction "nope"',
    );
  });
});
