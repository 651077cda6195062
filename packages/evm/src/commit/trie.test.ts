import { seededRandom, toHex, utf8ToBytes } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { EMPTY_TRIE_ROOT, trieRoot } from './mpt.js';
import { MerkleTrie } from './trie.js';

describe('MerkleTrie (updated in place)', () => {
  it('matches the doe/dog/dogglesworth example of the Ethereum wiki', () => {
    const trie = new MerkleTrie();
    trie.put(utf8ToBytes('doe'), utf8ToBytes('reindeer'));
    trie.put(utf8ToBytes('dog'), utf8ToBytes('puppy'));
    trie.put(utf8ToBytes('dogglesworth'), utf8ToBytes('cat'));
    expect(toHex(trie.root())).toBe('0x8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3');
    trie.delete(utf8ToBytes('doe'));
    trie.delete(utf8ToBytes('dog'));
    trie.delete(utf8ToBytes('dogglesworth'));
    expect(trie.root()).toEqual(EMPTY_TRIE_ROOT);
  });

  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`matches the one-shot trieRoot through random puts and deletes (seed ${seed})`, () => {
      const next = seededRandom(seed * 0x9e3779b1);
      const trie = new MerkleTrie();
      const content = new Map<string, [Uint8Array, Uint8Array]>();
      // Short keys over few byte values: keys that prefix others, shared paths, branch values.
      const key = () => Uint8Array.from({ length: next(4) }, () => [0x00, 0x01, 0x10, 0x11, 0xff][next(5)]!);
      for (let step = 0; step < 2000; step++) {
        const k = key();
        if (next(3) === 0) {
          trie.delete(k);
          content.delete(toHex(k));
        } else {
          // Values long and short: nodes under 32 bytes of RLP are embedded, longer ones hashed.
          const value = Uint8Array.from({ length: next(3) === 0 ? 40 : next(3) }, () => next(256));
          trie.put(k, value);
          if (value.length === 0) content.delete(toHex(k));
          else content.set(toHex(k), [k, value]);
        }
        if (step % 7 === 0) expect(toHex(trie.root())).toBe(toHex(trieRoot(content.values())));
      }
    });
  }
});
