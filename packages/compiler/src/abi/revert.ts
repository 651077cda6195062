/**
 * Revert data as the EVM returns it (docs/control-structures.rst): `Error(string)` = 0x08c379a0 ‖
 * abi(string), `Panic(uint256)` = 0x4e487b71 ‖ abi(code), a custom error = selector ‖ abi(args), and
 * `require(c)` / `revert()` = empty. Decoded into a target-neutral description for comparisons.
 */
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { concatBytes } from '@polyvm/core';
import type { IrError } from '../ir/contract.js';
import { STRING, UINT256 } from '../ir/types.js';
import { type AbiValue, decodeAbi, encodeAbi } from './codec.js';

export const ERROR_SELECTOR = '08c379a0';
export const PANIC_SELECTOR = '4e487b71';

export type DecodedRevert =
  | { readonly kind: 'empty' }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'panic'; readonly code: number }
  | { readonly kind: 'custom'; readonly name: string; readonly args: readonly AbiValue[] }
  /** Revert data that matches none of the above (kept as hex). */
  | { readonly kind: 'raw'; readonly data: string };

export function errorStringData(message: Uint8Array): Uint8Array {
  return concatBytes(hexToBytes(ERROR_SELECTOR), encodeAbi([STRING], [message]));
}

export function panicData(code: number): Uint8Array {
  return concatBytes(hexToBytes(PANIC_SELECTOR), encodeAbi([UINT256], [BigInt(code)]));
}

export function customErrorData(error: IrError, args: readonly AbiValue[]): Uint8Array {
  const types = error.params.map((p) => p.type);
  return concatBytes(hexToBytes(error.selector), encodeAbi(types, args));
}

export function decodeRevert(data: Uint8Array, errors: readonly IrError[]): DecodedRevert {
  if (data.length === 0) return { kind: 'empty' };
  const selector = bytesToHex(data.subarray(0, 4));
  const body = data.subarray(4);
  try {
    if (selector === ERROR_SELECTOR) {
      const [message] = decodeAbi([STRING], body);
      return { kind: 'error', message: new TextDecoder().decode(message as Uint8Array) };
    }
    if (selector === PANIC_SELECTOR) {
      const [code] = decodeAbi([UINT256], body);
      return { kind: 'panic', code: Number(code as bigint) };
    }
    const error = errors.find((e) => e.selector === selector);
    if (error !== undefined) {
      return {
        kind: 'custom',
        name: error.name,
        args: decodeAbi(
          error.params.map((p) => p.type),
          body,
        ),
      };
    }
  } catch {
    // Falls through to raw: malformed revert data is reported as it is.
  }
  return { kind: 'raw', data: bytesToHex(data) };
}
