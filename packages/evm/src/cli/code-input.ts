import {
  fromHex,
  InvalidArgumentError,
  parseUserInput,
  readInputFile,
  refuseBinaryFormat,
} from '@polyvm/core';
import { assemble } from '../asm/assembler.js';

const HEX = /^(0x)?([0-9a-fA-F]{2})*$/;

/**
 * Bytecode named on the command line: inline hex, a file of hex, or (with `asm`) assembly given
 * inline or as a file. A binary file of another VM, text that is not hex, bad assembly and empty
 * code are refused as usage errors.
 */
export function readCode(arg: string, isAssembly: boolean): Uint8Array {
  const inline = isAssembly ? !looksLikePath(arg) : HEX.test(arg) || /^0x/i.test(arg);
  let text = arg;
  if (!inline) {
    const bytes = readInputFile(arg, isAssembly ? 'assembly file' : 'bytecode file');
    refuseBinaryFormat(bytes, isAssembly ? 'EVM assembly' : 'EVM bytecode as hex', arg);
    text = new TextDecoder().decode(bytes).trim();
  }
  const code = isAssembly
    ? parseUserInput('EVM assembly', () => assemble(text))
    : HEX.test(text) || (inline && /^0x/i.test(text))
      ? fromHex(text)
      : undefined;
  if (code === undefined) throw new InvalidArgumentError(`"${arg}" does not hold hex bytecode`);
  if (code.length === 0) throw new InvalidArgumentError(`"${arg}" is empty: no bytecode to run`);
  return code;
}

/** Inline assembly has spaces or no file-name shape; a path has a slash or an extension. */
function looksLikePath(arg: string): boolean {
  return !/\s/.test(arg) && /[/\\]|\.[A-Za-z]+$/.test(arg);
}
