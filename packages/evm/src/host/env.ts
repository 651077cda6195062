import { keccak_256 } from '@noble/hashes/sha3.js';
import type { BlockContext } from '@polyvm/core';
import { utf8ToBytes } from '@polyvm/core';
import { bytesToWord } from '../execute/u256.js';
import type { Fork } from '../fork.js';

/** The block fields EVM code can read (Yellow Paper §4.3 header, EIP-4399, EIP-1559, EIP-4844). */
export interface EvmBlockContext extends BlockContext {
  coinbase?: bigint;
  gasLimit?: bigint;
  baseFee?: bigint;
  prevRandao?: bigint;
  excessBlobGas?: bigint;
  /** BLOCKHASH source for the 256 previous blocks; defaults to keccak256 of the decimal number, as geth's test harness does. */
  blockHash?: (number: bigint) => bigint;
}

/** A fully defaulted block environment. */
export interface BlockEnv {
  /** Which fork's rules apply (precompiles, intrinsic gas, …). */
  fork: Fork;
  number: bigint;
  timestamp: bigint;
  chainId: bigint;
  coinbase: bigint;
  gasLimit: bigint;
  baseFee: bigint;
  prevRandao: bigint;
  blobBaseFee: bigint;
  blockHash: (number: bigint) => bigint;
}

/** The transaction-wide values every frame can read. */
export interface TxEnv {
  origin: bigint;
  gasPrice: bigint;
  blobHashes: readonly bigint[];
}

export const DEFAULT_BLOCK_GAS_LIMIT = 30_000_000n;

export function testBlockHash(number: bigint): bigint {
  return bytesToWord(keccak_256(utf8ToBytes(number.toString())));
}
