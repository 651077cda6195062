import type { WorkloadImplementation, WorkloadSpec } from '@polyvm/core';
import { type CommandGroup, RegistryError, type RuntimeFactory, RuntimeRegistry } from '@polyvm/core';
import { buildCatalog, type WorkloadCatalog } from '@polyvm/examples';

/**
 * Everything the CLI acts on, injected: the runtimes, their command groups, the workloads. The
 * real wiring lives in `wiring.ts`; tests build contexts from small fake runtimes.
 */
export interface CliContext {
  /** The CLI's own version, for `--version` and the report header. */
  version: string;
  registry: RuntimeRegistry;
  groups: readonly CommandGroup[];
  catalog: WorkloadCatalog;
  /** Package name to version of every package taking part, for the report's environment header. */
  packages: Readonly<Record<string, string>>;
  /** Milliseconds for the benchmark harness; `performance.now` when absent. */
  clock?: () => number;
  /** What `compare` runs without `--runtimes`; every runtime with workloads when absent. */
  defaultRuntimes?: readonly string[];
}

export interface ContextParts {
  version: string;
  runtimes: readonly RuntimeFactory[];
  groups?: readonly CommandGroup[];
  specs: readonly WorkloadSpec[];
  implementations?: readonly WorkloadImplementation[];
  packages?: Readonly<Record<string, string>>;
  clock?: () => number;
  defaultRuntimes?: readonly string[];
}

/** The names the CLI itself answers to; a command group may not take one of them. */
export const BUILTIN_COMMANDS = [
  'help',
  'runtimes',
  'workloads',
  'gas',
  'compare',
  'trace',
  'run',
  'sweep',
  'merge',
  'build',
  'call',
] as const;

/**
 * Assembles and checks a context: runtime names are unique (the registry checks), command group
 * names are unique and do not shadow a built-in, and every implementation is for a registered
 * runtime and a known workload (the catalog checks the latter).
 */
export function createContext(parts: ContextParts): CliContext {
  const registry = new RuntimeRegistry();
  for (const factory of parts.runtimes) registry.register(factory);
  const groupNames = new Set<string>();
  for (const group of parts.groups ?? []) {
    if ((BUILTIN_COMMANDS as readonly string[]).includes(group.name)) {
      throw new RegistryError(`command group "${group.name}" would shadow the built-in command`);
    }
    if (groupNames.has(group.name))
      throw new RegistryError(`command group "${group.name}" is registered twice`);
    groupNames.add(group.name);
  }
  for (const name of parts.defaultRuntimes ?? []) {
    if (!registry.has(name)) throw new RegistryError(`default runtime "${name}" is not registered`);
  }
  for (const impl of parts.implementations ?? []) {
    if (!registry.has(impl.runtime)) {
      throw new RegistryError(`workload ${impl.runtime}/${impl.workload} is for an unregistered runtime`);
    }
  }
  return {
    version: parts.version,
    registry,
    groups: parts.groups ?? [],
    catalog: buildCatalog(parts.specs, parts.implementations ?? []),
    packages: parts.packages ?? {},
    ...(parts.clock ? { clock: parts.clock } : {}),
    ...(parts.defaultRuntimes ? { defaultRuntimes: parts.defaultRuntimes } : {}),
  };
}
