import { APTOS_PROFILE } from './aptos.js';
import { COSMWASM_PROFILE } from './cosmwasm.js';
import { ETHEREUM_PROFILE } from './ethereum.js';
import { NEAR_PROFILE } from './near.js';
import type { ChainCostProfile } from './profile.js';
import { SOLANA_PROFILE } from './solana.js';

export const CHAIN_PROFILES: readonly ChainCostProfile[] = [
  ETHEREUM_PROFILE,
  SOLANA_PROFILE,
  NEAR_PROFILE,
  APTOS_PROFILE,
  COSMWASM_PROFILE,
];

/** The chain a polyvm runtime's receipts are priced on, or undefined when none is modelled. */
export function profileForRuntime(runtime: string): ChainCostProfile | undefined {
  return CHAIN_PROFILES.find((p) => p.runtimes.includes(runtime));
}
