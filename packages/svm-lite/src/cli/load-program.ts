import { readFileSync } from 'node:fs';
import { assemble } from '../asm/assembler.js';
import { writeElf } from '../elf/writer.js';

/** Reads a program for the CLI: an ELF (`.so`) as is, sBPF assembly (`.s`, `.asm`) linked to an ELF. */
export function readProgram(path: string): Uint8Array {
  const bytes = new Uint8Array(readFileSync(path));
  if (/\.(s|asm)$/i.test(path)) return writeElf(assemble(new TextDecoder().decode(bytes)));
  return bytes;
}
