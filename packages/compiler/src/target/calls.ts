/** Resolving a function by name and ABI-encoding a call, shared by every target that speaks the ABI. */
import { hexToBytes } from '@noble/hashes/utils.js';
import { concatBytes, InvalidArgumentError } from '@polyvm/core';
import { type AbiValue, decodeAbi, encodeAbi } from '../abi/codec.js';
import { decodeRevert } from '../abi/revert.js';
import { callableFunctions, constructorOf, type IrContract, type IrFunction } from '../ir/contract.js';
import { decodeLogs, type EvmShapedLog } from './events.js';
import { toAbiValue } from './js-values.js';
import type { CallResult, JsValue } from './target.js';

/** A public function by name, or by full signature when the name is overloaded. */
export function findCallable(contract: IrContract, nameOrSignature: string): IrFunction {
  const callable = callableFunctions(contract);
  const bySignature = callable.find((f) => f.signature === nameOrSignature);
  if (bySignature !== undefined) return bySignature;
  const byName = callable.filter((f) => f.name === nameOrSignature);
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) {
    throw new InvalidArgumentError(
      `${contract.name}.${nameOrSignature} is overloaded: use one of ${byName.map((f) => f.signature).join(', ')}`,
    );
  }
  throw new InvalidArgumentError(`${contract.name} has no public function ${nameOrSignature}`);
}

export function encodeArgs(fn: IrFunction, args: readonly JsValue[]): Uint8Array {
  if (args.length !== fn.params.length) {
    throw new InvalidArgumentError(
      `${fn.signature ?? fn.id} takes ${fn.params.length} arguments, got ${args.length}`,
    );
  }
  return encodeAbi(
    fn.params.map((p) => p.type),
    fn.params.map((p, i) => toAbiValue(p.type, args[i]!)),
  );
}

export function encodeCall(
  contract: IrContract,
  name: string,
  args: readonly JsValue[],
): { fn: IrFunction; calldata: Uint8Array } {
  const fn = findCallable(contract, name);
  return { fn, calldata: concatBytes(hexToBytes(fn.selector!), encodeArgs(fn, args)) };
}

export function encodeConstructorArgs(contract: IrContract, args: readonly JsValue[]): Uint8Array {
  return encodeArgs(constructorOf(contract), args);
}

/** A call's result from EVM-shaped output (status, return/revert data, logs). */
/** A result a back end could not read back (undecodable return data): a fault, never a success. */
export function faultResult(error: unknown, gas: number | null): CallResult {
  return { status: 'error', revert: null, returns: [], events: [], gas, message: (error as Error).message };
}

export function abiCallResult(
  contract: IrContract,
  fn: IrFunction | null,
  status: CallResult['status'],
  output: Uint8Array,
  logs: readonly EvmShapedLog[],
  gas: number | null,
  message?: string,
): CallResult {
  if (status === 'success') {
    let returns: AbiValue[] = [];
    try {
      if (fn !== null)
        returns = decodeAbi(
          fn.returns.map((r) => r.type),
          output,
        );
    } catch (error) {
      // Return data that does not decode as the declared types is a back-end fault, reported as such.
      return faultResult(error, gas);
    }
    return { status, revert: null, returns, events: decodeLogs(contract, logs), gas };
  }
  const revert = status === 'revert' ? decodeRevert(output, contract.errors) : null;
  return { status, revert, returns: [], events: [], gas, ...(message !== undefined ? { message } : {}) };
}
