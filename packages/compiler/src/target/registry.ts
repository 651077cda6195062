/** The targets `polyvm build`/`call` and the corpus harness know, by name. */
import { evmTarget } from '../evm/target.js';
import { moveTarget } from '../move/target.js';
import { svmTarget } from '../svm/target.js';
import { cosmwasmTarget } from '../wasm/cosmwasm-target.js';
import { wasmTarget } from '../wasm/target.js';
import { evmSolcTarget } from './evm-target.js';
import { irTarget } from './ir-target.js';
import type { Target } from './target.js';

const targets = new Map<string, Target>([
  [irTarget.name, irTarget],
  [evmSolcTarget.name, evmSolcTarget],
  [evmTarget.name, evmTarget],
  [moveTarget.name, moveTarget],
  [wasmTarget.name, wasmTarget],
  [cosmwasmTarget.name, cosmwasmTarget],
]);

/**
 * Back ends that cover part of the subset so far: `polyvm build`/`call` use them where a contract
 * fits and name the construct that stops them elsewhere (a typed UnsupportedError). The corpus and
 * the fuzzer run `availableTargets()`, the complete ones; each partial back end runs the corpus with
 * counted skips in its own tests.
 */
const partialTargets = new Map<string, Target>([[svmTarget.name, svmTarget]]);

/** Adds a back end (`evm`, `wasm`, `move`, `svm`) to the registry. */
export function registerTarget(target: Target): void {
  targets.set(target.name, target);
}

export function getTarget(name: string): Target | undefined {
  return targets.get(name) ?? partialTargets.get(name);
}

export function isPartialTarget(name: string): boolean {
  return !targets.has(name) && partialTargets.has(name);
}

export function availableTargets(): Target[] {
  return [...targets.values()];
}
