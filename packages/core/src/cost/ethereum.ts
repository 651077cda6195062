import { mulDecimalCeil } from './decimal.js';
import type { ChainCostProfile, GasPart, TransactionShape } from './profile.js';
import { sourced } from './sourced.js';

const READ = '2026-12-07';

/** Ethereum mainnet at Cancun, with the block gas limit validators vote today. */
export const ETHEREUM_CONSTANTS = {
  // Yellow Paper §6.2 G_transaction; go-ethereum params/protocol_params.go TxGas.
  txGas: sourced(
    21_000,
    'Yellow Paper §6.2 G_transaction; go-ethereum params/protocol_params.go TxGas',
    READ,
  ),
  // EIP-2028 (Istanbul): 16 per non-zero calldata byte, 4 per zero byte.
  txDataNonZeroGas: sourced(16, 'EIP-2028; go-ethereum params TxDataNonZeroGasEIP2028', READ),
  txDataZeroGas: sourced(4, 'Yellow Paper G_txdatazero; go-ethereum params TxDataZeroGas', READ),
  // EIP-2200/EIP-2929: SSTORE of a zero slot to non-zero, the price of one new 32-byte slot.
  sstoreSetGas: sourced(20_000, 'EIP-2200 SSTORE_SET_GAS (unchanged by EIP-2929/3529)', READ),
  // EIP-1559: the base fee is burnt; the priority fee goes to the proposer. Both per gas.
  // Block gas limit: set by validator votes, not by the protocol. EIP-7935 (Informational, status
  // Final, created 2025-04-22) has every execution client ship 60M as its default vote for Fusaka;
  // read in ethereum/EIPs EIPS/eip-7935.md. The live value can still drift from the default.
  blockGasLimit: sourced(
    60_000_000,
    'EIP-7935 (Final): execution-client default block gas limit 60M (ethereum/EIPs EIPS/eip-7935.md); validators vote the live value',
    READ,
  ),
  // Cancun has no per-transaction cap below the block limit; EIP-7825 (Osaka) caps at 2^24.
  osakaTxGasCap: sourced(
    16_777_216,
    'EIP-7825 (Osaka) MAX_TX_GAS_LIMIT = 2^24; not in force at Cancun',
    READ,
  ),
} as const;

const C = ETHEREUM_CONSTANTS;

function intrinsicGas(tx: TransactionShape): GasPart[] {
  const zero = tx.inputBytes - tx.nonZeroInputBytes;
  return [
    { name: 'transaction base (21,000)', gas: C.txGas.value },
    {
      name: 'calldata (4 per zero byte, 16 per non-zero)',
      gas: zero * C.txDataZeroGas.value + tx.nonZeroInputBytes * C.txDataNonZeroGas.value,
    },
  ];
}

export const ETHEREUM_PROFILE: ChainCostProfile = {
  id: 'ethereum',
  title: 'Ethereum (Cancun)',
  runtimes: ['evm'],
  feeUnit: 'gas',
  token: { symbol: 'ETH', decimals: 18, smallestUnit: 'wei' },
  constants: C,
  toFeeUnits: (gas) => gas,
  // packages/evm's tx/apply.ts adds the intrinsic gas to gasUsed, in the 'other' category.
  receiptIntrinsic: 'other',
  intrinsicGas,
  stateGrowthGas: (tx) => tx.newEntries * C.sstoreSetGas.value,
  // EIP-1559: gasUsed × (baseFee + priorityFee); the max-fee cap is the sender's, not the price.
  fee: (gas, _tx, prices) =>
    mulDecimalCeil(BigInt(gas), prices.gasPrice) + mulDecimalCeil(BigInt(gas), prices.priorityFee),
  // Ethereum has no deposit: a new slot costs SSTORE gas once and stays forever.
  storageCharge: () => null,
  perTransactionLimit: {
    ...C.blockGasLimit,
    source: `${C.blockGasLimit.source} (Cancun: a tx may use the whole block)`,
  },
  perBlockLimit: C.blockGasLimit,
  blockUnits: (gas) => gas,
  blockNote: 'block gas limit only; blob gas (EIP-4844) is a separate market and not counted',
};
