import { ValidationError } from '@polyvm/core';
import { NEAR_LIMITS } from '../gas/near.js';
import type { WasmModule } from '../module/types.js';
import { UNSUPPORTED_NEAR_IMPORTS } from './host.js';

/** The host functions NearHost implements (kept in sync with `NearHost.imports()` by a test). */
export const NEAR_HOST_FUNCTIONS: readonly string[] = [
  'read_register',
  'register_len',
  'write_register',
  'current_account_id',
  'signer_account_id',
  'predecessor_account_id',
  'input',
  'block_index',
  'block_height',
  'block_timestamp',
  'epoch_height',
  'storage_usage',
  'attached_deposit',
  'prepaid_gas',
  'used_gas',
  'random_seed',
  'sha256',
  'keccak256',
  'keccak512',
  'value_return',
  'panic',
  'panic_utf8',
  'log_utf8',
  'log_utf16',
  'abort',
  'storage_write',
  'storage_read',
  'storage_remove',
  'storage_has_key',
  'gas',
];

const KNOWN = new Set([...NEAR_HOST_FUNCTIONS, ...Object.keys(UNSUPPORTED_NEAR_IMPORTS)]);

/**
 * NEAR's link-time rules: a contract may import only functions, only from `env`, only names of the
 * host API; at most `max_locals_per_contract` locals in total and one table; and it must export its
 * memory so the host can exchange data.
 */
export function checkNearAbi(m: WasmModule): void {
  for (const imp of m.imports) {
    if (imp.module !== 'env' || imp.desc.kind !== 'func' || !KNOWN.has(imp.name)) {
      throw new ValidationError(
        `NEAR contracts may import only env host functions, found ${imp.module}.${imp.name} (${imp.desc.kind})`,
      );
    }
  }
  let locals = 0;
  for (const body of m.codes) locals += body.localCount;
  if (locals > NEAR_LIMITS.maxLocalsPerContract) {
    throw new ValidationError(
      `contract declares ${locals} locals, NEAR allows ${NEAR_LIMITS.maxLocalsPerContract}`,
    );
  }
  if (m.tables.length + m.importedTables > NEAR_LIMITS.maxTablesPerContract) {
    throw new ValidationError('NEAR contracts may have at most one table');
  }
  if (!m.exports.some((e) => e.kind === 'memory' && e.name === 'memory')) {
    throw new ValidationError('NEAR contracts must export their memory as "memory"');
  }
}

/** A NEAR method is an exported function of type [] -> []. */
export function checkNearMethod(m: WasmModule, method: string): string | undefined {
  const exp = m.exports.find((e) => e.name === method);
  if (exp?.kind !== 'func') return `contract has no method "${method}"`;
  const type = m.types[m.funcTypeIndex[exp.index]!]!;
  if (type.params.length > 0 || type.results.length > 0) return `method "${method}" must have type [] -> []`;
  return undefined;
}
