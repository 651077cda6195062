import { InvalidArgumentError, type LogicalResult, toHex } from '@polyvm/core';
import type { StepOutcome } from './session.js';
import type { Scenario, ScenarioVm } from './types.js';

/** The little-endian unsigned integer of `n` bytes at `offset`, as a decimal string. */
function le(bytes: Uint8Array, offset: number, n: number, what: string): string {
  if (bytes.length < offset + n)
    throw new InvalidArgumentError(`${what}: needs ${offset + n} bytes, has ${bytes.length}`);
  let v = 0n;
  for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[offset + i]!);
  return v.toString();
}

/** The big-endian 32-byte word `index`, as a decimal string. */
function word(bytes: Uint8Array, index: number, what: string): string {
  if (bytes.length < (index + 1) * 32)
    throw new InvalidArgumentError(`${what}: needs ${(index + 1) * 32} bytes, has ${bytes.length}`);
  let v = 0n;
  for (let i = index * 32; i < index * 32 + 32; i++) v = (v << 8n) | BigInt(bytes[i]!);
  return v.toString();
}

/**
 * One logical value from the measured step's outcome, by the scenario's reader (the schema lists
 * them): `return:word[i]`, `return:u64[i]`, `return:hex`, `return:hex[k:]`, `storage:<slot|key>`,
 * `attribute:<key>`, `attribute-hex:<key>`, `account:<name>:<offset>`, `view:<function> <args…>`.
 */
export function readValue(reader: string, outcome: StepOutcome, what: string): string {
  const colon = reader.indexOf(':');
  const kind = reader.slice(0, colon);
  const arg = reader.slice(colon + 1);
  const data = outcome.receipt.returnData;
  if (kind === 'return') {
    const indexed = /^(word|u64)\[(\d+)\]$/.exec(arg);
    if (indexed?.[1] === 'word') return word(data, Number(indexed[2]), what);
    if (indexed?.[1] === 'u64') return le(data, Number(indexed[2]) * 8, 8, what);
    const hex = /^hex(?:\[(\d+):\])?$/.exec(arg);
    if (hex) return toHex(data.subarray(Number(hex[1] ?? 0)));
  }
  if (kind === 'storage' && outcome.storage) return BigInt(outcome.storage(arg)).toString();
  if (kind === 'storage' && outcome.stored) {
    const value = outcome.stored(arg);
    return value === undefined ? 'missing' : le(value, 0, 8, what);
  }
  if (kind === 'attribute' || kind === 'attribute-hex') {
    const line = outcome.receipt.logs.find((l) => l.startsWith(`${arg}=`));
    if (line === undefined) return 'missing';
    return `${kind === 'attribute-hex' ? '0x' : ''}${line.slice(arg.length + 1)}`;
  }
  if (kind === 'account' && outcome.account) {
    const at = arg.lastIndexOf(':');
    return le(outcome.account(arg.slice(0, at)), Number(arg.slice(at + 1)), 8, what);
  }
  if (kind === 'view' && outcome.view) {
    const [fn, ...args] = arg.trim().split(/\s+/);
    return le(outcome.view(fn!, args), 0, 8, what);
  }
  throw new InvalidArgumentError(`${what}: reader "${reader}" does not apply here`);
}

/** The scenario's logical result on `vm`, read from the measured step's outcome. */
export function readResult(scenario: Scenario, vm: ScenarioVm, outcome: StepOutcome): LogicalResult {
  const result: LogicalResult = {};
  for (const [name, readers] of Object.entries(scenario.result ?? {})) {
    const reader = readers[vm];
    if (reader === undefined)
      throw new InvalidArgumentError(`${scenario.name}: result "${name}" has no ${vm} reader`);
    result[name] = readValue(reader, outcome, `${scenario.name} result ${name} on ${vm}`);
  }
  return result;
}
