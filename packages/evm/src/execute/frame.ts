import type { CodeAnalysis } from '../decode/analysis.js';
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
  gas: number;
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

/** One execution context: machine state μ of Yellow Paper §9.4.1 plus its message. */
export class Frame {
  readonly message: Message;
  readonly code: Uint8Array;
  readonly jumpdests: Uint8Array;
  readonly pushValues: bigint[];
  /** The operand stack; slots at or above `sp` hold stale values and are never read. */
  readonly stack: bigint[];
  pc = 0;
  sp = 0;
  gas: number;
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
    this.gas = message.gas;
    this.stack = stack;
    this.dynamicGas = dynamicGas;
  }

  /** Charges dynamic gas; false (with all gas consumed) when it does not fit. */
  charge(cost: number, category: number): boolean {
    if (cost > this.gas) {
      this.gas = 0;
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
    const newWords = Math.ceil(Number(end) / 32);
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
    this.error = error;
    return EXIT_ERROR;
  }
}
