import { InvalidArgumentError, readInputFile, toHex } from '@polyvm/core';
import { type AbiValue, canonicalType, decodeTuple, formatAbiValue, selector, topicOf } from './abi.js';

/** One `error` or `event` entry of a Solidity ABI JSON, with its canonical signature. */
interface AbiItem {
  name: string;
  signature: string;
  inputs: { name: string; type: string; indexed: boolean }[];
}

/** The parts of a contract's ABI JSON the CLI decodes with: custom errors and events. */
export interface ContractAbi {
  errors: AbiItem[];
  events: AbiItem[];
}

export const EMPTY_ABI: ContractAbi = { errors: [], events: [] };

interface JsonAbiEntry {
  type?: string;
  name?: string;
  inputs?: { name?: string; type?: string; indexed?: boolean }[];
}

/**
 * Reads an ABI JSON array, or solc/hardhat/foundry output with an `abi` field. Entries with tuple
 * parameters are skipped for decoding (the codec does not support tuples).
 */
export function parseContractAbi(json: unknown, where: string): ContractAbi {
  const list = Array.isArray(json) ? json : (json as { abi?: unknown })?.abi;
  if (!Array.isArray(list))
    throw new InvalidArgumentError(`${where}: expected an ABI array or an object with "abi"`);
  const items = (kind: string): AbiItem[] =>
    (list as JsonAbiEntry[])
      .filter(
        (e) =>
          e.type === kind &&
          typeof e.name === 'string' &&
          !e.inputs?.some((i) => i.type?.startsWith('tuple')),
      )
      .map((e) => {
        const inputs = (e.inputs ?? []).map((i) => ({
          name: i.name ?? '',
          type: canonicalType(i.type ?? ''),
          indexed: i.indexed === true,
        }));
        return { name: e.name!, inputs, signature: `${e.name}(${inputs.map((i) => i.type).join(',')})` };
      });
  return { errors: items('error'), events: items('event') };
}

export function readContractAbi(path: string): ContractAbi {
  const text = new TextDecoder().decode(readInputFile(path, 'ABI file'));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InvalidArgumentError(`ABI file "${path}" is not JSON: ${(err as Error).message}`);
  }
  return parseContractAbi(json, `ABI file "${path}"`);
}

/** Solidity's panic codes ("Panic via assert and Error via require", Solidity docs, control structures). */
const PANIC_CODES: Readonly<Record<number, string>> = {
  0: 'generic compiler panic',
  1: 'assert failed',
  17: 'arithmetic overflow or underflow',
  18: 'division or modulo by zero',
  33: 'invalid enum value',
  34: 'invalid storage byte array encoding',
  49: 'pop on an empty array',
  50: 'array index out of bounds',
  65: 'out of memory',
  81: 'call to an uninitialized function',
};

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

function describeCall(item: AbiItem, values: readonly AbiValue[]): string {
  return `${item.name}(${values.map((v, i) => `${item.inputs[i]!.name ? `${item.inputs[i]!.name}=` : ''}${formatAbiValue(v)}`).join(', ')})`;
}

/**
 * Revert data as a reason: `Error(string)`, `Panic(uint256)` with its meaning, or a custom error
 * found by selector in `abi`. Undefined for empty data; a hex fallback for unknown selectors.
 */
export function decodeRevertReason(data: Uint8Array, abi: ContractAbi = EMPTY_ABI): string | undefined {
  if (data.length === 0) return undefined;
  if (data.length >= 4) {
    const head = data.subarray(0, 4);
    const body = data.subarray(4);
    try {
      if (same(head, selector('Error(string)')))
        return `Error(${formatAbiValue(decodeTuple(['string'], body)[0]!)})`;
      if (same(head, selector('Panic(uint256)'))) {
        const code = decodeTuple(['uint256'], body)[0] as bigint;
        const meaning = PANIC_CODES[Number(code)];
        return `Panic(0x${code.toString(16).padStart(2, '0')}${meaning ? `: ${meaning}` : ''})`;
      }
      const custom = abi.errors.find((e) => same(head, selector(e.signature)));
      if (custom)
        return describeCall(
          custom,
          decodeTuple(
            custom.inputs.map((i) => i.type),
            body,
          ),
        );
    } catch {
      // Data that does not decode under its selector is shown raw below.
    }
  }
  return `unknown revert data ${toHex(data)}`;
}

/** An EVM log as `Name(arg=value, …)` when its first topic matches an event of `abi`. */
export function decodeEvent(
  topics: readonly Uint8Array[],
  data: Uint8Array,
  abi: ContractAbi,
): string | undefined {
  const topic0 = topics[0];
  if (!topic0) return undefined;
  const event = abi.events.find((e) => same(topic0, topicOf(e.signature)));
  if (!event) return undefined;
  try {
    const plain = decodeTuple(
      event.inputs.filter((i) => !i.indexed).map((i) => i.type),
      data,
    );
    let topic = 1;
    let next = 0;
    const values = event.inputs.map((input) => {
      if (!input.indexed) return plain[next++]!;
      const word = topics[topic++];
      if (!word) throw new InvalidArgumentError('missing indexed topic');
      // Indexed dynamic values are stored as their keccak hash (ABI spec, "Events").
      return /^(string|bytes)$|\[\]$/.test(input.type) ? toHex(word) : decodeTuple([input.type], word)[0]!;
    });
    return describeCall(event, values);
  } catch {
    return undefined;
  }
}
