import { DEFINED, MAX_STACK, MIN_STACK, STACK_LIMIT, STATIC_GAS } from './opcodes.js';

/**
 * Straight-line runs of code whose constant gas and stack bounds the interpreter checks once, at
 * entry, instead of per instruction (evmone's "advanced" analysis, `evmone/lib/evmone/advanced_analysis.cpp`).
 *
 * A run ends at (and includes) every instruction whose outcome could depend on how much constant gas
 * of later instructions was already taken: jumps and halts, GAS and the CALL/CREATE family (they read
 * the gas left), SSTORE (its EIP-2200 stipend check reads it), and every instruction with a dynamic
 * charge (memory growth, copies, EXP, KECCAK256, account and storage access, LOGn). Inside a run
 * nothing reads the gas counter and nothing can fail except by stack bounds or constant gas, which
 * the entry check covers; so charging a run's constant gas up front gives the same gas, results and
 * halts as charging each instruction. When the entry check fails, the interpreter runs the run
 * instruction by instruction and fails at exactly the instruction it failed at before.
 */
export interface BlockTables {
  /** Constant gas from `pc` to the end of its run, for every instruction start (and `code.length`). */
  readonly gas: Int32Array;
  /** The smallest stack height at `pc` for which no instruction up to the run's end underflows. */
  readonly minStack: Int32Array;
  /** The largest stack height at `pc` for which no instruction up to the run's end overflows. */
  readonly maxStack: Int32Array;
}

/** 1 for the opcodes that end a run (see `BlockTables`); undefined opcodes halt, so they end one too. */
export const ENDS_BLOCK = new Uint8Array(256).fill(1);
for (let op = 0; op < 256; op++) if (DEFINED[op]) ENDS_BLOCK[op] = 0;
for (const op of [
  0x00, // STOP
  0x0a, // EXP: G_expbyte per exponent byte
  0x20, // KECCAK256: words hashed, memory
  0x31, // BALANCE: EIP-2929 access
  0x37, // CALLDATACOPY
  0x39, // CODECOPY
  0x3b, // EXTCODESIZE
  0x3c, // EXTCODECOPY
  0x3e, // RETURNDATACOPY
  0x3f, // EXTCODEHASH
  0x51, // MLOAD
  0x52, // MSTORE
  0x53, // MSTORE8
  0x54, // SLOAD
  0x55, // SSTORE: reads the gas left (EIP-2200 stipend check)
  0x56, // JUMP
  0x57, // JUMPI
  0x5a, // GAS: reads the gas left
  0x5e, // MCOPY
  0xa0, // LOG0..LOG4
  0xa1,
  0xa2,
  0xa3,
  0xa4,
  0xf0, // CREATE, CALL, CALLCODE, RETURN, DELEGATECALL, CREATE2, STATICCALL, REVERT, INVALID, SELFDESTRUCT
  0xf1,
  0xf2,
  0xf3,
  0xf4,
  0xf5,
  0xfa,
  0xfd,
  0xfe,
  0xff,
]) {
  ENDS_BLOCK[op] = 1;
}

const PUSH1 = 0x60;
const PUSH32 = 0x7f;

/** Builds the run tables in two passes: instruction starts forward, then suffix sums backward. */
export function analyzeBlocks(code: Uint8Array): BlockTables {
  const length = code.length;
  const gas = new Int32Array(length + 1);
  const minStack = new Int32Array(length + 1);
  const maxStack = new Int32Array(length + 1);
  // Past the end the code reads as STOP: no gas, any height.
  maxStack[length] = MAX_STACK[0x00]!;
  const starts = new Int32Array(length);
  let count = 0;
  for (let pc = 0; pc < length; ) {
    starts[count++] = pc;
    const op = code[pc]!;
    pc += op >= PUSH1 && op <= PUSH32 ? op - PUSH1 + 2 : 1;
  }
  for (let i = count - 1; i >= 0; i--) {
    const pc = starts[i]!;
    const op = code[pc]!;
    const pops = MIN_STACK[op]!;
    gas[pc] = STATIC_GAS[op]!;
    minStack[pc] = pops;
    maxStack[pc] = MAX_STACK[op]!;
    if (ENDS_BLOCK[op]) continue;
    // A truncated final PUSH runs into the implicit STOP at the end.
    const next = i + 1 < count ? starts[i + 1]! : length;
    // Net stack change of this instruction: MAX_STACK is the stack limit minus it.
    const net = STACK_LIMIT - MAX_STACK[op]!;
    gas[pc]! += gas[next]!;
    minStack[pc] = Math.max(pops, minStack[next]! - net);
    maxStack[pc] = Math.min(MAX_STACK[op]!, maxStack[next]! - net);
  }
  return { gas, minStack, maxStack };
}
