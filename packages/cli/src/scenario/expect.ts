import { InvalidArgumentError, toHex } from '@polyvm/core';
import type { StepOutcome } from './session.js';
import type { ScenarioVm, StepExpectation } from './types.js';

/** Integers compare by value (5, "5" and 5n agree); hex and other text compare case-insensitively. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value === 'number' || typeof value === 'bigint') return BigInt(value).toString();
  if (typeof value === 'string') return /^\d+$/.test(value) ? BigInt(value).toString() : value.toLowerCase();
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]));
  }
  return value;
}

const same = (a: unknown, b: unknown) => JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
const show = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));

/** The failed expectations of one step on one VM, each as a line; empty when all hold. */
export function checkExpectations(
  vm: ScenarioVm,
  outcome: StepOutcome,
  expect: StepExpectation = {},
): string[] {
  const failures: string[] = [];
  const status = expect.status ?? 'success';
  if (outcome.receipt.status !== status) {
    failures.push(
      `status: expected ${status}, got ${outcome.receipt.status}${outcome.reason ? ` (${outcome.reason})` : ''}`,
    );
  }
  if (expect.reason !== undefined && !(outcome.reason ?? '').includes(expect.reason)) {
    failures.push(
      `reason: expected to contain ${show(expect.reason)}, got ${show(outcome.reason ?? '(none)')}`,
    );
  }
  const wanted = expect.return?.[vm];
  if (wanted !== undefined && !same(wanted, outcome.returned)) {
    failures.push(`return: expected ${show(wanted)}, got ${show(outcome.returned)}`);
  }
  const events = expect.events?.[vm];
  if (events !== undefined && outcome.events.length !== events) {
    failures.push(`events: expected ${events}, got ${outcome.events.length}`);
  }
  if (vm === 'evm' && outcome.storage) {
    for (const [slot, value] of Object.entries(expect.storage ?? {})) {
      const got = outcome.storage(slot);
      if (BigInt(value) !== BigInt(got))
        failures.push(`storage slot ${slot}: expected ${show(value)}, got ${got}`);
    }
  }
  if (vm === 'svm' && outcome.account) {
    // "0x…" is the whole data; "64:0x…" the bytes at offset 64 (e.g. an SPL token account's amount).
    for (const [name, wanted] of Object.entries(expect.accounts ?? {})) {
      const [, offset, hex] = /^(?:(\d+):)?(0x[0-9a-fA-F]*)$/.exec(wanted) ?? [];
      if (hex === undefined) {
        throw new InvalidArgumentError(
          `expect.accounts.${name}: expected 0x-hex or <offset>:0x-hex, got "${wanted}"`,
        );
      }
      const data = outcome.account(name);
      const start = Number(offset ?? 0);
      const got = toHex(offset === undefined ? data : data.subarray(start, start + (hex.length - 2) / 2));
      if (got !== hex.toLowerCase()) {
        failures.push(`account ${name}${offset ? ` at ${offset}` : ''}: expected ${hex}, got ${got}`);
      }
    }
  }
  return failures;
}
