import { RegistryError } from './errors.js';
import type { Runtime, RuntimeFactory, RuntimeInfo } from './runtime.js';

const NAME = /^[a-z][a-z0-9-]{0,31}$/;

/** Finds runtimes by name for the CLI and the benchmark harness. */
export class RuntimeRegistry {
  readonly #factories = new Map<string, RuntimeFactory>();

  register(factory: RuntimeFactory): this {
    const name = factory?.info?.name;
    if (typeof name !== 'string' || !NAME.test(name)) {
      throw new RegistryError(`runtime name must match ${NAME}, got ${JSON.stringify(name)}`);
    }
    if (typeof factory.create !== 'function') throw new RegistryError(`runtime "${name}" has no create()`);
    if (this.#factories.has(name)) throw new RegistryError(`runtime "${name}" is already registered`);
    this.#factories.set(name, factory);
    return this;
  }

  has(name: string): boolean {
    return this.#factories.has(name);
  }

  /** A fresh runtime instance; unknown names list the known ones. */
  create(name: string): Runtime {
    const factory = this.#factories.get(name);
    if (!factory) {
      const known = [...this.#factories.keys()].join(', ') || 'none registered';
      throw new RegistryError(`unknown runtime "${name}" (known: ${known})`);
    }
    const runtime = factory.create();
    if (runtime.name !== name) {
      throw new RegistryError(`runtime factory "${name}" created a runtime named "${runtime.name}"`);
    }
    return runtime;
  }

  list(): RuntimeInfo[] {
    return [...this.#factories.values()].map((f) => f.info);
  }
}
