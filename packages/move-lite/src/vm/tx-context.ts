import { blake2b } from '@noble/hashes/blake2.js';
import { type BlockContext, DEFAULT_BLOCK, type Transaction } from '@polyvm/core';
import { Writer } from '../binary/cursor.js';
import { canonical } from './ints.js';
import type { RType, Value } from './value.js';

/**
 * What the transaction-context natives read (Sui `TransactionContext`, Aptos
 * `NativeTransactionContext`): fixed for the transaction apart from the count of fresh ids.
 */
export interface TransactionContext {
  readonly sender: Uint8Array;
  /** 32 bytes; the preimage of every id `fresh_id` derives. */
  readonly digest: Uint8Array;
  readonly epoch: bigint;
  readonly epochTimestampMs: bigint;
  readonly chainId: bigint;
  readonly referenceGasPrice: bigint;
  readonly gasPrice: bigint;
  readonly gasBudget: bigint;
  /** Sponsored transactions are not modelled: always absent. */
  readonly sponsor: Uint8Array | undefined;
  /** Ids `fresh_id` has handed out so far; 0 at the start of every transaction. */
  idsCreated: bigint;
}

/**
 * Reference gas price and gas price (MIST) of every transaction: polyvm blocks carry no gas price,
 * so this is a documented default (1,000 MIST, the reference price Sui test networks start with),
 * not a chain constant.
 */
export const DEFAULT_REFERENCE_GAS_PRICE = 1000n;

const utf8 = (s: unknown): Uint8Array => Buffer.from(typeof s === 'string' ? s : '');

/**
 * The transaction's digest. polyvm transactions are not Sui `TransactionData`, so this is
 * Blake2b-256 (Sui's digest hash) of a domain tag and the BCS of what identifies the transaction:
 * sender, nonce, gas limit, input and the payload's module, function, type arguments, arguments or
 * script. Two transactions differing in any of these get different digests, hence different ids.
 */
export function transactionDigest(tx: Transaction): Uint8Array {
  const p = (tx.payload ?? {}) as Record<string, unknown>;
  const w = new Writer().bytes(Buffer.from('polyvm::MoveTransaction::')).bytes(tx.sender);
  w.uintLe(tx.nonce, 8).uintLe(tx.gasLimit, 16).lenBytes(tx.input);
  w.lenBytes(utf8(p.module)).lenBytes(utf8(p.function));
  for (const list of [p.typeArgs, p.args]) {
    const items = Array.isArray(list) ? list : [];
    w.uleb128(items.length);
    for (const item of items) w.lenBytes(item instanceof Uint8Array ? item : utf8(item));
  }
  w.lenBytes(p.script instanceof Uint8Array ? p.script : new Uint8Array(0));
  return blake2b(w.finish(), { dkLen: 32 });
}

/**
 * The context of `tx` in `block`: epoch = block height and epoch start = block timestamp (polyvm
 * blocks have no epochs), gas price = reference gas price = `DEFAULT_REFERENCE_GAS_PRICE`, gas
 * budget = the transaction's gas limit, no sponsor.
 */
export function transactionContext(tx: Transaction, block: BlockContext = DEFAULT_BLOCK): TransactionContext {
  // The digest is a Blake2b hash that only Sui's id natives and TxContext arguments read: hashed on
  // first use, not on every transaction.
  let digest: Uint8Array | undefined;
  return {
    sender: tx.sender,
    get digest() {
      digest ??= transactionDigest(tx);
      return digest;
    },
    epoch: block.height,
    epochTimestampMs: block.timestamp * 1000n,
    chainId: block.chainId,
    referenceGasPrice: DEFAULT_REFERENCE_GAS_PRICE,
    gasPrice: DEFAULT_REFERENCE_GAS_PRICE,
    gasBudget: tx.gasLimit,
    sponsor: undefined,
    idsCreated: 0n,
  };
}

/**
 * The value of Sui's `0x2::tx_context::TxContext { sender, tx_hash, epoch, epoch_timestamp_ms,
 * ids_created }` for `context` when `type` is that struct, else undefined.
 */
export function suiTxContext(type: RType, context: TransactionContext): Value | undefined {
  if (
    type.k !== 'struct' ||
    type.s.moduleName !== 'tx_context' ||
    type.s.name !== 'TxContext' ||
    type.fields.length !== 5 ||
    type.s.address.length !== 32 ||
    !type.s.address.every((b, i) => b === (i === 31 ? 2 : 0))
  ) {
    return undefined;
  }
  return [
    context.sender,
    Array.from(context.digest),
    canonical(context.epoch),
    canonical(context.epochTimestampMs),
    canonical(context.idsCreated),
  ];
}
