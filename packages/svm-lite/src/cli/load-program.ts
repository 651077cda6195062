import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from '@polyvm/core';
import { assemble } from '../asm/assembler.js';
import { writeElf } from '../elf/writer.js';

/** Reads a program for the CLI: an ELF (`.so`) as is, sBPF assembly (`.s`, `.asm`) linked to an ELF. */
export function readProgram(path: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new InvalidArgumentError(`cannot read program ${path} (${code})`, { cause });
  }
  if (/\.(s|asm)$/i.test(path)) return writeElf(assemble(new TextDecoder().decode(bytes)));
  return bytes;
}
