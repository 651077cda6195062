import type { StateChange } from '../state/journaled-state.js';
import type { TransactionShape } from './profile.js';

export interface ShapeInput {
  input?: Uint8Array;
  signatures?: number;
  /** The signed transaction's size; when absent, the input plus a typical 200-byte envelope. */
  transactionBytes?: number;
  writeLocks?: number;
  methodNameBytes?: number;
  newEntries?: number;
  newStateBytes?: number;
}

/**
 * polyvm transactions are not serialized for any chain, so the envelope size is an estimate:
 * signature, sender, nonce, fee fields and payload framing come to ~200 bytes on every chain here.
 */
export const ENVELOPE_BYTES_ESTIMATE = 200;

/** A transaction shape with the defaults of a simple call: one signature, one write lock. */
export function transactionShape(fields: ShapeInput): TransactionShape {
  const input = fields.input ?? new Uint8Array(0);
  let nonZero = 0;
  for (const byte of input) if (byte !== 0) nonZero++;
  return {
    inputBytes: input.length,
    nonZeroInputBytes: nonZero,
    signatures: fields.signatures ?? 1,
    transactionBytes: fields.transactionBytes ?? input.length + ENVELOPE_BYTES_ESTIMATE,
    writeLocks: fields.writeLocks ?? 1,
    methodNameBytes: fields.methodNameBytes ?? 0,
    newEntries: fields.newEntries ?? 0,
    newStateBytes: fields.newStateBytes ?? 0,
  };
}

/**
 * New state in a receipt's diff: entries that did not exist (key + value bytes) plus the growth of
 * entries that got longer. Deletions and shrinking do not offset it: refunds are the chain's rule.
 */
export function stateGrowth(diff: readonly StateChange[]): { newEntries: number; newStateBytes: number } {
  let newEntries = 0;
  let newStateBytes = 0;
  for (const change of diff) {
    if (change.after === undefined) continue;
    if (change.before === undefined) {
      newEntries++;
      newStateBytes += change.key.length + change.after.length;
    } else if (change.after.length > change.before.length) {
      newStateBytes += change.after.length - change.before.length;
    }
  }
  return { newEntries, newStateBytes };
}
