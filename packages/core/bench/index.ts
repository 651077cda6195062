/**
 * Throughput of the state journal, the path every storage opcode of every runtime goes through.
 * Run with `pnpm bench`.
 */
import { bench, group, run } from 'mitata';
import { JournaledState } from '../src/index.js';

const NAMESPACE = 'bench/storage';
const keys = Array.from({ length: 1024 }, (_, i) => Uint8Array.of(i >> 8, i & 0xff, 0, 0, 0, 0, 0, 0));
const value = new Uint8Array(32).fill(7);

group('JournaledState (1024 keys)', () => {
  bench('set, outside a checkpoint', () => {
    const s = new JournaledState();
    for (const k of keys) s.set(NAMESPACE, k, value);
  });

  bench('set + get inside a checkpoint, then revert', () => {
    const s = new JournaledState();
    s.checkpoint();
    for (const k of keys) {
      s.set(NAMESPACE, k, value);
      s.get(NAMESPACE, k);
    }
    s.revert();
  });

  const filled = new JournaledState();
  for (const k of keys) filled.set(NAMESPACE, k, value);
  bench('get, every key present', () => {
    for (const k of keys) filled.get(NAMESPACE, k);
  });
  bench('stateRoot', () => filled.stateRoot());
});

await run();
