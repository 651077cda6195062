import type { WorkloadSpec } from '@polyvm/core';
import type { CliContext } from '../context.js';
import { UsageError } from '../usage-error.js';

/** A runtime name typed by the user, checked against the registry. */
export function requireRuntime(ctx: CliContext, name: string, usage: string): string {
  if (ctx.registry.has(name)) return name;
  const known = ctx.registry.list().map((i) => i.name);
  throw new UsageError(`unknown runtime "${name}" (known: ${known.join(', ') || 'none registered'})`, usage);
}

/** A workload name typed by the user, checked against the catalog. */
export function requireWorkload(ctx: CliContext, name: string, usage: string): WorkloadSpec {
  const spec = ctx.catalog.specs.find((s) => s.name === name);
  if (spec) return spec;
  const known = ctx.catalog.specs.map((s) => s.name);
  throw new UsageError(`unknown workload "${name}" (known: ${known.join(', ')})`, usage);
}
