import { unsupported } from '../engine/unsupported.js';
import type { WasmModule } from '../module/types.js';

/**
 * The capabilities the polyvm CosmWasm profile offers. A contract declares what it needs with
 * `requires_<capability>` exports (cosmwasm-vm `static_analysis.rs`); wasmd refuses to store a
 * contract that needs a capability the chain lacks. Built-in capabilities are listed in CosmWasm's
 * `docs/CAPABILITIES-BUILT-IN.md`: `iterator` (range queries on storage), `staking`, `stargate`
 * (protobuf messages, IBC), and `cosmwasm_1_1` … `cosmwasm_2_2` (API versions of messages and
 * queries). polyvm offers the versioned APIs — a message or query it cannot serve still ends in a
 * typed UnsupportedError when the contract uses it — but not `iterator`, `staking`, `stargate`.
 */
export const COSMWASM_CAPABILITIES: ReadonlySet<string> = new Set([
  'cosmwasm_1_1',
  'cosmwasm_1_2',
  'cosmwasm_1_3',
  'cosmwasm_1_4',
  'cosmwasm_2_0',
  'cosmwasm_2_1',
  'cosmwasm_2_2',
]);

const REQUIRES = 'requires_';

/** The capabilities a contract's `requires_*` exports name, in export order. */
export function requiredCapabilities(m: WasmModule): string[] {
  return m.exports.filter((e) => e.name.startsWith(REQUIRES)).map((e) => e.name.slice(REQUIRES.length));
}

/**
 * Throws UnsupportedError (feature `cosmwasm:<capability>`) for the first required capability not in
 * `offered` (the profile's own by default).
 */
export function checkCapabilities(m: WasmModule, offered: ReadonlySet<string> = COSMWASM_CAPABILITIES): void {
  const missing = requiredCapabilities(m).filter((c) => !offered.has(c));
  if (missing.length === 0) return;
  throw unsupported(
    `cosmwasm:${missing[0]}`,
    `contract requires capabilit${missing.length === 1 ? 'y' : 'ies'} ${missing.join(', ')} that this runtime does not offer`,
    { capabilities: missing },
  );
}
