import { cpus, freemem, loadavg, totalmem } from 'node:os';

/** How busy the machine was: a measurement taken on a loaded machine is slower and noisier. */
export interface MachineLoad {
  /** ISO date-time of the reading. */
  at: string;
  /** 1, 5 and 15 minute load averages (0 on Windows, where Node cannot read them). */
  loadAverage: [number, number, number];
  cores: number;
  freeMemoryBytes: number;
  totalMemoryBytes: number;
}

export function machineLoad(now: () => Date = () => new Date()): MachineLoad {
  const [one, five, fifteen] = loadavg();
  return {
    at: now().toISOString(),
    loadAverage: [one ?? 0, five ?? 0, fifteen ?? 0],
    cores: cpus().length,
    freeMemoryBytes: freemem(),
    totalMemoryBytes: totalmem(),
  };
}
