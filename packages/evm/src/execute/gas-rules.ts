/**
 * Every dynamic gas rule of the Cancun EVM in one place, each constant named as in the Yellow Paper
 * Appendix G or the EIP that set it.
 */

// Yellow Paper Appendix G.
export const G_VERYLOW = 3;
export const G_COPY = 3; // per word copied (CALLDATACOPY, CODECOPY, RETURNDATACOPY, EXTCODECOPY, MCOPY)
export const G_MEMORY = 3; // per word of memory
export const G_KECCAK256_WORD = 6;
export const G_EXP_BYTE = 50; // EIP-160
export const G_LOG_TOPIC = 375;
export const G_LOG_DATA = 8;
export const G_CALL_VALUE = 9000;
export const G_CALL_STIPEND = 2300;
export const G_NEW_ACCOUNT = 25000;
export const G_SELFDESTRUCT_NEW_ACCOUNT = 25000; // EIP-150
export const G_CODE_DEPOSIT = 200; // per byte of deployed code
export const G_BLOCKHASH = 20;

// EIP-2929: access lists of the transaction.
export const G_COLD_SLOAD = 2100;
export const G_COLD_ACCOUNT_ACCESS = 2600;
export const G_WARM_ACCESS = 100;

// EIP-2200 as amended by EIP-2929 and EIP-3529.
export const G_SSTORE_SET = 20000;
export const G_SSTORE_RESET = 5000 - G_COLD_SLOAD; // 2900
export const R_SSTORE_CLEARS = 4800; // EIP-3529: SSTORE_RESET_GAS + ACCESS_LIST_STORAGE_KEY_COST

// EIP-3860: initcode metering and limit; EIP-170: deployed code limit.
export const G_INITCODE_WORD = 2;
export const MAX_CODE_SIZE = 24576;
export const MAX_INITCODE_SIZE = 2 * MAX_CODE_SIZE;

// EIP-1014: CREATE2 hashes the initcode.
export const G_CREATE2_WORD = G_KECCAK256_WORD;

export const CALL_DEPTH_LIMIT = 1024;

/** Words needed for `bytes` bytes, rounding up. */
export function words(bytes: number): number {
  return Math.ceil(bytes / 32);
}

/** Yellow Paper §9.4 C_mem(a) = G_memory·a + ⌊a²/512⌋ for a memory of `memoryWords` words. */
export function memoryCost(memoryWords: number): number {
  return G_MEMORY * memoryWords + Math.floor((memoryWords * memoryWords) / 512);
}

/** The gas to grow memory from `currentWords` to cover `newWords`, or 0 when it is already large enough. */
export function memoryExpansionCost(currentWords: number, newWords: number): number {
  return newWords > currentWords ? memoryCost(newWords) - memoryCost(currentWords) : 0;
}

/** Copy instructions: G_copy per word (plus the instruction's constant and memory growth). */
export function copyCost(length: number): number {
  return G_COPY * words(length);
}

/** EXP: G_exp + G_expbyte per byte of the exponent (EIP-160). The constant part is in the opcode table. */
export function expByteCost(exponent: bigint): number {
  if (exponent === 0n) return 0;
  return G_EXP_BYTE * Math.ceil(exponent.toString(16).length / 2);
}

/** LOGn beyond its constant G_log: topics and data bytes. */
export function logCost(topics: number, dataLength: number): number {
  return G_LOG_TOPIC * topics + G_LOG_DATA * dataLength;
}

export interface SstoreGas {
  /** Gas charged, including the EIP-2929 cold surcharge when `cold`. */
  cost: number;
  /** Change to the refund counter (may be negative). */
  refund: number;
}

/**
 * SSTORE per EIP-2200 with EIP-2929 access costs and EIP-3529 refunds (Cancun). `original` is the
 * value at the start of the transaction, `current` the value now, `next` the value being written.
 */
export function sstoreGas(original: bigint, current: bigint, next: bigint, cold: boolean): SstoreGas {
  let cost = cold ? G_COLD_SLOAD : 0;
  let refund = 0;
  if (original === current && current !== next) {
    cost += original === 0n ? G_SSTORE_SET : G_SSTORE_RESET;
  } else {
    cost += G_WARM_ACCESS;
  }
  if (current !== next) {
    if (original !== 0n && current !== 0n && next === 0n) refund += R_SSTORE_CLEARS;
    if (original !== 0n && current === 0n) refund -= R_SSTORE_CLEARS;
    if (original === next) {
      refund += original === 0n ? G_SSTORE_SET - G_WARM_ACCESS : G_SSTORE_RESET - G_WARM_ACCESS;
    }
  }
  return { cost, refund };
}

/** EIP-150: all but one 64th of the gas left may be passed to a sub-call or create. */
export function allButOne64th(gas: bigint): bigint {
  return gas - gas / 64n;
}

/** Exact amounts: under a 64-bit transaction gas limit they may exceed 2^53. */
export interface CallGas {
  /** Charged to the caller: the gas forwarded plus `extra`. */
  cost: bigint;
  /** Given to the callee: the gas forwarded plus the stipend when value is sent. */
  forwarded: bigint;
}

/**
 * The message-call gas rule (execution-specs `calculate_message_call_gas`): `requested` is the
 * stack argument, `gasLeft` the caller's exact gas, `extra` the access, value and new-account costs.
 * When the caller cannot even pay `extra`, the requested amount is charged in full, which runs it out
 * of gas.
 */
export function callGas(
  requested: bigint,
  gasLeft: bigint,
  memoryCost: number,
  extra: number,
  hasValue: boolean,
): CallGas {
  const stipend = hasValue ? BigInt(G_CALL_STIPEND) : 0n;
  const charges = BigInt(extra + memoryCost);
  if (gasLeft < charges) return { cost: requested + BigInt(extra), forwarded: requested + stipend };
  const cap = allButOne64th(gasLeft - charges);
  const gas = requested < cap ? requested : cap;
  return { cost: gas + BigInt(extra), forwarded: gas + stipend };
}

// Transactions: Yellow Paper §6.2, EIP-2028 (calldata), EIP-2930 (access lists), EIP-3860 (initcode).
export const G_TRANSACTION = 21000;
export const G_TX_CREATE = 32000;
export const G_TX_DATA_ZERO = 4;
export const G_TX_DATA_NONZERO = 16;
export const G_ACCESS_LIST_ADDRESS = 2400;
export const G_ACCESS_LIST_STORAGE_KEY = 1900;
/** EIP-3529: at most a fifth of the gas used is refunded. */
export const MAX_REFUND_QUOTIENT = 5;

// EIP-4844 blob gas.
export const GAS_PER_BLOB = 1 << 17;
export const MIN_BLOB_BASE_FEE = 1n;
export const BLOB_BASE_FEE_UPDATE_FRACTION = 3338477n;
export const MAX_BLOBS_PER_BLOCK = 6;
export const VERSIONED_HASH_VERSION_KZG = 0x01;

/** EIP-4844 `fake_exponential(factor, numerator, denominator)`: ≈ factor·e^(numerator/denominator). */
export function fakeExponential(factor: bigint, numerator: bigint, denominator: bigint): bigint {
  let i = 1n;
  let output = 0n;
  let accumulator = factor * denominator;
  while (accumulator > 0n) {
    output += accumulator;
    accumulator = (accumulator * numerator) / (denominator * i);
    i++;
  }
  return output / denominator;
}

export function blobBaseFee(excessBlobGas: bigint): bigint {
  return fakeExponential(MIN_BLOB_BASE_FEE, excessBlobGas, BLOB_BASE_FEE_UPDATE_FRACTION);
}
