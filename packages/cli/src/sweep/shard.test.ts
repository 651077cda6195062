import { describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error.js';
import { inShard, parseShard } from './shard.js';

describe('shards', () => {
  it('split the points round-robin into disjoint slices that cover them all', () => {
    const items = [1, 2, 3, 4, 5, 6, 7];
    const slices = [1, 2, 3].map((index) => inShard(items, { index, count: 3 }));
    expect(slices).toEqual([
      [1, 4, 7],
      [2, 5],
      [3, 6],
    ]);
  });

  it('parse i/n and reject the rest', () => {
    expect(parseShard('2/4', 'u')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/2', '3/2', '1/0', 'a/b', '1'])
      expect(() => parseShard(bad, 'u')).toThrow(UsageError);
  });
});
