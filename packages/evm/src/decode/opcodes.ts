import type { GasCategory } from '@polyvm/core';

/**
 * The Cancun instruction set: mnemonic, stack arity and the constant ("static") part of each
 * opcode's gas, from the Yellow Paper Appendix G/H as amended by EIP-150, EIP-2929 (access costs
 * moved to the dynamic part, so BALANCE, SLOAD, EXTCODE* and the CALL family have static cost 0 here), EIP-3855
 * (PUSH0), EIP-1153 (TLOAD/TSTORE), EIP-5656 (MCOPY), EIP-4844 (BLOBHASH), EIP-7516 (BLOBBASEFEE).
 */
export interface OpcodeInfo {
  code: number;
  name: string;
  /** Stack items consumed. */
  pops: number;
  /** Stack items produced. */
  pushes: number;
  /** Constant gas charged before the instruction runs. */
  gas: number;
  category: GasCategory;
  /** Bytes of immediate data (PUSH1..PUSH32). */
  immediate: number;
}

/** Gas tiers of the Yellow Paper Appendix G. */
const ZERO = 0;
const BASE = 2;
const VERYLOW = 3;
const LOW = 5;
const MID = 8;
const HIGH = 10;

const table: OpcodeInfo[] = [];

function def(
  code: number,
  name: string,
  pops: number,
  pushes: number,
  gas: number,
  category: GasCategory = 'compute',
  immediate = 0,
): void {
  table.push({ code, name, pops, pushes, gas, category, immediate });
}

def(0x00, 'STOP', 0, 0, ZERO);
def(0x01, 'ADD', 2, 1, VERYLOW);
def(0x02, 'MUL', 2, 1, LOW);
def(0x03, 'SUB', 2, 1, VERYLOW);
def(0x04, 'DIV', 2, 1, LOW);
def(0x05, 'SDIV', 2, 1, LOW);
def(0x06, 'MOD', 2, 1, LOW);
def(0x07, 'SMOD', 2, 1, LOW);
def(0x08, 'ADDMOD', 3, 1, MID);
def(0x09, 'MULMOD', 3, 1, MID);
def(0x0a, 'EXP', 2, 1, HIGH);
def(0x0b, 'SIGNEXTEND', 2, 1, LOW);
def(0x10, 'LT', 2, 1, VERYLOW);
def(0x11, 'GT', 2, 1, VERYLOW);
def(0x12, 'SLT', 2, 1, VERYLOW);
def(0x13, 'SGT', 2, 1, VERYLOW);
def(0x14, 'EQ', 2, 1, VERYLOW);
def(0x15, 'ISZERO', 1, 1, VERYLOW);
def(0x16, 'AND', 2, 1, VERYLOW);
def(0x17, 'OR', 2, 1, VERYLOW);
def(0x18, 'XOR', 2, 1, VERYLOW);
def(0x19, 'NOT', 1, 1, VERYLOW);
def(0x1a, 'BYTE', 2, 1, VERYLOW);
def(0x1b, 'SHL', 2, 1, VERYLOW); // EIP-145
def(0x1c, 'SHR', 2, 1, VERYLOW);
def(0x1d, 'SAR', 2, 1, VERYLOW);
def(0x20, 'KECCAK256', 2, 1, 30, 'crypto');
def(0x30, 'ADDRESS', 0, 1, BASE, 'other');
def(0x31, 'BALANCE', 1, 1, ZERO, 'storage');
def(0x32, 'ORIGIN', 0, 1, BASE, 'other');
def(0x33, 'CALLER', 0, 1, BASE, 'other');
def(0x34, 'CALLVALUE', 0, 1, BASE, 'other');
def(0x35, 'CALLDATALOAD', 1, 1, VERYLOW, 'memory');
def(0x36, 'CALLDATASIZE', 0, 1, BASE, 'other');
def(0x37, 'CALLDATACOPY', 3, 0, VERYLOW, 'memory');
def(0x38, 'CODESIZE', 0, 1, BASE, 'other');
def(0x39, 'CODECOPY', 3, 0, VERYLOW, 'memory');
def(0x3a, 'GASPRICE', 0, 1, BASE, 'other');
def(0x3b, 'EXTCODESIZE', 1, 1, ZERO, 'storage');
def(0x3c, 'EXTCODECOPY', 4, 0, ZERO, 'storage');
def(0x3d, 'RETURNDATASIZE', 0, 1, BASE, 'other'); // EIP-211
def(0x3e, 'RETURNDATACOPY', 3, 0, VERYLOW, 'memory');
def(0x3f, 'EXTCODEHASH', 1, 1, ZERO, 'storage'); // EIP-1052
def(0x40, 'BLOCKHASH', 1, 1, 20, 'other');
def(0x41, 'COINBASE', 0, 1, BASE, 'other');
def(0x42, 'TIMESTAMP', 0, 1, BASE, 'other');
def(0x43, 'NUMBER', 0, 1, BASE, 'other');
def(0x44, 'PREVRANDAO', 0, 1, BASE, 'other'); // EIP-4399
def(0x45, 'GASLIMIT', 0, 1, BASE, 'other');
def(0x46, 'CHAINID', 0, 1, BASE, 'other'); // EIP-1344
def(0x47, 'SELFBALANCE', 0, 1, LOW, 'storage'); // EIP-1884
def(0x48, 'BASEFEE', 0, 1, BASE, 'other'); // EIP-3198
def(0x49, 'BLOBHASH', 1, 1, VERYLOW, 'other'); // EIP-4844
def(0x4a, 'BLOBBASEFEE', 0, 1, BASE, 'other'); // EIP-7516
def(0x50, 'POP', 1, 0, BASE);
def(0x51, 'MLOAD', 1, 1, VERYLOW, 'memory');
def(0x52, 'MSTORE', 2, 0, VERYLOW, 'memory');
def(0x53, 'MSTORE8', 2, 0, VERYLOW, 'memory');
def(0x54, 'SLOAD', 1, 1, ZERO, 'storage');
def(0x55, 'SSTORE', 2, 0, ZERO, 'storage');
def(0x56, 'JUMP', 1, 0, MID);
def(0x57, 'JUMPI', 2, 0, HIGH);
def(0x58, 'PC', 0, 1, BASE);
def(0x59, 'MSIZE', 0, 1, BASE, 'memory');
def(0x5a, 'GAS', 0, 1, BASE);
def(0x5b, 'JUMPDEST', 0, 0, 1);
def(0x5c, 'TLOAD', 1, 1, 100, 'storage'); // EIP-1153: WARM_STORAGE_READ_COST
def(0x5d, 'TSTORE', 2, 0, 100, 'storage');
def(0x5e, 'MCOPY', 3, 0, VERYLOW, 'memory'); // EIP-5656
def(0x5f, 'PUSH0', 0, 1, BASE); // EIP-3855
for (let n = 1; n <= 32; n++) def(0x5f + n, `PUSH${n}`, 0, 1, VERYLOW, 'compute', n);
for (let n = 1; n <= 16; n++) def(0x7f + n, `DUP${n}`, n, n + 1, VERYLOW);
for (let n = 1; n <= 16; n++) def(0x8f + n, `SWAP${n}`, n + 1, n + 1, VERYLOW);
for (let n = 0; n <= 4; n++) def(0xa0 + n, `LOG${n}`, n + 2, 0, 375, 'storage'); // G_log
def(0xf0, 'CREATE', 3, 1, 32000, 'call'); // G_create
def(0xf1, 'CALL', 7, 1, ZERO, 'call');
def(0xf2, 'CALLCODE', 7, 1, ZERO, 'call');
def(0xf3, 'RETURN', 2, 0, ZERO, 'memory');
def(0xf4, 'DELEGATECALL', 6, 1, ZERO, 'call'); // EIP-7
def(0xf5, 'CREATE2', 4, 1, 32000, 'call'); // EIP-1014
def(0xfa, 'STATICCALL', 6, 1, ZERO, 'call'); // EIP-214
def(0xfd, 'REVERT', 2, 0, ZERO, 'memory'); // EIP-140
def(0xfe, 'INVALID', 0, 0, ZERO, 'other'); // EIP-141
def(0xff, 'SELFDESTRUCT', 1, 0, 5000, 'call'); // EIP-150 G_selfdestruct

/** Every defined opcode, ordered by byte value. */
export const OPCODES: readonly OpcodeInfo[] = Object.freeze(table);

const byCode: Array<OpcodeInfo | undefined> = new Array(256).fill(undefined);
for (const info of table) byCode[info.code] = info;
const byName = new Map(table.map((info) => [info.name, info]));
// Aliases accepted by the assembler.
byName.set('SHA3', byName.get('KECCAK256')!);
byName.set('DIFFICULTY', byName.get('PREVRANDAO')!);

export function opcodeInfo(code: number): OpcodeInfo | undefined {
  return byCode[code];
}

export function opcodeByName(name: string): OpcodeInfo | undefined {
  return byName.get(name.toUpperCase());
}

/** The mnemonic, or `0x..` style `UNDEFINED(0xNN)` for an unassigned byte. */
export function opcodeName(code: number): string {
  return byCode[code]?.name ?? `UNDEFINED(0x${code.toString(16).padStart(2, '0')})`;
}

/** Flat lookup tables for the interpreter's hot loop (indexed by opcode byte). */
export const STATIC_GAS = new Int32Array(256);
/** Minimum stack height needed; 255 for undefined opcodes so the check never passes. */
export const MIN_STACK = new Int32Array(256).fill(0);
/** Maximum stack height before the instruction without overflowing 1024 (Yellow Paper §9.4.2). */
export const MAX_STACK = new Int32Array(256).fill(-1);
export const DEFINED = new Uint8Array(256);
export const CATEGORY_OF = new Uint8Array(256);
const CATEGORY_INDEX: Record<GasCategory, number> = {
  compute: 0,
  memory: 1,
  storage: 2,
  call: 3,
  crypto: 4,
  other: 5,
};
export const STACK_LIMIT = 1024;
for (const info of table) {
  STATIC_GAS[info.code] = info.gas;
  MIN_STACK[info.code] = info.pops;
  MAX_STACK[info.code] = STACK_LIMIT - (info.pushes - info.pops);
  DEFINED[info.code] = 1;
  CATEGORY_OF[info.code] = CATEGORY_INDEX[info.category];
}
