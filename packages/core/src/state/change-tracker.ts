/**
 * The composite keys whose stored value may have changed since the last `take()`: every write, delete
 * and revert-undo of the journaled state lands here, so a commitment can update from these keys alone
 * instead of walking the whole state. A key listed here may hold its old value again (written, then
 * reverted); consumers read the current value and compare.
 *
 * The set is bounded: past `MAX_TRACKED` distinct keys it is dropped and `take()` answers `undefined`
 * ("rebuild from scratch"), which is what that many changes cost anyway.
 */
export class ChangeTracker {
  readonly #namespaces: ReadonlySet<string> | undefined;
  #dirty = new Set<string>();
  #overflowed = false;

  /** Tracks the given namespaces, or all of them. */
  constructor(namespaces?: Iterable<string>) {
    this.#namespaces = namespaces === undefined ? undefined : new Set(namespaces);
  }

  /** Called by the journaled state after it stored or removed `composite`. */
  changed(namespace: string, composite: string): void {
    if (this.#overflowed || (this.#namespaces !== undefined && !this.#namespaces.has(namespace))) return;
    this.#dirty.add(composite);
    if (this.#dirty.size > MAX_TRACKED) {
      this.#overflowed = true;
      this.#dirty = new Set();
    }
  }

  /** The keys changed since the previous call, or `undefined` when too many changed to list. */
  take(): ReadonlySet<string> | undefined {
    const dirty = this.#overflowed ? undefined : this.#dirty;
    this.#dirty = new Set();
    this.#overflowed = false;
    return dirty;
  }
}

/** 2^16 keys: beyond this an incremental update costs about as much as a rebuild. */
const MAX_TRACKED = 1 << 16;
