import { toHex } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assemble, deployCode } from './assembler.js';
import { disassemble, formatDisassembly } from './disassembler.js';

describe('assembler', () => {
  it('picks the smallest PUSH, PUSH0 for zero, and resolves labels as PUSH2', () => {
    expect(toHex(assemble('PUSH 0 PUSH 255 PUSH 256 PUSH4 1'))).toBe('0x5f60ff6101006300000001');
    expect(toHex(assemble('start: JUMPDEST PUSH @start JUMP'))).toBe('0x5b61000056');
    expect(toHex(assemble('push1 0x2a ; comment\n// another\n.bytes 0xdead SHA3'))).toBe('0x602adead20');
  });
  it('reports errors with their line', () => {
    expect(() => assemble('PUSH 1\nFOO')).toThrow(/line 2: unknown mnemonic "FOO"/);
    expect(() => assemble('PUSH @nowhere')).toThrow(/unknown label "nowhere"/);
    expect(() => assemble('PUSH1 0x100')).toThrow(/does not fit in PUSH1/);
    expect(() => assemble('a: a:')).toThrow(/defined twice/);
    expect(() => assemble('PUSH')).toThrow(/needs an argument/);
    expect(() => assemble(`PUSH 0x1${'00'.repeat(32)}`)).toThrow(/exceeds 256 bits/);
  });
  it('deployCode runs the constructor, then returns the runtime code', () => {
    const init = deployCode(Uint8Array.of(0xaa, 0xbb), Uint8Array.of(0x5f, 0x50));
    // PUSH0 POP | PUSH2 2 DUP1 PUSH2 13 PUSH0 CODECOPY PUSH0 RETURN | aa bb
    expect(toHex(init)).toBe('0x5f506100028061000d5f395ff3aabb');
  });
});

describe('disassembler', () => {
  it('skips PUSH data and zero-pads a truncated final PUSH', () => {
    expect(disassemble(Uint8Array.of(0x61, 0x5b, 0x5b, 0x5b, 0x62, 0x01))).toEqual([
      { pc: 0, opcode: 0x61, name: 'PUSH2', immediate: '0x5b5b' },
      { pc: 3, opcode: 0x5b, name: 'JUMPDEST' },
      { pc: 4, opcode: 0x62, name: 'PUSH3', immediate: '0x010000' },
    ]);
  });
  it('names undefined bytes and round-trips through the assembler', () => {
    expect(formatDisassembly(Uint8Array.of(0x0c))).toBe('    0  UNDEFINED(0x0c)');
    const code = assemble('PUSH 7 PUSH 9 ADD PUSH0 MSTORE');
    const text = disassemble(code)
      .map((i) => `${i.name} ${i.immediate ?? ''}`)
      .join('\n');
    expect(assemble(text)).toEqual(code);
  });
});
