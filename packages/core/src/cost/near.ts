import { mulDecimalCeil } from './decimal.js';
import type { ChainCostProfile, GasPart, TransactionShape } from './profile.js';
import { sourced } from './sourced.js';

const READ = '2026-12-07';
const SNAP = 'nearcore core/parameters/res/runtime_configs/parameters.snap @00fc950';

/**
 * NEAR protocol fees for a function-call transaction to another account (`send_not_sir`: signer is
 * not the receiver, as for every polyvm call). Gas is burnt in two steps: the send fees when the
 * transaction becomes a receipt, the execution fees when the receipt runs.
 */
export const NEAR_CONSTANTS = {
  actionReceiptCreationSend: sourced(108_059_500_000, `${SNAP} action_receipt_creation.send_not_sir`, READ),
  actionReceiptCreationExec: sourced(108_059_500_000, `${SNAP} action_receipt_creation.execution`, READ),
  functionCallSend: sourced(200_000_000_000, `${SNAP} action_function_call.send_not_sir`, READ),
  functionCallExec: sourced(780_000_000_000, `${SNAP} action_function_call.execution`, READ),
  functionCallPerByteSend: sourced(47_683_715, `${SNAP} action_function_call_per_byte.send_not_sir`, READ),
  functionCallPerByteExec: sourced(2_235_934, `${SNAP} action_function_call_per_byte.execution`, READ),
  // Storage staking: balance locked per byte of account storage, released when the data is deleted.
  storageAmountPerByte: sourced(1e19, `${SNAP} storage_amount_per_byte (10^19 yoctoNEAR = 10^-5 NEAR)`, READ),
  storageExtraBytesPerRecord: sourced(40, `${SNAP} storage_num_extra_bytes_record`, READ),
  maxTotalPrepaidGas: sourced(1e15, `${SNAP} max_total_prepaid_gas (1 Pgas, since protocol 83)`, READ),
  chunkGasLimit: sourced(
    1e15,
    'nearcore genesis gas_limit per chunk (1 Pgas)',
    READ,
    'the mainnet genesis value was not found in the search corpus; 1 Pgas is the documented chunk limit',
  ),
} as const;

const C = NEAR_CONSTANTS;

function intrinsicGas(tx: TransactionShape): GasPart[] {
  const bytes = tx.inputBytes + tx.methodNameBytes;
  return [
    {
      name: 'action receipt creation (send + exec)',
      gas: C.actionReceiptCreationSend.value + C.actionReceiptCreationExec.value,
    },
    { name: 'function call action (send + exec)', gas: C.functionCallSend.value + C.functionCallExec.value },
    {
      name: 'function call per byte of method name + args (send + exec)',
      gas: bytes * (C.functionCallPerByteSend.value + C.functionCallPerByteExec.value),
    },
  ];
}

/** Bytes NEAR's storage usage counts for new records: key + value + 40 per record. */
export function nearStorageBytes(tx: TransactionShape): number {
  return tx.newStateBytes + tx.newEntries * C.storageExtraBytesPerRecord.value;
}

export const NEAR_PROFILE: ChainCostProfile = {
  id: 'near',
  title: 'NEAR',
  runtimes: ['wasm'],
  feeUnit: 'gas',
  token: { symbol: 'NEAR', decimals: 24, smallestUnit: 'yoctoNEAR' },
  constants: C,
  toFeeUnits: (gas) => gas,
  // packages/wasm's NEAR profile charges the receipt-creation and function-call action fees itself,
  // before the contract runs, in the receipt's 'call' category (packages/wasm/src/near/fees.ts
  // chargeFees): the model must not count them twice, and a sweep subtracts them as a fixed cost.
  receiptIntrinsic: 'call',
  intrinsicGas,
  stateGrowthGas: () => null,
  // Burnt gas × gas price; unused prepaid gas is refunded. 30% of the execution gas goes to the contract.
  fee: (gas, _tx, prices) => mulDecimalCeil(BigInt(gas), prices.gasPrice),
  storageCharge: (tx) =>
    tx.newStateBytes === 0
      ? null
      : {
          amount: BigInt(nearStorageBytes(tx)) * BigInt(C.storageAmountPerByte.value),
          refundable: true,
          includedInFee: false,
          rule: 'storage staking: (key + value + 40) bytes × 10^19 yoctoNEAR locked; unlocked when deleted',
        },
  perTransactionLimit: C.maxTotalPrepaidGas,
  perBlockLimit: C.chunkGasLimit,
  blockUnits: (gas) => gas,
  blockNote: 'per chunk (one shard); a block has one chunk per shard',
};
