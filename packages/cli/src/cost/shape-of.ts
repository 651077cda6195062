import type { Runtime } from '@polyvm/core';
import {
  ENVELOPE_BYTES_ESTIMATE,
  type Receipt,
  stateGrowth,
  type TransactionShape,
  transactionShape,
} from '@polyvm/core';

type Transaction = Parameters<Runtime['execute']>[1];

interface AccountMeta {
  pubkey?: Uint8Array;
  isSigner?: boolean;
  isWritable?: boolean;
}

/** Reads the fields the runtimes' payloads carry (NEAR method, Move args, Solana account metas). */
interface AnyPayload {
  method?: string;
  module?: string;
  function?: string;
  args?: Uint8Array[];
  accounts?: AccountMeta[];
  instructions?: Array<{ accounts?: AccountMeta[] }>;
}

const textBytes = (s: string | undefined) => (s === undefined ? 0 : new TextEncoder().encode(s).length);

/**
 * The cost model's view of an executed transaction. Payload fields are read by shape, so the CLI
 * does not depend on each runtime's payload type: NEAR's method name is priced per byte, Move's
 * arguments travel in the payload, Solana's signers and writable accounts come from account metas
 * (the fee payer is always one signer and one write lock).
 */
export function shapeOf(tx: Transaction, receipt: Receipt): TransactionShape {
  const payload = (tx.payload ?? {}) as AnyPayload;
  const argBytes = (payload.args ?? []).reduce((sum, a) => sum + a.length, 0);
  const metas = [
    ...(payload.accounts ?? []),
    ...(payload.instructions ?? []).flatMap((i) => i.accounts ?? []),
  ];
  const signers = new Set(metas.filter((m) => m.isSigner).map((m) => String(m.pubkey)));
  const writable = new Set(metas.filter((m) => m.isWritable).map((m) => String(m.pubkey)));
  const nameBytes = textBytes(payload.method) + textBytes(payload.module) + textBytes(payload.function);
  const input =
    argBytes === 0 ? tx.input : new Uint8Array([...tx.input, ...(payload.args ?? []).flatMap((a) => [...a])]);
  return transactionShape({
    input,
    signatures: Math.max(1, signers.size),
    writeLocks: Math.max(1, writable.size),
    methodNameBytes: textBytes(payload.method),
    transactionBytes: input.length + nameBytes + ENVELOPE_BYTES_ESTIMATE,
    ...stateGrowth(receipt.stateDiff),
  });
}
