import { describe, expect, it } from 'vitest';
import { detectBinaryFormat, expectBinaryFormat, refuseBinaryFormat } from './file-format.js';

const WASM = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0);
const ELF = Uint8Array.of(0x7f, 0x45, 0x4c, 0x46, 2);
const MOVE = Uint8Array.of(0xa1, 0x1c, 0xeb, 0x0b, 6);

describe('binary formats by magic bytes', () => {
  it('detects ELF, WebAssembly and Move binaries', () => {
    expect([ELF, WASM, MOVE, Uint8Array.of(1, 2)].map(detectBinaryFormat)).toEqual([
      'elf',
      'wasm',
      'move',
      undefined,
    ]);
  });

  it('names what a wrong file is and which group reads it', () => {
    expect(() => expectBinaryFormat(WASM, 'elf', 'x.wasm')).toThrow(
      '"x.wasm" is a WebAssembly module, not an ELF program (use polyvm wasm)',
    );
    expect(() => expectBinaryFormat(Uint8Array.of(1), 'move', 'x')).toThrow(
      '"x" is not a Move module or script',
    );
    expect(() => expectBinaryFormat(MOVE, 'move', 'x.mv')).not.toThrow();
    expect(() => refuseBinaryFormat(ELF, 'EVM bytecode', 'p.so')).toThrow(
      'is an ELF program, not EVM bytecode (use polyvm svm)',
    );
    expect(() => refuseBinaryFormat(new TextEncoder().encode('0x00'), 'EVM bytecode', 'c.hex')).not.toThrow();
  });
});
