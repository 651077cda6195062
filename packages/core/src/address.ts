import { assertBytes, describe, fromHex } from './bytes.js';
import { InvalidArgumentError } from './errors.js';

/**
 * An address is an opaque byte string. Its width is a property of the runtime that owns it:
 * 20 bytes for the EVM, 32 for Solana/Aptos/Sui/NEAR-style account ids, 16 for Diem/Starcoin Move.
 */
export type Address = Uint8Array;

export function assertAddress(value: unknown, width: number, name = 'address'): asserts value is Address {
  assertBytes(value, name);
  if (value.length !== width) {
    throw new InvalidArgumentError(`${name} must be ${width} bytes, got ${value.length}`);
  }
}

/** Parses a hex address; short input is left-padded with zeros (as `0x1` means the framework account). */
export function addressFromHex(hex: string, width: number): Address {
  if (typeof hex !== 'string')
    throw new InvalidArgumentError(`address must be a hex string, got ${describe(hex)}`);
  const body = hex.startsWith('0x') ? hex.slice(2) : hex;
  if (body.length > width * 2) {
    throw new InvalidArgumentError(`address ${hex} is longer than ${width} bytes`);
  }
  return fromHex(body.padStart(width * 2, '0'));
}

/** A deterministic test address: `width` bytes whose last bytes encode `n` (big-endian). */
export function addressFromNumber(n: number, width: number): Address {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new InvalidArgumentError(`n must be a non-negative safe integer`);
  return addressFromHex(n.toString(16), width);
}
