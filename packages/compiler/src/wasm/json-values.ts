/** How a value travels in JSON (arguments, results, event data), as near-sdk's serde does it. */
import type { AbiValue } from '../abi/codec.js';
import type { IrType } from '../ir/types.js';
import { maxValue, minValue, type NativeInt, outOfRangeWide } from './integers.js';

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

/** How a profile's JSON spells addresses and member names. */
export interface JsonStyle {
  address(value: bigint): string;
  /** The address a JSON string names, or null when it is not one. */
  parseAddress(text: string): bigint | null;
  field(name: string): string;
}

/** NEAR: addresses as implicit account ids (64 hex digits), names as declared. */
export const NEAR_JSON: JsonStyle = {
  address: accountIdOf,
  parseAddress: (text) => (/^[0-9a-f]{64}$/.test(text) ? BigInt(`0x${text}`) : null),
  field: (name) => name,
};

/** An ABI value as near-sdk/cosmwasm JSON (wide integers and bytes as strings, structs as objects). */
export function toJson(type: IrType, value: AbiValue, style: JsonStyle = NEAR_JSON): unknown {
  switch (type.kind) {
    case 'string':
      return new TextDecoder().decode(value as Uint8Array);
    case 'bytes':
      return `0x${Buffer.from(value as Uint8Array).toString('hex')}`;
    case 'array':
      return (value as AbiValue[]).map((v) => toJson(type.element, v, style));
    case 'struct':
      return Object.fromEntries(
        type.fields.map((f, i) => [style.field(f.name), toJson(f.type, (value as AbiValue[])[i]!, style)]),
      );
    case 'address':
      return style.address(value as bigint);
    case 'fixedBytes':
      return `0x${(value as bigint).toString(16).padStart(2 * type.size, '0')}`;
    case 'bool':
      return value !== 0n;
    case 'uint':
    case 'int':
      return type.bits <= JSON_SAFE_BITS ? Number(value) : (value as bigint).toString();
    case 'mapping':
      throw new TypeError('a mapping has no JSON value');
  }
}

/** JSON back to the IR's values (addresses by the style, strings as UTF-8 bytes). */
export function fromJson(value: unknown, type: IrType, style: JsonStyle = NEAR_JSON): AbiValue {
  if (type.kind === 'string' && typeof value === 'string') return new TextEncoder().encode(value);
  if (type.kind === 'bytes' && typeof value === 'string' && /^0x([0-9a-f]{2})*$/.test(value))
    return Uint8Array.from(Buffer.from(value.slice(2), 'hex'));
  if (type.kind === 'array' && Array.isArray(value))
    return value.map((v) => fromJson(v, type.element, style));
  if (type.kind === 'struct' && typeof value === 'object' && value !== null) {
    return type.fields.map((f) =>
      fromJson((value as Record<string, unknown>)[style.field(f.name)], f.type, style),
    );
  }
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (type.kind === 'address' && typeof value === 'string') {
    const address = style.parseAddress(value);
    if (address !== null) return address;
  }
  if (typeof value === 'number' || typeof value === 'string') return BigInt(value);
  throw new Error(`expected JSON for ${type.kind}, got ${JSON.stringify(value)}`);
}

const LIMBS = [0, 1, 2, 3];
const W = LIMBS.map((k) => `(global.get $w${k})`);

/** Parses a wide argument at `at` into `$w` (range-checked; a bad value reverts with the profile's invalid-arguments reason). */
export function parseWide(t: NativeInt, at: string): string {
  const nonZero = `(i64.ne (i64.const 0) (i64.or (i64.or ${W[0]} ${W[1]}) (i64.or ${W[2]} ${W[3]})))`;
  if (t.address) return `(call $parse_account ${at})`;
  if (t.fixedBytes !== undefined) return `(call $parse_bytes ${at} (i32.const ${2 * t.fixedBytes}))`;
  if (!t.signed) {
    return `(call $parse_wide ${at})
      (if (i32.or (i32.and (global.get $neg) ${nonZero}) ${outOfRangeWide(t)}) (then (call $bad_args)))`;
  }
  // A negative magnitude may reach 2^255 (int256 min); a positive one must stay below it.
  const above255 = `(i32.and (i64.lt_s ${W[3]} (i64.const 0)) (i32.or (i64.ne ${W[3]} (i64.const 0x8000000000000000)) (i64.ne (i64.const 0) (i64.or ${W[0]} (i64.or ${W[1]} ${W[2]})))))`;
  return `(call $parse_wide ${at})
    (if (global.get $neg)
      (then
        (if ${above255} (then (call $bad_args)))
        (call $sub256 (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) ${W.join(' ')}))
      (else (if (i64.lt_s ${W[3]} (i64.const 0)) (then (call $bad_args)))))
    (if ${outOfRangeWide(t)} (then (call $bad_args)))`;
}

/**
 * WAT reading the JSON value at `at` (an i32 position) of type `t`: a ≤ 64-bit value is left on the
 * stack as an i64, a wide one in `$w` (range-checked; a bad value reverts with the profile's invalid-arguments reason).
 */
export function readJsonValue(t: NativeInt, at: string): string {
  if (t.wide) return parseWide(t, at);
  if (t.fixedBytes !== undefined) return `(block (result i64) ${parseWide(t, at)} ${W[0]})`;
  if (t.bool) return `(call $arg_bool ${at})`;
  if (t.signed) return `(call $arg_int ${at} (i64.const ${minValue(t)}) (i64.const ${maxValue(t)}))`;
  return `(call $arg_uint ${at} (i64.const ${maxValue(t)}))`;
}
