/** Defaults sized so all 7 workloads on 4 runtimes finish well under a minute on 2 cores. */
export const COMPARE_DEFAULTS = { warmup: 2, samples: 7, baseline: 'evm', out: 'reports' } as const;
