import { G_TRANSACTION } from '../execute/gas-rules.js';

/** EIP-7623: a calldata token is a zero byte, a non-zero byte is 4 tokens. */
export const STANDARD_TOKEN_COST = 4; // EIP-7623 STANDARD_TOKEN_COST
/** EIP-7623: the floor price per calldata token. */
export const TOTAL_COST_FLOOR_PER_TOKEN = 10; // EIP-7623 TOTAL_COST_FLOOR_PER_TOKEN

/** EIP-7623 tokens_in_calldata = zero_bytes + 4 * nonzero_bytes. */
export function calldataTokens(input: Uint8Array): number {
  let tokens = 0;
  for (let i = 0; i < input.length; i++) tokens += input[i] === 0 ? 1 : STANDARD_TOKEN_COST;
  return tokens;
}

/**
 * EIP-7623 (Prague) floor on the gas a transaction uses: 21000 + 10 per calldata token. A transaction
 * is invalid when its gas limit is below it, and its gas used (after refunds) is never below it.
 */
export function calldataFloorGas(input: Uint8Array): number {
  return G_TRANSACTION + TOTAL_COST_FLOOR_PER_TOKEN * calldataTokens(input);
}
