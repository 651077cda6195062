import { UsageError } from '../usage-error.js';

/** `--shard i/n`: this process runs every n-th point, starting with the i-th (1-based). */
export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string, usage: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = match ? Number(match[1]) : Number.NaN;
  const count = match ? Number(match[2]) : Number.NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard must be i/n with 1 <= i <= n, got "${text}"`, usage);
  }
  return { index, count };
}

/** The items of `shard`, round-robin so each shard gets a mix of small and large sizes. */
export function inShard<T>(items: readonly T[], shard: Shard | null): T[] {
  return shard === null ? [...items] : items.filter((_, i) => i % shard.count === shard.index - 1);
}
