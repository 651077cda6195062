import type { JournaledState, Tracer, Transaction } from '@polyvm/core';
import { AnalysisCache } from '../decode/analysis.js';
import { CATEGORY_OF, STATIC_GAS } from '../decode/opcodes.js';
import { Evm } from '../execute/evm.js';
import { type MessageResult, splitGas } from '../execute/frame.js';
import {
  blobBaseFee,
  GAS_PER_BLOB,
  MAX_BLOBS_PER_BLOCK,
  MAX_INITCODE_SIZE,
  MAX_REFUND_QUOTIENT,
  VERSIONED_HASH_VERSION_KZG,
} from '../execute/gas-rules.js';
import { createAddress } from '../execute/system.js';
import { bytesToWord } from '../execute/u256.js';
import { DEFAULT_FORK, type Fork, forkAtLeast } from '../fork.js';
import {
  type BlockEnv,
  DEFAULT_BLOCK_GAS_LIMIT,
  type EvmBlockContext,
  type TxEnv,
  testBlockHash,
} from '../host/env.js';
import { type Log, slotId } from '../host/substate.js';
import { addressWord, World } from '../host/world.js';
import { precompileCount } from '../precompiles/index.js';
import { applyAuthorizations } from './authorization.js';
import { calldataFloorGas } from './calldata-floor.js';
import { delegatedAddress } from './delegation.js';
import { rejection, type TxException, type TxRejection } from './exception.js';
import { intrinsicGas } from './intrinsic.js';
import type { EvmTxPayload } from './types.js';

const MAX_NONCE = (1n << 64n) - 1n;
const MAX_UINT256 = (1n << 256n) - 1n;

/** The result of applying one transaction with Ethereum's rules. */
export interface TxOutcome {
  /** Set when the transaction is invalid: nothing was applied. */
  invalid?: string;
  /** Which rule made it invalid (set together with `invalid`). */
  exception?: TxException;
  result?: MessageResult;
  /** Gas used; exact up to 2^53 − 1 (the fee arithmetic behind it is exact for any 64-bit limit). */
  gasUsed: number;
  refund: number;
  logs: Log[];
  createdAddress?: bigint;
  instructions: number;
  /** Gas by category index of GAS_CATEGORIES. */
  breakdown: number[];
}

export interface ApplyOptions {
  block?: EvmBlockContext;
  tracer?: Tracer;
  analyses?: AnalysisCache;
  /** The fork whose rules apply; Cancun by default. */
  fork?: Fork;
}

const sharedAnalyses = new AnalysisCache();

export function blockEnv(block: EvmBlockContext | undefined, fork: Fork = DEFAULT_FORK): BlockEnv {
  return {
    fork,
    number: block?.height ?? 1n,
    timestamp: block?.timestamp ?? 1_700_000_000n,
    chainId: block?.chainId ?? 1n,
    coinbase: block?.coinbase ?? 0n,
    gasLimit: block?.gasLimit ?? DEFAULT_BLOCK_GAS_LIMIT,
    baseFee: block?.baseFee ?? 0n,
    prevRandao: block?.prevRandao ?? 0n,
    blobBaseFee: blobBaseFee(block?.excessBlobGas ?? 0n),
    blockHash: block?.blockHash ?? testBlockHash,
  };
}

interface Fees {
  /** Price per gas actually paid. */
  gasPrice: bigint;
  /** Upper bound per gas used for the balance check. */
  maxGasPrice: bigint;
  blobGas: bigint;
  maxBlobFee: bigint;
}

/** execution-specs `check_transaction` (Cancun): fee rules of EIP-1559 and EIP-4844. */
function checkFees(payload: EvmTxPayload, block: BlockEnv, isCreate: boolean): Fees | TxRejection {
  let gasPrice: bigint;
  let maxGasPrice: bigint;
  if (payload.maxFeePerGas !== undefined) {
    const maxFee = payload.maxFeePerGas;
    const priority = payload.maxPriorityFeePerGas ?? 0n;
    if (maxFee < priority)
      return rejection(
        'PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS',
        'max priority fee per gas exceeds max fee per gas',
      );
    if (maxFee < block.baseFee)
      return rejection(
        'INSUFFICIENT_MAX_FEE_PER_GAS',
        `max fee per gas ${maxFee} is below the base fee ${block.baseFee}`,
      );
    const tip = maxFee - block.baseFee < priority ? maxFee - block.baseFee : priority;
    gasPrice = block.baseFee + tip;
    maxGasPrice = maxFee;
  } else {
    gasPrice = payload.gasPrice ?? 0n;
    if (gasPrice < block.baseFee)
      return rejection(
        'INSUFFICIENT_MAX_FEE_PER_GAS',
        `gas price ${gasPrice} is below the base fee ${block.baseFee}`,
      );
    maxGasPrice = gasPrice;
  }
  const hashes = payload.blobVersionedHashes;
  let blobGas = 0n;
  let maxBlobFee = 0n;
  if (hashes !== undefined) {
    if (isCreate)
      return rejection('TYPE_3_TX_CONTRACT_CREATION', 'blob transactions cannot create contracts');
    if (hashes.length === 0) return rejection('TYPE_3_TX_ZERO_BLOBS', 'blob transaction without blobs');
    if (hashes.length > MAX_BLOBS_PER_BLOCK)
      return rejection('TYPE_3_TX_BLOB_COUNT_EXCEEDED', `too many blobs: ${hashes.length}`);
    for (const hash of hashes) {
      if (hash[0] !== VERSIONED_HASH_VERSION_KZG)
        return rejection(
          'TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH',
          'blob versioned hash has an unknown version',
        );
    }
    const maxFeePerBlobGas = payload.maxFeePerBlobGas ?? 0n;
    if (maxFeePerBlobGas < block.blobBaseFee)
      return rejection(
        'INSUFFICIENT_MAX_FEE_PER_BLOB_GAS',
        'max fee per blob gas is below the blob base fee',
      );
    blobGas = BigInt(GAS_PER_BLOB * hashes.length);
    maxBlobFee = blobGas * maxFeePerBlobGas;
  }
  return { gasPrice, maxGasPrice, blobGas, maxBlobFee };
}

/** EIP-7702 amends EIP-3607: from Prague a sender whose code is a delegation designator may send. */
function isDelegation(world: World, address: bigint, fork: Fork): boolean {
  return forkAtLeast(fork, 'Prague') && delegatedAddress(world.code(address)) !== undefined;
}

/**
 * Applies a transaction with Ethereum's rules (Yellow Paper §6, execution-specs Cancun
 * `process_transaction`): a valid transaction always pays for its gas and bumps the sender nonce,
 * even when its execution reverts. Invalid transactions change nothing.
 */
export function applyTransaction(
  state: JournaledState,
  tx: Transaction<EvmTxPayload>,
  options: ApplyOptions = {},
): TxOutcome {
  const block = blockEnv(options.block, options.fork);
  const payload = tx.payload ?? {};
  const world = new World(state);
  const sender = addressWord(tx.sender);
  const isCreate = tx.to === undefined;
  const accessList = payload.accessList ?? [];
  const none = { gasUsed: 0, refund: 0, logs: [], instructions: 0, breakdown: [0, 0, 0, 0, 0, 0] };
  const reject = ({ exception, message }: TxRejection): TxOutcome => ({
    ...none,
    invalid: message,
    exception,
  });
  // A value that does not fit a 256-bit word cannot be RLP-encoded in a valid transaction.
  if (tx.value > MAX_UINT256)
    return reject(rejection('RLP_INVALID_VALUE', `value ${tx.value} exceeds 2^256 - 1`));

  const authorizations = payload.authorizationList;
  const intrinsic = intrinsicGas(tx.input, isCreate, accessList, authorizations?.length ?? 0);
  // EIP-7623 (Prague): the calldata floor; zero (no floor) before Prague.
  const floor = forkAtLeast(block.fork, 'Prague') ? calldataFloorGas(tx.input) : 0;
  const gasLimit = tx.gasLimit;
  if (BigInt(intrinsic) > gasLimit)
    return reject(
      rejection('INTRINSIC_GAS_TOO_LOW', `intrinsic gas ${intrinsic} exceeds gas limit ${gasLimit}`),
    );
  if (BigInt(floor) > gasLimit)
    return reject(
      rejection(
        'INTRINSIC_GAS_BELOW_FLOOR_GAS_COST',
        `calldata floor gas ${floor} exceeds gas limit ${gasLimit} (EIP-7623)`,
      ),
    );
  if (gasLimit > block.gasLimit)
    return reject(rejection('GAS_ALLOWANCE_EXCEEDED', `gas limit ${gasLimit} exceeds the block gas limit`));
  if (isCreate && tx.input.length > MAX_INITCODE_SIZE) {
    return reject(
      rejection(
        'INITCODE_SIZE_EXCEEDED',
        `initcode size ${tx.input.length} exceeds ${MAX_INITCODE_SIZE} (EIP-3860)`,
      ),
    );
  }
  if (authorizations !== undefined) {
    // EIP-7702 set-code transactions: Prague only, never a create, never an empty list.
    if (!forkAtLeast(block.fork, 'Prague'))
      return reject(rejection('TYPE_4_TX_PRE_FORK', 'set-code transactions need Prague'));
    if (isCreate)
      return reject(
        rejection('TYPE_4_TX_CONTRACT_CREATION', 'set-code transactions cannot create contracts (EIP-7702)'),
      );
    if (authorizations.length === 0)
      return reject(rejection('TYPE_4_EMPTY_AUTHORIZATION_LIST', 'empty authorization list (EIP-7702)'));
  }
  const fees = checkFees(payload, block, isCreate);
  if ('exception' in fees) return reject(fees);
  const account = world.accountOrEmpty(sender);
  if (account.nonce !== tx.nonce) {
    const kind = tx.nonce < account.nonce ? 'NONCE_MISMATCH_TOO_LOW' : 'NONCE_MISMATCH_TOO_HIGH';
    return reject(rejection(kind, `nonce ${tx.nonce} does not match account nonce ${account.nonce}`));
  }
  if (account.nonce === MAX_NONCE)
    return reject(rejection('NONCE_IS_MAX', 'sender nonce is at its maximum (EIP-2681)'));
  if (world.hasCode(sender) && !isDelegation(world, sender, block.fork))
    return reject(rejection('SENDER_NOT_EOA', 'sender has code (EIP-3607)'));
  const maxCost = gasLimit * fees.maxGasPrice + tx.value + fees.maxBlobFee;
  if (account.balance < maxCost) {
    return reject(
      rejection('INSUFFICIENT_ACCOUNT_FUNDS', `insufficient balance: ${account.balance} < ${maxCost}`),
    );
  }

  const blobFee = fees.blobGas * block.blobBaseFee;
  account.nonce += 1n;
  account.balance -= gasLimit * fees.gasPrice + blobFee;
  world.putAccount(sender, account);

  const txEnv: TxEnv = {
    origin: sender,
    gasPrice: fees.gasPrice,
    blobHashes: (payload.blobVersionedHashes ?? []).map(bytesToWord),
  };
  const evm = new Evm(world, block, txEnv, options.analyses ?? sharedAnalyses, options.tracer);
  const warm = evm.substate;
  warm.add('warmAddresses', sender);
  warm.add('warmAddresses', block.coinbase); // EIP-3651
  for (let i = 1, n = precompileCount(block.fork); i <= n; i++) warm.add('warmAddresses', BigInt(i));
  for (const entry of accessList) {
    const address = addressWord(entry.address);
    warm.add('warmAddresses', address);
    for (const key of entry.storageKeys) warm.add('warmSlots', slotId(address, bytesToWord(key)));
  }

  if (authorizations !== undefined) applyAuthorizations(world, warm, authorizations, block.chainId);

  // Frames count gas in JS numbers; a limit above 2^53 − 1 keeps the excess in a bigint reserve.
  const gas = splitGas(gasLimit - BigInt(intrinsic));
  const target = isCreate ? createAddress(sender, tx.nonce) : addressWord(tx.to!);
  warm.add('warmAddresses', target);
  // EIP-7702: a delegated target runs its delegate's code (warmed, no precompiles).
  const delegate =
    isCreate || !forkAtLeast(block.fork, 'Prague') ? undefined : delegatedAddress(world.code(target));
  if (delegate !== undefined) warm.add('warmAddresses', delegate);
  let result: MessageResult;
  if (isCreate && world.collides(target)) {
    result = {
      success: false,
      reverted: false,
      gasLeft: 0,
      output: new Uint8Array(0),
      error: 'address collision',
    };
  } else {
    result = evm.run({
      kind: isCreate ? 'CREATE' : 'CALL',
      caller: sender,
      target,
      codeAddress: delegate ?? target,
      value: tx.value,
      transfer: true,
      input: tx.input,
      ...gas,
      isStatic: false,
      depth: 0,
      delegated: delegate !== undefined,
    });
  }

  // EIP-3529: refund at most a fifth of the gas used. Exact bigint arithmetic: gas limits go up to 2^64 − 1.
  const usedBeforeRefund = gasLimit - BigInt(result.gasLeft) - (result.gasReserve ?? 0n);
  const cap = usedBeforeRefund / BigInt(MAX_REFUND_QUOTIENT);
  const refund = warm.refund <= 0 ? 0n : BigInt(warm.refund) < cap ? BigInt(warm.refund) : cap;
  // EIP-7623: the floor applies after the refund.
  const afterRefund = usedBeforeRefund - refund;
  const exactGasUsed = afterRefund > BigInt(floor) ? afterRefund : BigInt(floor);
  world.setBalance(sender, world.balance(sender) + (gasLimit - exactGasUsed) * fees.gasPrice);
  const coinbaseFee = exactGasUsed * (fees.gasPrice - block.baseFee);
  const gasUsed = Number(exactGasUsed);
  world.setBalance(block.coinbase, world.balance(block.coinbase) + coinbaseFee);
  warm.touched.add(block.coinbase);

  for (const address of warm.selfDestructs) world.deleteAccount(address);
  for (const address of warm.touched) {
    const touched = world.getAccount(address);
    if (touched !== undefined && world.isEmpty(touched)) world.deleteAccount(address);
  }
  for (const [address, slot] of warm.transientSlots) world.setTransient(address, slot, 0n);

  const breakdown = gasBreakdown(evm, intrinsic, Number(refund), gasUsed);
  let instructions = 0;
  for (const count of evm.opCounts) instructions += count;
  return {
    result,
    gasUsed,
    refund: Number(refund),
    logs: result.success ? [...warm.logs] : [],
    ...(result.createdAddress !== undefined ? { createdAddress: result.createdAddress } : {}),
    instructions,
    breakdown,
  };
}

/**
 * Gas by category: each executed opcode's constant cost in its category, dynamic costs where they
 * were charged, refunds taken from storage, and the rest (intrinsic gas, gas burnt by exceptional
 * halts) under "other", so the parts add up to `gasUsed`.
 */
function gasBreakdown(evm: Evm, intrinsic: number, refund: number, gasUsed: number): number[] {
  const parts = Array.from(evm.dynamicGas);
  for (let op = 0; op < 256; op++) {
    const count = evm.opCounts[op]!;
    if (count > 0) parts[CATEGORY_OF[op]!]! += count * STATIC_GAS[op]!;
  }
  parts[2] = Math.max(0, parts[2]! - refund);
  parts[5]! += intrinsic;
  let sum = 0;
  for (const part of parts) sum += part;
  if (sum > gasUsed) {
    // Gas of reverted sub-calls that was returned to the caller is counted once too often: scale down.
    const scale = gasUsed / sum;
    for (let i = 0; i < parts.length; i++) parts[i] = Math.floor(parts[i]! * scale);
    sum = parts.reduce((a, b) => a + b, 0);
  }
  parts[5]! += gasUsed - sum;
  return parts;
}
