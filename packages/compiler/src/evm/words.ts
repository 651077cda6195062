import { UnsupportedError } from '@polyvm/core';
import { type IrType, typeName } from '../ir/index.js';
import type { CodeBuilder } from './code-builder.js';

/**
 * How a value type sits in a 256-bit stack word ("clean" form, as solc keeps it): unsigned numbers,
 * addresses and bools zero-extended, signed numbers sign-extended, `bytesN` left-aligned with zero low
 * bytes. Every generated expression leaves its value clean, so operations never re-clean their inputs.
 */
export type WordShape =
  | { readonly kind: 'unsigned'; readonly bits: number }
  | { readonly kind: 'signed'; readonly bits: number }
  | { readonly kind: 'left'; readonly bytes: number };

const WORD_MAX = (1n << 256n) - 1n;

export function wordShape(type: IrType): WordShape {
  switch (type.kind) {
    case 'uint':
      return { kind: 'unsigned', bits: type.bits };
    case 'int':
      return { kind: 'signed', bits: type.bits };
    case 'bool':
      return { kind: 'unsigned', bits: 1 };
    case 'address':
      return { kind: 'unsigned', bits: 160 };
    case 'fixedBytes':
      return { kind: 'left', bytes: type.size };
    default:
      throw new UnsupportedError(`evm: ${typeName(type)} is not a value type`);
  }
}

export function lowMask(bits: number): bigint {
  return (1n << BigInt(bits)) - 1n;
}

/** Mask of the `bytes` high-order bytes of a word (where a bytesN value lives). */
function highMask(bytes: number): bigint {
  return WORD_MAX ^ lowMask(256 - 8 * bytes);
}

/** Re-cleans a word after an operation that may have spilled outside the type (wrapping arithmetic). */
export function cleanup(b: CodeBuilder, shape: WordShape): void {
  if (shape.kind === 'unsigned') {
    if (shape.bits < 256) b.push(lowMask(shape.bits)).op('AND');
  } else if (shape.kind === 'signed') {
    if (shape.bits < 256) b.push(shape.bits / 8 - 1).op('SIGNEXTEND');
  } else if (shape.bytes < 32) b.push(highMask(shape.bytes)).op('AND');
}

/** Pushes the stack-word encoding of a constant of `type` (IR constants are mathematical values). */
export function constantWord(type: IrType, value: bigint): bigint {
  const shape = wordShape(type);
  const word = value & WORD_MAX;
  return shape.kind === 'left' ? word << BigInt(256 - 8 * shape.bytes) : word;
}

/** A byte string as big-endian 32-byte words, the last one zero-padded on the right. */
export function literalWords(bytes: Uint8Array): bigint[] {
  const words: bigint[] = [];
  for (let w = 0; w < bytes.length; w += 32) {
    let word = 0n;
    for (let i = 0; i < 32; i++) word = (word << 8n) | BigInt(bytes[w + i] ?? 0);
    words.push(word);
  }
  return words;
}
