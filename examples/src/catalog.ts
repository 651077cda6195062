import { InvalidArgumentError, type WorkloadImplementation, type WorkloadSpec } from '@polyvm/core';

/**
 * Every workload spec together with every runtime's implementation of it, checked once so that
 * lookups can trust it: each implementation names a known workload and no (runtime, workload)
 * pair is implemented twice.
 */
export interface WorkloadCatalog {
  specs: readonly WorkloadSpec[];
  implementations: readonly WorkloadImplementation[];
}

/** Collects the per-runtime `workloads` arrays into one catalog. */
export function buildCatalog(
  specs: readonly WorkloadSpec[],
  ...perRuntime: ReadonlyArray<readonly WorkloadImplementation[]>
): WorkloadCatalog {
  const specNames = new Set<string>();
  for (const spec of specs) {
    if (specNames.has(spec.name))
      throw new InvalidArgumentError(`workload "${spec.name}" is specified twice`);
    specNames.add(spec.name);
  }
  const seen = new Set<string>();
  const implementations: WorkloadImplementation[] = [];
  for (const impl of perRuntime.flat()) {
    if (!specNames.has(impl.workload)) {
      throw new InvalidArgumentError(
        `${impl.runtime} implements unknown workload "${impl.workload}" (known: ${listNames(specs)})`,
        { details: { runtime: impl.runtime, workload: impl.workload } },
      );
    }
    const pair = `${impl.runtime}/${impl.workload}`;
    if (seen.has(pair)) throw new InvalidArgumentError(`workload ${pair} is implemented twice`);
    seen.add(pair);
    implementations.push(impl);
  }
  return { specs, implementations };
}

/** The spec called `name`; unknown names list the known ones. */
export function findSpec(catalog: WorkloadCatalog, name: string): WorkloadSpec {
  const spec = catalog.specs.find((s) => s.name === name);
  if (!spec) {
    throw new InvalidArgumentError(`unknown workload "${name}" (known: ${listNames(catalog.specs)})`, {
      details: { workload: name },
    });
  }
  return spec;
}

/** The implementation of `workload` on `runtime`, or undefined when that runtime lacks it. */
export function lookupImplementation(
  catalog: WorkloadCatalog,
  runtime: string,
  workload: string,
): WorkloadImplementation | undefined {
  return catalog.implementations.find((i) => i.runtime === runtime && i.workload === workload);
}

/**
 * The implementation of `workload` on `runtime`. The error says which name is wrong: an unknown
 * workload, a runtime with no workloads at all, or a runtime that lacks just this one.
 */
export function findImplementation(
  catalog: WorkloadCatalog,
  runtime: string,
  workload: string,
): WorkloadImplementation {
  findSpec(catalog, workload);
  const impl = lookupImplementation(catalog, runtime, workload);
  if (impl) return impl;
  const runtimes = catalogRuntimes(catalog);
  if (!runtimes.includes(runtime)) {
    throw new InvalidArgumentError(
      `no workloads for runtime "${runtime}" (runtimes with workloads: ${runtimes.join(', ') || 'none'})`,
      { details: { runtime } },
    );
  }
  const has = implementedWorkloads(catalog, runtime).join(', ');
  throw new InvalidArgumentError(`runtime "${runtime}" does not implement "${workload}" (it has: ${has})`, {
    details: { runtime, workload },
  });
}

/** Runtimes that implement at least one workload, in first-seen order. */
export function catalogRuntimes(catalog: WorkloadCatalog): string[] {
  return [...new Set(catalog.implementations.map((i) => i.runtime))];
}

/** Names of the workloads `runtime` implements, in spec order. */
export function implementedWorkloads(catalog: WorkloadCatalog, runtime: string): string[] {
  return catalog.specs
    .filter((s) => lookupImplementation(catalog, runtime, s.name) !== undefined)
    .map((s) => s.name);
}

function listNames(specs: readonly WorkloadSpec[]): string {
  return specs.map((s) => s.name).join(', ') || 'none';
}
