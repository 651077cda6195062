import { keccak_256 } from '@noble/hashes/sha3.js';
import { JournaledState, toHex, utf8ToBytes } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { World } from '../host/world.js';
import { EMPTY_TRIE_ROOT, trieRoot } from './mpt.js';
import { decodeRlp, encodeRlp } from './rlp.js';
import { ethereumStateRoot, logsHash } from './state-root.js';

const text = utf8ToBytes;

describe('RLP (Yellow Paper Appendix B examples)', () => {
  it('encodes the documented examples', () => {
    expect(toHex(encodeRlp(text('dog')))).toBe('0x83646f67');
    expect(toHex(encodeRlp([text('cat'), text('dog')]))).toBe('0xc88363617483646f67');
    expect(toHex(encodeRlp(new Uint8Array(0)))).toBe('0x80');
    expect(toHex(encodeRlp([]))).toBe('0xc0');
    expect(toHex(encodeRlp(0n))).toBe('0x80');
    expect(toHex(encodeRlp(15n))).toBe('0x0f');
    expect(toHex(encodeRlp(1024n))).toBe('0x820400');
    expect(toHex(encodeRlp([[], [[]], [[], [[]]]]))).toBe('0xc7c0c1c0c3c0c1c0');
    const lorem = text('Lorem ipsum dolor sit amet, consectetur adipisicing elit');
    expect(toHex(encodeRlp(lorem)).slice(0, 6)).toBe('0xb838');
  });
  it('round-trips and rejects non-canonical input', () => {
    const value = [text('cat'), [text('dog'), new Uint8Array(60)]];
    expect(decodeRlp(encodeRlp(value))).toEqual(value);
    expect(() => decodeRlp(Uint8Array.of(0x81, 0x05))).toThrow(/single byte/);
    expect(() => decodeRlp(Uint8Array.of(0x83, 0x61))).toThrow(/past the end/);
  });
});

describe('Merkle Patricia Trie roots', () => {
  it('empty trie is keccak256(rlp(""))', () => {
    expect(toHex(EMPTY_TRIE_ROOT)).toBe('0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421');
  });
  it('matches the doe/dog/dogglesworth example of the Ethereum wiki', () => {
    const root = trieRoot([
      [text('doe'), text('reindeer')],
      [text('dog'), text('puppy')],
      [text('dogglesworth'), text('cat')],
    ]);
    expect(toHex(root)).toBe('0x8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3');
  });
  it('does not depend on insertion order', () => {
    const a = trieRoot([
      [text('a'), text('1')],
      [text('ab'), text('2')],
      [text('b'), text('3')],
    ]);
    const b = trieRoot([
      [text('b'), text('3')],
      [text('ab'), text('2')],
      [text('a'), text('1')],
    ]);
    expect(a).toEqual(b);
  });
});

describe('state root and logs hash', () => {
  it('an empty state has the empty trie root and no logs hash to keccak(rlp([]))', () => {
    expect(ethereumStateRoot(new JournaledState())).toEqual(EMPTY_TRIE_ROOT);
    expect(toHex(logsHash([]))).toBe('0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347');
  });
  it('changes with balances, code and storage', () => {
    const state = new JournaledState();
    const world = new World(state);
    world.setBalance(1n, 10n);
    const one = ethereumStateRoot(state);
    world.setStorage(1n, 0n, 5n);
    const two = ethereumStateRoot(state);
    world.setCode(1n, Uint8Array.of(0));
    const three = ethereumStateRoot(state);
    expect(new Set([one, two, three].map(toHex)).size).toBe(3);
    expect(toHex(keccak_256(new Uint8Array(0)))).toBe(toHex(world.codeHash(2n)));
  });
});
