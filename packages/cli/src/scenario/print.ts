import { type CommandIO, receiptToJson } from '@polyvm/core';
import type { StepResult } from './run.js';

const show = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));

/** A step's result as text: outcome, decoded reason, gas, return value, events, changes, failures. */
export function printStep(io: CommandIO, r: StepResult): void {
  const { receipt } = r.outcome;
  const returned = receipt.returnData.length > 0 ? `, return ${show(r.outcome.returned)}` : '';
  const reason = r.outcome.reason && receipt.status !== 'success' ? ` (${r.outcome.reason})` : '';
  io.out(`[${r.vm}] ${r.step}: ${receipt.status}${reason}, gas ${receipt.gasUsed}${returned}`);
  for (const e of r.outcome.events) io.out(`    event  ${e}`);
  for (const c of r.outcome.changes) io.out(`    change ${c}`);
  for (const f of r.failures) io.out(`    FAILED ${f}`);
}

/** A step's result as JSON: the receipt plus the decoded return value, reason and events. */
export function stepJson(r: StepResult) {
  return {
    step: r.step,
    ...receiptToJson(r.outcome.receipt),
    returned: r.outcome.returned,
    reason: r.outcome.reason,
    decodedEvents: r.outcome.events,
    failures: r.failures,
  };
}

export const stringifyJson = (value: unknown): string =>
  JSON.stringify(value, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
