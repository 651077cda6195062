import { InvalidArgumentError } from '@polyvm/core';

/**
 * NEAR account ids are strings (2–64 chars of `a-z 0-9 . _ -`, nearcore `AccountId` rules); polyvm
 * addresses are 32 bytes. The mapping:
 * - a named id of at most 32 characters is its ASCII bytes, right-padded with zero bytes (zero is
 *   not an account-id character, so the padding is unambiguous);
 * - an implicit account (64 hex characters, the hex of an ed25519 public key) is those 32 bytes.
 * Back from bytes: if the bytes read as a padded valid named id, that id; otherwise the 64-hex
 * implicit id. Named ids longer than 32 characters have no address.
 */
const ACCOUNT_ID = /^(([a-z\d]+[-_])*[a-z\d]+\.)*([a-z\d]+[-_])*[a-z\d]+$/;
const IMPLICIT = /^[0-9a-f]{64}$/;

export function isValidAccountId(id: string): boolean {
  return id.length >= 2 && id.length <= 64 && ACCOUNT_ID.test(id);
}

export function accountIdToAddress(id: string): Uint8Array {
  if (!isValidAccountId(id)) throw new InvalidArgumentError(`invalid NEAR account id "${id}"`);
  const out = new Uint8Array(32);
  if (IMPLICIT.test(id)) {
    for (let i = 0; i < 32; i++) out[i] = Number.parseInt(id.slice(i * 2, i * 2 + 2), 16);
    return out;
  }
  if (id.length > 32) {
    throw new InvalidArgumentError(
      `NEAR account id "${id}" is longer than 32 characters: no 32-byte address`,
    );
  }
  for (let i = 0; i < id.length; i++) out[i] = id.charCodeAt(i);
  return out;
}

export function addressToAccountId(address: Uint8Array): string {
  if (address.length !== 32)
    throw new InvalidArgumentError(`NEAR address must be 32 bytes, got ${address.length}`);
  let end = address.indexOf(0);
  if (end < 0) end = 32;
  const padded = address.subarray(end).every((b) => b === 0);
  if (end >= 2 && padded) {
    const id = String.fromCharCode(...address.subarray(0, end));
    if (isValidAccountId(id) && !IMPLICIT.test(id)) return id;
  }
  return Array.from(address, (b) => b.toString(16).padStart(2, '0')).join('');
}
