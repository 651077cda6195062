/** The hard forks whose rules this EVM implements; `Cancun` is the default. */
export const FORKS = ['Cancun', 'Prague'] as const;
export type Fork = (typeof FORKS)[number];

export const DEFAULT_FORK: Fork = 'Cancun';

export function isFork(name: string): name is Fork {
  return (FORKS as readonly string[]).includes(name);
}

/** True when `fork` includes the rules introduced by `since`. */
export function forkAtLeast(fork: Fork, since: Fork): boolean {
  return FORKS.indexOf(fork) >= FORKS.indexOf(since);
}
