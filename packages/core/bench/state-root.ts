/**
 * State-size sweep of `stateRoot()` (issue 18, "incremental commitments"): states of 0 to 10^5 keys,
 * root taken once, then the root after one small change, against the from-scratch `commitEntries`
 * over the same content in the same run. Two kinds of change:
 * - update: one existing key gets a new value (a counter or a balance), O(log n) node hashes;
 * - insert + delete: a new key appears and is removed again (two roots); each rehashes the branches
 *   on the key's path in the radix trie, O(log n) like an update.
 * Run with `pnpm bench:state-root`.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sha256 } from '@noble/hashes/sha2.js';
import { bench, do_not_optimize, group, run, summary } from 'mitata';
import { commitEntries, JournaledState } from '../src/index.js';

const SIZES = [0, 1_000, 10_000, 100_000];
const NAMESPACE = 'bench/storage';
const key = (i: number) => sha256(Uint8Array.of(i >>> 24, i >>> 16, i >>> 8, i));

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Memory in use after a full collection: the JS heap plus typed-array buffers (kept off the heap). */
function heap(): number {
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** The tree's own memory: heap growth from the first root of the largest state. */
let treeBytes = 0;

function sized(size: number) {
  const state = new JournaledState();
  for (let i = 0; i < size; i++) state.set(NAMESPACE, key(i), new Uint8Array(32).fill(7));
  const before = heap();
  state.stateRoot();
  treeBytes = heap() - before;
  let round = 0;
  // New keys cycle through eight positions so the insertion cost is an average, not one lucky spot.
  const fresh = Array.from({ length: 8 }, (_, i) => key(size + 1 + i));
  return {
    size,
    update: () => {
      round++;
      state.set(NAMESPACE, key(round % Math.max(size, 1)), Uint8Array.of(round & 0xff));
      return state.stateRoot();
    },
    insertDelete: () => {
      const k = fresh[round++ % fresh.length]!;
      state.set(NAMESPACE, k, Uint8Array.of(1));
      state.stateRoot();
      state.delete(NAMESPACE, k);
      return state.stateRoot();
    },
    scratch: () => commitEntries(state.backend.entries()),
  };
}

const states = SIZES.map(sized);

group('stateRoot after one update vs state size', () => {
  summary(() => {
    for (const s of states) bench(`update ${s.size} keys`, () => do_not_optimize(s.update()));
  });
});
group('stateRoot after insert, then after delete, vs state size', () => {
  summary(() => {
    for (const s of states) bench(`insert+delete ${s.size} keys`, () => do_not_optimize(s.insertDelete()));
  });
});
group('from-scratch commitEntries (the peer) vs state size', () => {
  summary(() => {
    for (const s of states) bench(`scratch ${s.size} keys`, () => do_not_optimize(s.scratch()));
  });
});

const { benchmarks } = await run();
const avg = (alias: string) => benchmarks.find((b) => b.alias === alias)?.runs[0]?.stats?.avg ?? Number.NaN;
const ms = (ns: number) => `${(ns / 1e6).toFixed(3)} ms`;

console.log(
  '\n| keys | root after update | root after insert (avg of insert+delete) | from scratch | scratch / update |',
);
console.log('|---|---|---|---|---|');
for (const { size } of states) {
  const update = avg(`update ${size} keys`);
  const insert = avg(`insert+delete ${size} keys`) / 2;
  const scratch = avg(`scratch ${size} keys`);
  console.log(
    `| ${size} | ${ms(update)} | ${ms(insert)} | ${ms(scratch)} | ${(scratch / update).toFixed(0)}× |`,
  );
}
const largest = SIZES[SIZES.length - 1]!;
console.log(
  `\ntree memory at ${largest} keys: ${(treeBytes / 2 ** 20).toFixed(1)} MiB (${(treeBytes / largest).toFixed(0)} bytes per key)`,
);
