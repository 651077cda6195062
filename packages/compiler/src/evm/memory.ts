import type { CodeBuilder } from './code-builder.js';
import { FREE_POINTER } from './frames.js';
import { type PanicBlocks, PanicCode } from './panic.js';

/** solc's allocation limit: sizes and the free pointer stay below 2^64 (YulUtilFunctions allocate_memory). */
export const MAX_MEMORY = (1n << 64n) - 1n;
/** A memory word that is never written, so reads give 0: solc's "zero slot", used for empty arrays. */
export const ZERO_SLOT = 0x60;

/**
 * `[size]` → `[pointer]`: bumps the free pointer by `size` rounded up to a word, panicking 0x41 when
 * the new pointer passes 2^64 − 1 or wraps (as solc's `allocate_memory`). Memory is not cleared.
 */
export function allocate(b: CodeBuilder, panics: PanicBlocks): void {
  b.push(31).op('ADD').push(~31n).op('AND');
  b.push(FREE_POINTER).op('MLOAD').swap(1).dup(2).op('ADD'); // [p, np]
  b.dup(1).push(MAX_MEMORY).op('LT').dup(3).dup(3).ops('LT OR');
  panics.panicIf(PanicCode.allocation);
  b.push(FREE_POINTER).op('MSTORE');
}

/** `[pointer, size]` → `[]`: zeroes memory by copying from past the end of calldata (solc's idiom). */
function zeroMemory(b: CodeBuilder): void {
  b.swap(1).op('CALLDATASIZE').swap(1).op('CALLDATACOPY');
}

/** `[]` → `[pointer]`: the current free pointer, for scratch encoding that is not kept. */
export function freePointer(b: CodeBuilder): void {
  b.push(FREE_POINTER).op('MLOAD');
}

/**
 * `[length]` → `[pointer]` to a zeroed `T[]` (length word then one word per element), panicking 0x41
 * when the length exceeds 2^64 − 1 (solc `array_allocation_size`).
 */
export function allocateArray(b: CodeBuilder, panics: PanicBlocks, wordsPerElement = 1): void {
  b.push(MAX_MEMORY).dup(2).op('GT');
  panics.panicIf(PanicCode.allocation);
  b.dup(1)
    .push(32 * wordsPerElement)
    .op('MUL')
    .push(32)
    .op('ADD'); // [n, size]
  b.dup(1);
  allocate(b, panics); // [n, size, p]
  b.dup(1).swap(2); // [n, p, p, size]
  zeroMemory(b); // CALLDATACOPY(p, calldatasize, size)
  b.swap(1).dup(2).op('MSTORE'); // mstore(p, n) → [p]
}
