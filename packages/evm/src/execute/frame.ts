import type { CodeAnalysis } from '../decode/analysis.js';
import type { BlockTables } from '../decode/blocks.js';
import type { SubstateMark } from '../host/substate.js';
import { memoryCost } from './gas-rules.js';

/** Kinds of message (Yellow Paper §8 message call, §7 contract creation; EIP-7 DELEGATECALL; EIP-214 STATICCALL). */
export type MessageKind = 'CALL' | 'CALLCODE' | 'DELEGATECALL' | 'STATICCALL' | 'CREATE' | 'CREATE2';

export interface Message {
  kind: MessageKind;
  caller: bigint;
  /** The account whose storage and balance the code acts on (the new contract for creates). */
  target: bigint;
  /** Where the code comes from (differs from `target` for CALLCODE and DELEGATECALL). */
  codeAddress: bigint;
  value: bigint;
  /** Whether `value` moves from caller to target (false for DELEGATECALL). */
  transfer: boolean;
  /** Call data, or the initcode of a create. */
  input: Uint8Array;
  /** Gas given to the frame, up to 2^53 − 1; any more (a 64-bit gas limit) is in `gasReserve`. */
  gas: number;
  gasReserve?: bigint;
  isStatic: boolean;
  depth: number;
  /** EIP-7702: the code comes from a delegation designator's target; precompiles are not run. */
  delegated?: boolean;
}

export interface MessageResult {
  success: boolean;
  /** True when the frame ended with REVERT (gas left is returned, output is the revert data). */
  reverted: boolean;
  gasLeft: number;
  /** Gas left beyond `gasLeft` (see `Message.gasReserve`). */
  gasReserve?: bigint;
  output: Uint8Array;
  /** Why an unsuccessful frame halted. */
  error?: string;
  outOfGas?: boolean;
  createdAddress?: bigint;
}

/** Interpreter exit codes. */
export const EXIT_SUCCESS = 1;
export const EXIT_REVERT = 2;
export const EXIT_ERROR = 3;
/** A CALL/CREATE wants a child frame: the driver runs `pending` and resumes this frame. */
export const EXIT_SUSPEND = 4;

const EMPTY = new Uint8Array(0);
/** Addressing memory at or beyond 2^32 bytes would cost more gas than any block holds. */
const MEMORY_LIMIT = 1n << 32n;
const MEMORY_LIMIT_NUMBER = 2 ** 32;
/** The largest gas count a frame holds as a JS number; a charge of this much is never affordable. */
const MAX_GAS = Number.MAX_SAFE_INTEGER;
const MAX_GAS_BIG = BigInt(MAX_GAS);

/** Splits an exact gas amount into the number part (≤ 2^53 − 1) and the bigint reserve above it. */
export function splitGas(total: bigint): { gas: number; gasReserve: bigint } {
  return total > MAX_GAS_BIG
    ? { gas: MAX_GAS, gasReserve: total - MAX_GAS_BIG }
    : { gas: Number(total), gasReserve: 0n };
}

/** One execution context: machine state μ of Yellow Paper §9.4.1 plus its message. */
export class Frame {
  readonly message: Message;
  readonly code: Uint8Array;
  readonly jumpdests: Uint8Array;
  readonly pushValues: bigint[];
  readonly blocks: BlockTables;
  /** The operand stack; slots at or above `sp` hold stale values and are never read. */
  readonly stack: bigint[];
  pc = 0;
  sp = 0;
  /**
   * Gas left, as a JS number on the hot path. Gas limits above 2^53 − 1 (valid on Ethereum, up to
   * 2^64 − 1) keep the excess in `reserve`; a charge that does not fit in `gas` refills from it
   * before failing, so arithmetic is exact for any 64-bit limit at no cost to ordinary frames.
   */
  gas: number;
  reserve: bigint;
  memory: Uint8Array = EMPTY;
  /** Active memory size in 32-byte words (μ_i). */
  memoryWords = 0;
  returnData: Uint8Array = EMPTY;
  output: Uint8Array = EMPTY;
  error: string | undefined = undefined;
  outOfGas = false;
  /** Set when suspended on a CALL/CREATE. */
  pending: Message | undefined = undefined;
  returnOffset = 0;
  returnSize = 0;
  /** State and substate marks taken when the frame was entered. */
  mark: SubstateMark | undefined = undefined;
  /** Gas charged beyond the opcode table, by category index (for the receipt's breakdown). */
  readonly dynamicGas: Float64Array;

  constructor(message: Message, analysis: CodeAnalysis, stack: bigint[], dynamicGas: Float64Array) {
    this.message = message;
    this.code = analysis.code;
    this.jumpdests = analysis.jumpdests;
    this.pushValues = analysis.pushValues;
    this.blocks = analysis.blocks;
    this.gas = message.gas;
    this.reserve = message.gasReserve ?? 0n;
    this.stack = stack;
    this.dynamicGas = dynamicGas;
  }

  /** Moves reserve gas into `gas` (cold path); true when `cost` now fits. */
  refill(cost: number): boolean {
    if (this.reserve === 0n || cost >= MAX_GAS) return false;
    const { gas, gasReserve } = splitGas(this.total());
    this.gas = gas;
    this.reserve = gasReserve;
    return cost <= gas;
  }

  /** Exact gas left, reserve included. */
  total(): bigint {
    return this.reserve === 0n ? BigInt(this.gas) : BigInt(this.gas) + this.reserve;
  }

  /** Takes `amount` (at most `total()`) out of the frame's gas, for a child call or create. */
  take(amount: bigint): void {
    const left = splitGas(this.total() - amount);
    this.gas = left.gas;
    this.reserve = left.gasReserve;
  }

  /** `charge` for an exact amount: CALL's forwarded gas may exceed 2^53 under a 64-bit gas limit. */
  chargeExact(cost: bigint, category: number): boolean {
    if (cost <= MAX_GAS_BIG) return this.charge(Number(cost), category);
    if (cost > this.total()) return this.charge(MAX_GAS, category);
    this.take(cost);
    this.dynamicGas[category]! += Number(cost);
    return true;
  }

  /** Returns gas to the frame (a child's gas left, or gas set aside for a call that did not happen). */
  giveBack(gas: number, reserve = 0n): void {
    const sum = this.gas + gas;
    if (reserve === 0n && sum <= MAX_GAS) {
      this.gas = sum;
      return;
    }
    const exact = splitGas(this.total() + BigInt(gas) + reserve);
    this.gas = exact.gas;
    this.reserve = exact.gasReserve;
  }

  /** Charges dynamic gas; false (with all gas consumed) when it does not fit. */
  charge(cost: number, category: number): boolean {
    if (cost > this.gas && !this.refill(cost)) {
      this.gas = 0;
      this.reserve = 0n;
      this.outOfGas = true;
      this.error = 'out of gas';
      return false;
    }
    this.gas -= cost;
    this.dynamicGas[category]! += cost;
    return true;
  }

  /**
   * Grows memory to cover [offset, offset+size) and charges the expansion (Yellow Paper §9.4 C_mem).
   * A zero size never expands, whatever the offset.
   */
  expand(offset: bigint, size: bigint, extraCost = 0): boolean {
    if (size === 0n) return extraCost === 0 || this.charge(extraCost, 1);
    const end = offset + size;
    if (end > MEMORY_LIMIT) return this.charge(Number.MAX_SAFE_INTEGER, 1);
    return this.#growTo(Math.ceil(Number(end) / 32), extraCost);
  }

  /** `expand` for MLOAD, MSTORE and MSTORE8 (a fixed size of 1 or 32): no bigint arithmetic. */
  expandSmall(offset: bigint, size: number): boolean {
    if (offset >= MEMORY_LIMIT) return this.charge(Number.MAX_SAFE_INTEGER, 1);
    const end = Number(offset) + size;
    if (end > MEMORY_LIMIT_NUMBER) return this.charge(Number.MAX_SAFE_INTEGER, 1);
    return this.#growTo(Math.ceil(end / 32), 0);
  }

  #growTo(newWords: number, extraCost: number): boolean {
    if (newWords <= this.memoryWords) return extraCost === 0 || this.charge(extraCost, 1);
    const cost = memoryCost(newWords) - memoryCost(this.memoryWords) + extraCost;
    if (!this.charge(cost, 1)) return false;
    this.memoryWords = newWords;
    const bytes = newWords * 32;
    if (bytes > this.memory.length) {
      const grown = new Uint8Array(Math.max(bytes, this.memory.length * 2));
      grown.set(this.memory);
      this.memory = grown;
    }
    return true;
  }

  /** Copy of memory [offset, offset+size); call only after `expand`. */
  readMemory(offset: bigint, size: bigint): Uint8Array {
    if (size === 0n) return EMPTY;
    const start = Number(offset);
    return this.memory.slice(start, start + Number(size));
  }

  halt(error: string): number {
    this.gas = 0;
    this.reserve = 0n;
    this.error = error;
    return EXIT_ERROR;
  }
}
