/** The targets `polyvm build`/`call` and the corpus harness know, by name. */
import { evmTarget } from '../evm/target.js';
import { evmSolcTarget } from './evm-target.js';
import { irTarget } from './ir-target.js';
import type { Target } from './target.js';

const targets = new Map<string, Target>([
  [irTarget.name, irTarget],
  [evmSolcTarget.name, evmSolcTarget],
  [evmTarget.name, evmTarget],
]);

/** Adds a back end (`evm`, `wasm`, `move`, `svm`) to the registry. */
export function registerTarget(target: Target): void {
  targets.set(target.name, target);
}

export function getTarget(name: string): Target | undefined {
  return targets.get(name);
}

export function availableTargets(): Target[] {
  return [...targets.values()];
}
