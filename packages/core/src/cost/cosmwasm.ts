import { mulDecimalCeil } from './decimal.js';
import type { ChainCostProfile, GasPart, TransactionShape } from './profile.js';
import { sourced } from './sourced.js';

const READ = '2026-12-07';

/** A Cosmos SDK chain running wasmd with its default gas register and the SDK's default auth params. */
export const COSMWASM_CONSTANTS = {
  gasMultiplier: sourced(
    140_000,
    'wasmd x/wasm/types/gas_register.go DefaultGasMultiplier (CosmWasm gas per SDK gas)',
    READ,
  ),
  instanceCost: sourced(
    60_000,
    'wasmd x/wasm/types/gas_register.go DefaultInstanceCost (SDK gas per contract call)',
    READ,
  ),
  compileCostPerByte: sourced(
    3,
    'wasmd x/wasm/types/gas_register.go DefaultCompileCost (SDK gas per byte)',
    READ,
  ),
  txSizeCostPerByte: sourced(10, 'cosmos-sdk x/auth/types/params.go DefaultTxSizeCostPerByte', READ),
  sigVerifyCostSecp256k1: sourced(
    1_000,
    'cosmos-sdk x/auth/types/params.go DefaultSigVerifyCostSecp256k1',
    READ,
  ),
  kvWriteFlat: sourced(2_000, 'cosmos-sdk store/types/gas.go KVGasConfig WriteCostFlat', READ),
  kvWritePerByte: sourced(30, 'cosmos-sdk store/types/gas.go KVGasConfig WriteCostPerByte', READ),
} as const;

const C = COSMWASM_CONSTANTS;

function intrinsicGas(tx: TransactionShape): GasPart[] {
  return [
    { name: 'ante: tx size (10 SDK gas per byte)', gas: tx.transactionBytes * C.txSizeCostPerByte.value },
    {
      name: 'ante: secp256k1 signature verification (1,000 each)',
      gas: tx.signatures * C.sigVerifyCostSecp256k1.value,
    },
  ];
}

export const COSMWASM_PROFILE: ChainCostProfile = {
  id: 'cosmwasm',
  title: 'CosmWasm (wasmd defaults)',
  runtimes: ['cosmwasm'],
  feeUnit: 'SDK gas',
  token: { symbol: 'ATOM', decimals: 6, smallestUnit: 'uatom' },
  constants: C,
  // FromWasmVMGas: CosmWasm gas / 140,000, rounded down. polyvm prices KV access and the instance
  // cost in CosmWasm gas already multiplied by 140,000, so they convert back exactly.
  toFeeUnits: (gas) => Math.floor(gas / C.gasMultiplier.value),
  // The wasm runtime charges the instance cost (SetupContractCost) in 'other'; the ante-handler
  // costs below are not charged by it.
  receiptIntrinsic: 'none',
  intrinsicGas,
  stateGrowthGas: (tx) => tx.newEntries * C.kvWriteFlat.value + tx.newStateBytes * C.kvWritePerByte.value,
  // fees = ceil(gas × gas price); a real tx pays for its gas *limit*, taken here as the gas used.
  fee: (gas, _tx, prices) => mulDecimalCeil(BigInt(gas), prices.gasPrice),
  storageCharge: () => null,
  perTransactionLimit: null,
  perBlockLimit: null,
  blockUnits: (gas) => gas,
  blockNote:
    'CometBFT block.max_gas defaults to -1 (no limit); each chain sets its own, so per-block figures are n/a',
};

/** SDK gas for `cosmwasmGas` CosmWasm gas (wasmd FromWasmVMGas). */
export function toSdkGas(cosmwasmGas: number): number {
  return COSMWASM_PROFILE.toFeeUnits(cosmwasmGas);
}
