import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import { parseStateKey, stateKey } from './key.js';

describe('state keys', () => {
  it('round-trip namespace and key', () => {
    const composite = stateKey('evm/storage', Uint8Array.of(0xab, 1));
    expect(composite).toBe('evm/storage:ab01');
    expect(parseStateKey(composite)).toEqual({ namespace: 'evm/storage', key: Uint8Array.of(0xab, 1) });
  });

  it('rejects malformed composite keys with a typed error', () => {
    for (const bad of ['nocolon', 'ns:abc', 'ns:zz', 42]) {
      expect(() => parseStateKey(bad as string)).toThrow(InvalidArgumentError);
    }
  });
});
