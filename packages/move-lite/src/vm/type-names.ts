import { toHex } from '@polyvm/core';
import type { RType } from './value.js';

/**
 * A type as Sui's `TypeTag::to_canonical_string(false)` writes it for `type_name::get`: addresses
 * full-length hex without `0x`, type arguments separated by "," (Aptos' `TypeTag` Display, short
 * addresses and ", ", is `formatType` in bcs.ts).
 */
export function canonicalTypeName(t: RType): string {
  if (t.k === 'vector') return `vector<${canonicalTypeName(t.e)}>`;
  if (t.k !== 'struct') return t.k;
  const args = t.args.length ? `<${t.args.map(canonicalTypeName).join(',')}>` : '';
  return `${toHex(t.s.address).slice(2)}::${t.s.moduleName}::${t.s.name}${args}`;
}
