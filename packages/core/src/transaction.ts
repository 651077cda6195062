import { assertBytes, describe } from './bytes.js';
import { InvalidTransactionError } from './errors.js';

/**
 * The envelope every runtime accepts. `to` absent means "create/deploy". `payload` carries what
 * only one VM understands (an EVM access list, a Move type-argument list, Solana account metas…).
 */
export interface Transaction<Payload = unknown> {
  sender: Uint8Array;
  to?: Uint8Array;
  input: Uint8Array;
  value: bigint;
  gasLimit: bigint;
  nonce: bigint;
  payload?: Payload;
}

/** Fields of the block a transaction runs in; fixed inputs, so execution is deterministic. */
export interface BlockContext {
  height: bigint;
  /** Seconds since the Unix epoch, as the chain records it (never the host clock). */
  timestamp: bigint;
  chainId: bigint;
}

export const DEFAULT_BLOCK: Readonly<BlockContext> = Object.freeze({
  height: 1n,
  timestamp: 1_700_000_000n,
  chainId: 1n,
});

const U64_MAX = (1n << 64n) - 1n;

/** Checks the envelope's shape; runtime-specific rules (nonce, balance) are the runtime's. */
export function assertTransaction(tx: unknown, addressWidth: number): asserts tx is Transaction {
  if (typeof tx !== 'object' || tx === null) {
    throw new InvalidTransactionError(`transaction must be an object, got ${describe(tx)}`);
  }
  const t = tx as Partial<Transaction>;
  const fail = (message: string): never => {
    throw new InvalidTransactionError(`invalid transaction: ${message}`);
  };
  if (!(t.sender instanceof Uint8Array)) fail(`sender must be a Uint8Array, got ${describe(t.sender)}`);
  if (t.sender!.length !== addressWidth)
    fail(`sender must be ${addressWidth} bytes, got ${t.sender!.length}`);
  if (t.to !== undefined) {
    if (!(t.to instanceof Uint8Array)) fail(`to must be a Uint8Array, got ${describe(t.to)}`);
    if (t.to.length !== addressWidth) fail(`to must be ${addressWidth} bytes, got ${t.to.length}`);
  }
  try {
    assertBytes(t.input, 'input');
  } catch (cause) {
    throw new InvalidTransactionError(`invalid transaction: input must be a Uint8Array`, { cause });
  }
  for (const field of ['value', 'gasLimit', 'nonce'] as const) {
    const v = t[field];
    if (typeof v !== 'bigint') fail(`${field} must be a bigint, got ${describe(v)}`);
    if ((v as bigint) < 0n) fail(`${field} must be non-negative, got ${v}`);
  }
  if (t.nonce! > U64_MAX) fail(`nonce ${t.nonce} exceeds 2^64-1`);
}
