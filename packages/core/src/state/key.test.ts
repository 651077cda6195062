import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import { seededRandom } from '../seeded-random.js';
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

  it('is `namespace:` and the lower-case hex of the key, for keys of any length', () => {
    const next = seededRandom(11);
    for (const length of [0, 1, 20, 52, 200, 1000]) {
      const key = Uint8Array.from({ length }, () => next(256));
      expect(stateKey('move/resource', key)).toBe(`move/resource:${bytesToHex(key)}`);
    }
  });

  it('keeps a stored key small: one flat string, not a rope of hex pairs (~1.4 KB each)', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    const count = 20_000;
    const key = new Uint8Array(52);
    const before = heap();
    const stored = new Map<string, number>();
    for (let i = 0; i < count; i++) {
      key[0] = i & 0xff;
      key[1] = i >> 8;
      stored.set(stateKey('evm/storage', key), i);
    }
    const perKey = (heap() - before) / stored.size;
    // A flat 116-character key and its map entry take ~200 bytes; the rope took ~1,500.
    expect(perKey).toBeLessThan(600);
  });
});
