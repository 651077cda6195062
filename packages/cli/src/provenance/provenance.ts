import type { LoadedPrices } from '../cost/prices.js';
import { type GitState, gitState } from './git.js';
import { type MachineLoad, machineLoad } from './load.js';

/** What a reader needs to reproduce a report or judge it: when, from which code, on how busy a machine, with which prices. */
export interface Provenance {
  startedAt: string;
  finishedAt: string;
  git: GitState;
  loadBefore: MachineLoad;
  loadAfter: MachineLoad;
  prices: { origin: string; isDefault: boolean; asOf: string; currency: string; source: string };
}

/** Starts recording: call `finish` once the measurements are done. */
export function startProvenance(prices: LoadedPrices): { finish(): Provenance } {
  const loadBefore = machineLoad();
  const git = gitState();
  return {
    finish: () => {
      const loadAfter = machineLoad();
      return {
        startedAt: loadBefore.at,
        finishedAt: loadAfter.at,
        git,
        loadBefore,
        loadAfter,
        prices: {
          origin: prices.origin,
          isDefault: prices.isDefault,
          asOf: prices.prices.asOf,
          currency: prices.prices.currency,
          source: prices.prices.source,
        },
      };
    },
  };
}

/** Label/value rows for the Markdown and HTML reports. */
export function provenanceRows(p: Provenance): string[][] {
  const load = (l: MachineLoad) =>
    `${l.loadAverage.map((v) => v.toFixed(2)).join(' / ')} (1/5/15 min, ${l.cores} cores), ${(l.freeMemoryBytes / 2 ** 30).toFixed(1)} GiB free`;
  return [
    ['started', p.startedAt],
    ['finished', p.finishedAt],
    [
      'git commit',
      p.git.commit === null
        ? 'unknown (not a git checkout)'
        : `${p.git.commit}${p.git.dirty ? ' (dirty: uncommitted changes)' : p.git.dirty === false ? ' (clean)' : ''}`,
    ],
    ['load before', load(p.loadBefore)],
    ['load after', load(p.loadAfter)],
    [
      'prices',
      `${p.prices.isDefault ? 'bundled default' : p.prices.origin}, as of ${p.prices.asOf} (${p.prices.currency}): ${p.prices.source}`,
    ],
  ];
}
