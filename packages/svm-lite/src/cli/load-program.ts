import { expectBinaryFormat, parseUserInput, readInputFile } from '@polyvm/core';
import { assemble } from '../asm/assembler.js';
import { writeElf } from '../elf/writer.js';

/**
 * Reads a program for the CLI: an ELF (`.so`) as is, sBPF assembly (`.s`, `.asm`) linked to an ELF.
 * A file of another format (`svm run x.wasm`) or assembly that does not assemble is a usage error.
 */
export function readProgram(path: string): Uint8Array {
  const bytes = readInputFile(path, 'program');
  if (/\.(s|asm)$/i.test(path)) {
    const source = new TextDecoder().decode(bytes);
    return parseUserInput('sBPF assembly', () => writeElf(assemble(source)));
  }
  expectBinaryFormat(bytes, 'elf', path);
  return bytes;
}
