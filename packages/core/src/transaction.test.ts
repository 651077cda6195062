import { describe, expect, it } from 'vitest';
import { InvalidTransactionError } from './errors.js';
import { assertTransaction, type Transaction } from './transaction.js';

const valid: Transaction = {
  sender: new Uint8Array(20),
  to: new Uint8Array(20),
  input: new Uint8Array(0),
  value: 0n,
  gasLimit: 21_000n,
  nonce: 0n,
};

describe('assertTransaction', () => {
  it('accepts a well-formed envelope, with or without a target', () => {
    expect(() => assertTransaction(valid, 20)).not.toThrow();
    expect(() => assertTransaction({ ...valid, to: undefined }, 20)).not.toThrow();
  });

  it.each([
    [{ ...valid, sender: new Uint8Array(32) }, /sender must be 20 bytes, got 32/],
    [{ ...valid, to: new Uint8Array(19) }, /to must be 20 bytes, got 19/],
    [{ ...valid, input: 'data' }, /input must be a Uint8Array/],
    [{ ...valid, value: 1 }, /value must be a bigint, got number 1/],
    [{ ...valid, gasLimit: -1n }, /gasLimit must be non-negative/],
    [{ ...valid, nonce: 1n << 64n }, /exceeds 2\^64-1/],
    [null, /must be an object, got null/],
  ])('rejects %#', (tx, message) => {
    expect(() => assertTransaction(tx, 20)).toThrow(InvalidTransactionError);
    expect(() => assertTransaction(tx, 20)).toThrow(message);
  });
});
