/**
 * Where committed key/value pairs live. Keys are composite strings made by `stateKey()`, so a backend
 * never needs to understand namespaces. The in-memory backend is the default; a persistent one
 * (LevelDB, SQLite, a file) implements the same four methods.
 */
export interface StateBackend {
  get(key: string): Uint8Array | undefined;
  set(key: string, value: Uint8Array): void;
  delete(key: string): void;
  entries(): Iterable<readonly [string, Uint8Array]>;
}

export class MemoryBackend implements StateBackend {
  readonly #map: Map<string, Uint8Array>;

  constructor(entries?: Iterable<readonly [string, Uint8Array]>) {
    this.#map = new Map();
    if (entries) for (const [k, v] of entries) this.#map.set(k, v.slice());
  }

  get size(): number {
    return this.#map.size;
  }

  get(key: string): Uint8Array | undefined {
    return this.#map.get(key);
  }

  set(key: string, value: Uint8Array): void {
    this.#map.set(key, value);
  }

  delete(key: string): void {
    this.#map.delete(key);
  }

  entries(): Iterable<readonly [string, Uint8Array]> {
    return this.#map.entries();
  }
}
