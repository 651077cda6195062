/** How a value travels in JSON (arguments, results, event data), as near-sdk's serde does it. */
import type { IrType } from '../ir/types.js';
import type { NativeInt } from './integers.js';

/** The NEAR implicit account id of a Solidity address: 64 hex digits of 12 zero bytes ‖ the address. */
export function accountIdOf(address: bigint): string {
  return address.toString(16).padStart(64, '0');
}

/** near-sdk's U64/I64 and serde_json: integers wider than 2^53 travel as decimal strings. */
export const JSON_SAFE_BITS = 53;

/** WAT writing the value `code` (one i64, or four limbs for a wide type) of type `t` as JSON at `$out`. */
export function writeJsonValue(t: NativeInt, code: string): string {
  if (t.bool) return `(call $w_bool ${code})`;
  if (t.address) return `(call $w_account ${code})`;
  if (t.fixedBytes !== undefined) {
    const limbs = t.wide ? code : `${code} (i64.const 0) (i64.const 0) (i64.const 0)`;
    return `(call $w_fixed_bytes ${limbs} (i32.const ${2 * t.fixedBytes}))`;
  }
  const writer = t.wide ? (t.signed ? '$w_i256' : '$w_u256') : t.signed ? '$w_i64' : '$w_u64';
  const digits = `(call ${writer} ${code})`;
  if (t.bits <= JSON_SAFE_BITS) return digits;
  const quote = '(call $w_byte (i32.const 34))';
  return `${quote} ${digits} ${quote}`;
}

/** A JSON number, string or bool back to the IR's bigint representation (addresses: hex account ids). */
export function fromJson(value: unknown, type: IrType): bigint {
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (type.kind === 'address' && typeof value === 'string' && /^[0-9a-f]{64}$/.test(value))
    return BigInt(`0x${value}`);
  if (typeof value === 'number' || typeof value === 'string') return BigInt(value);
  throw new Error(`expected a JSON number, string or bool, got ${JSON.stringify(value)}`);
}
