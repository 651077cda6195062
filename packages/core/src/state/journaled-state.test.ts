import { describe, expect, it } from 'vitest';
import { StateError } from '../errors.js';
import { MemoryBackend } from './backend.js';
import { JournaledState } from './journaled-state.js';

const k = (n: number) => Uint8Array.of(n);
const v = (...bytes: number[]) => Uint8Array.from(bytes);

function snapshot(state: JournaledState) {
  return state.entries().map((e) => `${e.namespace}:${e.key.join('.')}=${e.value.join('.')}`);
}

describe('JournaledState', () => {
  it('reads back what was written, per namespace', () => {
    const s = new JournaledState();
    s.set('a', k(1), v(10));
    s.set('b', k(1), v(20));
    expect(s.get('a', k(1))).toEqual(v(10));
    expect(s.get('b', k(1))).toEqual(v(20));
    expect(s.get('a', k(2))).toBeUndefined();
    expect(s.has('b', k(1))).toBe(true);
  });

  it('copies values on write so callers cannot mutate stored state', () => {
    const s = new JournaledState();
    const value = v(1, 2, 3);
    s.set('a', k(1), value);
    value[0] = 99;
    expect(s.get('a', k(1))).toEqual(v(1, 2, 3));
  });

  it('copies values on read so a caller mutating the result changes nothing behind the journal', () => {
    const s = new JournaledState();
    s.set('a', k(1), v(1, 2, 3));
    const root = s.stateRoot();
    s.get('a', k(1))![0] = 99;
    expect(s.get('a', k(1))).toEqual(v(1, 2, 3));
    expect(s.stateRoot()).toEqual(root);
    s.checkpoint();
    s.get('a', k(1))!.fill(0);
    s.revert();
    expect(s.get('a', k(1))).toEqual(v(1, 2, 3));
  });

  it('hands out the same copy while it is untouched, so identity-keyed caches keep hitting', () => {
    const s = new JournaledState();
    s.set('a', k(1), v(1, 2, 3));
    const first = s.get('a', k(1))!;
    expect(s.get('a', k(1))).toBe(first);
    first[1] = 7;
    const second = s.get('a', k(1))!;
    expect(second).not.toBe(first);
    expect(second).toEqual(v(1, 2, 3));
    s.set('a', k(1), v(1, 2, 3));
    expect(s.get('a', k(1))).not.toBe(second); // a new write is a new value
  });

  it('revert restores exactly the state at the checkpoint, through nested levels', () => {
    const s = new JournaledState();
    s.set('a', k(1), v(1));
    s.set('a', k(2), v(2));
    const before = snapshot(s);
    const rootBefore = s.stateRoot();

    s.checkpoint();
    s.set('a', k(1), v(11));
    s.delete('a', k(2));
    s.set('a', k(3), v(3));
    s.checkpoint();
    s.set('a', k(1), v(111));
    s.set('a', k(4), v(4));
    s.commit(); // inner writes merge into the outer checkpoint
    s.checkpoint();
    s.set('a', k(5), v(5));
    s.revert(); // only k5 undone
    expect(s.get('a', k(5))).toBeUndefined();
    expect(s.get('a', k(1))).toEqual(v(111));
    s.revert(); // everything undone

    expect(snapshot(s)).toEqual(before);
    expect(s.stateRoot()).toEqual(rootBefore);
    expect(s.depth).toBe(0);
  });

  it('a committed inner checkpoint is still undone by an outer revert', () => {
    const s = new JournaledState();
    s.checkpoint();
    s.checkpoint();
    s.set('a', k(1), v(1));
    s.commit();
    s.revert();
    expect(s.get('a', k(1))).toBeUndefined();
  });

  it('reports the net diff since a checkpoint, skipping keys restored to their old value', () => {
    const s = new JournaledState();
    s.set('a', k(1), v(1));
    s.set('a', k(2), v(2));
    s.checkpoint();
    s.set('a', k(1), v(9));
    s.set('a', k(2), v(7));
    s.set('a', k(2), v(2)); // back to the old value
    s.set('a', k(3), v(3));
    s.delete('a', k(3)); // created then deleted
    s.delete('a', k(1));
    const diff = s.changesSince();
    expect(diff).toEqual([{ namespace: 'a', key: k(1), before: v(1), after: undefined }]);
    s.commit();
  });

  it('throws typed errors for unbalanced commit/revert and bad arguments', () => {
    const s = new JournaledState();
    expect(() => s.commit()).toThrow(StateError);
    expect(() => s.revert()).toThrow(/without an open checkpoint/);
    expect(() => s.changesSince()).toThrow(StateError);
    expect(() => s.set('Bad Namespace', k(1), v(1))).toThrow(/namespace must match/);
    expect(() => s.set('a', 'key' as unknown as Uint8Array, v(1))).toThrow(/key must be a Uint8Array/);
    expect(() => s.set('a', k(1), [1] as unknown as Uint8Array)).toThrow(/value must be a Uint8Array/);
  });

  it('counts reads, writes, bytes and distinct keys', () => {
    const s = new JournaledState();
    s.set('a', k(1), v(1, 2, 3));
    s.get('a', k(1));
    s.get('a', k(1));
    s.get('a', k(2));
    s.delete('a', k(1));
    expect(s.metrics()).toEqual({
      reads: 3,
      writes: 1,
      deletes: 1,
      bytesRead: 6,
      bytesWritten: 3,
      keysTouched: 2,
    });
    s.resetMetrics();
    expect(s.metrics().keysTouched).toBe(0);
  });

  it('fork() copies content but not the journal', () => {
    const s = new JournaledState();
    s.set('a', k(1), v(1));
    s.checkpoint();
    s.set('a', k(2), v(2));
    const f = s.fork();
    s.revert();
    expect(f.get('a', k(2))).toEqual(v(2));
    expect(s.get('a', k(2))).toBeUndefined();
    expect(f.depth).toBe(0);
  });

  it('works over any backend', () => {
    const backend = new MemoryBackend();
    const s = new JournaledState(backend);
    s.set('x', k(7), v(7));
    expect(backend.size).toBe(1);
    expect(new JournaledState(backend).get('x', k(7))).toEqual(v(7));
  });
});

describe('JournaledState metrics scopes', () => {
  it('count exactly the accesses between begin and end, including distinct keys', () => {
    const s = new JournaledState();
    s.set('a', k(1), v(1));
    s.get('a', k(1));
    const scope = s.beginMetrics();
    s.get('a', k(1)); // touched before the scope too: still counts as touched in it
    s.set('a', k(2), v(2, 2));
    s.set('a', k(2), v(2, 2, 2));
    s.resetMetrics(); // resetting the global counters does not disturb an open scope
    s.delete('a', k(3));
    const counts = scope.end();
    expect(counts).toEqual({
      reads: 1,
      writes: 2,
      deletes: 1,
      bytesRead: 1,
      bytesWritten: 5,
      keysTouched: 3,
    });
    s.get('a', k(1));
    expect(scope.end()).toBe(counts);
    expect(s.metrics()).toEqual({
      reads: 1,
      writes: 0,
      deletes: 1,
      bytesRead: 1,
      bytesWritten: 0,
      keysTouched: 2,
    });
  });
});
