import {
  type Command,
  expectPositionals,
  InvalidArgumentError,
  parseCommandLine,
  parseUserInput,
  readInputFile,
  toHex,
} from '@polyvm/core';
import { assemble } from '../asm/assembler.js';
import { formatDisassembly } from '../asm/disassembler.js';
import { readCode } from './code-input.js';

export const asmCommand: Command = {
  name: 'asm',
  summary: 'Assemble EVM assembly (file, or inline with --code) to hex bytecode',
  usage: 'asm <file> | asm --code "PUSH 1 PUSH 2 ADD"',
  async run(args, io) {
    const { values, positionals } = parseCommandLine(args, { code: { type: 'string' } } as const);
    if (positionals.length > (values.code === undefined ? 1 : 0)) {
      throw new InvalidArgumentError(`unexpected argument "${positionals.at(-1)}"`);
    }
    const path = positionals[0];
    const source =
      values.code ??
      (path === undefined ? undefined : new TextDecoder().decode(readInputFile(path, 'assembly file')));
    if (source === undefined) throw new InvalidArgumentError('missing <file> or --code');
    if (source.trim() === '') throw new InvalidArgumentError('nothing to assemble: the source is empty');
    io.out(toHex(parseUserInput('EVM assembly', () => assemble(source))));
    return 0;
  },
};

export const disasmCommand: Command = {
  name: 'disasm',
  summary: 'Disassemble hex bytecode (inline or from a file)',
  usage: 'disasm <hex|file>',
  async run(args, io) {
    const { positionals } = parseCommandLine(args, {});
    const [source] = expectPositionals(positionals, ['hex|file']);
    io.out(formatDisassembly(readCode(source!, false)));
    return 0;
  },
};
