import { assertBytes, equalBytes } from '../bytes.js';
import { StateError } from '../errors.js';
import { MemoryBackend, type StateBackend } from './backend.js';
import { ChangeTracker } from './change-tracker.js';
import { CommitmentTree } from './commitment-tree.js';
import { parseStateKey, stateKey } from './key.js';
import { PrefixIndex } from './prefix-index.js';

/** Access counters, the storage side of every benchmark row. */
export interface StateMetrics {
  reads: number;
  writes: number;
  deletes: number;
  bytesRead: number;
  bytesWritten: number;
  /** Distinct keys read or written since the last `resetMetrics()`. */
  keysTouched: number;
}

/** One key's value before and after a span of execution; `undefined` means absent. */
export interface StateChange {
  namespace: string;
  key: Uint8Array;
  before: Uint8Array | undefined;
  after: Uint8Array | undefined;
}

/** Counts the state accesses of one span (a transaction), including the distinct keys it touched. */
export interface MetricsScope {
  /** Closes the scope and returns its counts; later calls return the same numbers. */
  end(): StateMetrics;
}

interface OpenScope {
  start: StateMetrics;
  touched: Set<string>;
  result?: StateMetrics;
}

interface JournalEntry {
  namespace: string;
  key: string;
  previous: Uint8Array | undefined;
}

/**
 * Namespaced key/value state with nested checkpoints, in the style of revm's journal: writes go
 * straight to the backend and the previous value is journaled, so `revert()` undoes exactly the
 * writes made since the matching `checkpoint()` and `commit()` merges them into the parent.
 *
 * Stored values are copied on write and on read, so no caller can change state behind the journal.
 * Keys sharing a prefix are indexed on demand (`keysWithPrefix`); write through this class, not the
 * backend, once an index exists.
 */
export class JournaledState {
  readonly backend: StateBackend;
  readonly #journal: JournalEntry[] = [];
  readonly #marks: number[] = [];
  readonly #touched = new Set<string>();
  readonly #scopes: OpenScope[] = [];
  /** Monotonic counters; `metrics()` reports them relative to the last `resetMetrics()`. */
  readonly #metrics: StateMetrics = emptyMetrics();
  #baseline: StateMetrics = emptyMetrics();
  /** namespace → prefix length in bytes → index, built on first use and kept in step by every write. */
  readonly #indexes = new Map<string, Map<number, PrefixIndex>>();
  /** Stored buffer → the copy `get` handed out for it, reused while it still matches (see `get`). */
  readonly #copies = new WeakMap<Uint8Array, Uint8Array>();
  /** Told about every stored or removed key, so commitments update from the changed keys alone. */
  readonly #trackers: ChangeTracker[] = [];
  /** The `stateRoot()` tree and the tracker feeding it, created by the first call. */
  #commitment: { tree: CommitmentTree; changes: ChangeTracker } | undefined;

  constructor(backend: StateBackend = new MemoryBackend()) {
    this.backend = backend;
  }

  /** Number of open checkpoints. */
  get depth(): number {
    return this.#marks.length;
  }

  get(namespace: string, key: Uint8Array): Uint8Array | undefined {
    const composite = stateKey(namespace, key);
    const value = this.backend.get(composite);
    this.#metrics.reads++;
    if (value) this.#metrics.bytesRead += value.length;
    this.#touch(composite);
    return value === undefined ? undefined : this.#copyOf(value);
  }

  has(namespace: string, key: Uint8Array): boolean {
    return this.get(namespace, key) !== undefined;
  }

  set(namespace: string, key: Uint8Array, value: Uint8Array): void {
    assertBytes(value, 'value');
    const composite = stateKey(namespace, key);
    this.#record(namespace, composite);
    this.#store(namespace, composite, value.slice());
    this.#metrics.writes++;
    this.#metrics.bytesWritten += value.length;
    this.#touch(composite);
  }

  delete(namespace: string, key: Uint8Array): void {
    const composite = stateKey(namespace, key);
    this.#record(namespace, composite);
    this.#remove(namespace, composite);
    this.#metrics.deletes++;
    this.#touch(composite);
  }

  /** Opens a nested checkpoint and returns its depth (1 for the outermost). */
  checkpoint(): number {
    this.#marks.push(this.#journal.length);
    return this.#marks.length;
  }

  /** Keeps the writes since the innermost checkpoint; they can still be undone by an outer revert. */
  commit(): void {
    if (this.#marks.pop() === undefined) throw new StateError('commit() without an open checkpoint');
    if (this.#marks.length === 0) this.#journal.length = 0;
  }

  /** Undoes every write since the innermost checkpoint, newest first. */
  revert(): void {
    const mark = this.#marks.pop();
    if (mark === undefined) throw new StateError('revert() without an open checkpoint');
    for (let i = this.#journal.length - 1; i >= mark; i--) {
      const { namespace, key, previous } = this.#journal[i]!;
      if (previous === undefined) this.#remove(namespace, key);
      else this.#store(namespace, key, previous);
    }
    this.#journal.length = mark;
  }

  /**
   * The net changes made since the checkpoint at `depth` (default: the outermost open one),
   * sorted by key. A key written and then restored to its old value is not reported.
   */
  changesSince(depth = 1): StateChange[] {
    const mark = Number.isSafeInteger(depth) && depth >= 1 ? this.#marks[depth - 1] : undefined;
    if (mark === undefined)
      throw new StateError(`no open checkpoint at depth ${depth} (depth is ${this.depth})`);
    const before = new Map<string, Uint8Array | undefined>();
    for (let i = mark; i < this.#journal.length; i++) {
      const { key, previous } = this.#journal[i]!;
      if (!before.has(key)) before.set(key, previous);
    }
    const changes: StateChange[] = [];
    for (const composite of [...before.keys()].sort()) {
      const old = before.get(composite);
      const now = this.backend.get(composite);
      if (sameValue(old, now)) continue;
      const { namespace, key } = parseStateKey(composite);
      changes.push({ namespace, key, before: old, after: now });
    }
    return changes;
  }

  /**
   * Keys of `namespace` that start with `prefix`, sorted. The first call for a (namespace, prefix
   * length) pair builds an index in one unsorted pass over the backend; later calls cost the size of
   * the answer, whatever the size of the rest of the state.
   */
  keysWithPrefix(namespace: string, prefix: Uint8Array): Uint8Array[] {
    const head = stateKey(namespace, prefix);
    const composites = [...this.#index(namespace, prefix.length).keys(head)];
    return composites.sort().map((composite) => parseStateKey(composite).key);
  }

  /** Whether any key of `namespace` starts with `prefix`, in constant time once indexed. */
  hasKeyWithPrefix(namespace: string, prefix: Uint8Array): boolean {
    const head = stateKey(namespace, prefix);
    return this.#index(namespace, prefix.length).keys(head).size > 0;
  }

  /** Entries of one namespace (or all), sorted by key. Walks the whole state: not for transaction paths. */
  entries(namespace?: string): Array<{ namespace: string; key: Uint8Array; value: Uint8Array }> {
    const out: Array<{ composite: string; value: Uint8Array }> = [];
    const prefix = namespace === undefined ? undefined : `${namespace}:`;
    for (const [composite, value] of this.backend.entries()) {
      if (prefix === undefined || composite.startsWith(prefix)) out.push({ composite, value });
    }
    out.sort((a, b) => (a.composite < b.composite ? -1 : a.composite > b.composite ? 1 : 0));
    return out.map(({ composite, value }) => ({ ...parseStateKey(composite), value }));
  }

  /**
   * A 32-byte commitment to the whole content; equal content gives an equal root (`commitEntries`).
   * The first call builds the tree; later calls rehash only what changed since the previous one.
   */
  stateRoot(): Uint8Array {
    if (this.#commitment === undefined) {
      const changes = this.trackChanges();
      const tree = new CommitmentTree();
      tree.rebuild(this.backend.entries());
      this.#commitment = { tree, changes };
      return tree.root();
    }
    const { tree, changes } = this.#commitment;
    const changed = changes.take();
    if (changed === undefined) tree.rebuild(this.backend.entries());
    else if (changed.size > 0) tree.update(changed, (composite) => this.backend.get(composite));
    return tree.root();
  }

  /**
   * From now on, records every key of `namespaces` (default: all) whose value is stored or removed,
   * including by a revert, for a commitment kept up to date incrementally. The writes must go
   * through this class: changes made to the backend directly are not seen.
   */
  trackChanges(namespaces?: Iterable<string>): ChangeTracker {
    const tracker = new ChangeTracker(namespaces);
    this.#trackers.push(tracker);
    return tracker;
  }

  /** An independent copy of the current content (open checkpoints are not carried over). */
  fork(): JournaledState {
    return new JournaledState(new MemoryBackend(this.backend.entries()));
  }

  metrics(): StateMetrics {
    return { ...countsSince(this.#baseline, this.#metrics), keysTouched: this.#touched.size };
  }

  /**
   * Starts counting one span's accesses. Unlike `metrics()`, which accumulates over the life of the
   * state, a scope gives exactly what happened between `beginMetrics()` and `end()`.
   */
  beginMetrics(): MetricsScope {
    const scope: OpenScope = { start: { ...this.#metrics }, touched: new Set() };
    this.#scopes.push(scope);
    return {
      end: () => {
        if (scope.result) return scope.result;
        const index = this.#scopes.indexOf(scope);
        if (index >= 0) this.#scopes.splice(index, 1);
        scope.result = { ...countsSince(scope.start, this.#metrics), keysTouched: scope.touched.size };
        return scope.result;
      },
    };
  }

  resetMetrics(): void {
    this.#baseline = { ...this.#metrics };
    this.#touched.clear();
  }

  /**
   * A copy, so the stored buffer only changes through set/delete where the journal sees it. The same copy
   * is handed out again while its bytes still match, so callers that cache by buffer identity (compiled
   * contracts, verified modules) keep hitting; a caller that mutated it gets a fresh copy next time.
   */
  #copyOf(stored: Uint8Array): Uint8Array {
    const previous = this.#copies.get(stored);
    if (previous !== undefined && unchanged(previous, stored)) return previous;
    const copy = stored.slice();
    this.#copies.set(stored, copy);
    return copy;
  }

  #record(namespace: string, composite: string): void {
    // Outside any checkpoint there is nothing to revert to, so nothing is journaled.
    if (this.#marks.length > 0)
      this.#journal.push({ namespace, key: composite, previous: this.backend.get(composite) });
  }

  #store(namespace: string, composite: string, value: Uint8Array): void {
    this.backend.set(composite, value);
    for (const tracker of this.#trackers) tracker.changed(namespace, composite);
    const indexes = this.#indexes.get(namespace);
    if (indexes !== undefined) for (const index of indexes.values()) index.added(composite);
  }

  #remove(namespace: string, composite: string): void {
    this.backend.delete(composite);
    for (const tracker of this.#trackers) tracker.changed(namespace, composite);
    const indexes = this.#indexes.get(namespace);
    if (indexes !== undefined) for (const index of indexes.values()) index.removed(composite);
  }

  #index(namespace: string, length: number): PrefixIndex {
    let byLength = this.#indexes.get(namespace);
    let index = byLength?.get(length);
    if (index !== undefined) return index;
    index = new PrefixIndex(namespace, length);
    const head = `${namespace}:`;
    for (const [composite] of this.backend.entries()) if (composite.startsWith(head)) index.added(composite);
    if (byLength === undefined) this.#indexes.set(namespace, (byLength = new Map()));
    byLength.set(length, index);
    return index;
  }

  #touch(composite: string): void {
    this.#touched.add(composite);
    for (const scope of this.#scopes) scope.touched.add(composite);
  }
}

/** Byte equality of a copy with its (equally long, offset 0) original, four bytes at a time. */
function unchanged(copy: Uint8Array, stored: Uint8Array): boolean {
  const length = stored.length;
  if (copy.length !== length) return false;
  const words = length >>> 2;
  if (words > 8 && copy.byteOffset % 4 === 0 && stored.byteOffset % 4 === 0) {
    const a = new Uint32Array(copy.buffer, copy.byteOffset, words);
    const b = new Uint32Array(stored.buffer, stored.byteOffset, words);
    for (let i = 0; i < words; i++) if (a[i] !== b[i]) return false;
    for (let i = words * 4; i < length; i++) if (copy[i] !== stored[i]) return false;
    return true;
  }
  for (let i = 0; i < length; i++) if (copy[i] !== stored[i]) return false;
  return true;
}

function sameValue(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return a === undefined || b === undefined ? a === b : equalBytes(a, b);
}

function countsSince(start: StateMetrics, now: StateMetrics): Omit<StateMetrics, 'keysTouched'> {
  return {
    reads: now.reads - start.reads,
    writes: now.writes - start.writes,
    deletes: now.deletes - start.deletes,
    bytesRead: now.bytesRead - start.bytesRead,
    bytesWritten: now.bytesWritten - start.bytesWritten,
  };
}

function emptyMetrics(): StateMetrics {
  return { reads: 0, writes: 0, deletes: 0, bytesRead: 0, bytesWritten: 0, keysTouched: 0 };
}
