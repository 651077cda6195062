import type { CliContext } from '../context.js';

/** What a report says about each compared runtime, so normalized costs can be traced to their source. */
export interface RuntimeSummary {
  name: string;
  version: string;
  description: string;
  schedule: string;
  unit: string;
  referenceOpCost: number;
  source: string;
}

export function summarizeRuntimes(ctx: CliContext, names: readonly string[]): RuntimeSummary[] {
  const infos = ctx.registry.list();
  return names.map((name) => {
    const info = infos.find((i) => i.name === name);
    const schedule = ctx.registry.create(name).gasSchedule;
    return {
      name,
      version: info?.version ?? '',
      description: info?.description ?? '',
      schedule: schedule.name,
      unit: schedule.unit,
      referenceOpCost: schedule.referenceOpCost,
      source: schedule.source,
    };
  });
}
