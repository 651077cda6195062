import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/assembler.js';
import { analyzeBlocks, ENDS_BLOCK } from './blocks.js';

describe('straight-line runs (gas and stack checked once per run)', () => {
  it('sums constant gas and stack bounds from each instruction to the end of its run', () => {
    // PUSH1 1 (3) DUP1 (3) ADD (3) GAS (2, ends the run) POP (2) STOP (0)
    const code = assemble('PUSH 1 DUP1 ADD GAS POP STOP');
    const { gas, minStack, maxStack } = analyzeBlocks(code);
    expect(Array.from(gas.subarray(0, code.length))).toEqual([11, 0, 8, 5, 2, 2, 0]);
    expect(minStack[0]).toBe(0);
    expect(minStack[3]).toBe(2); // ADD needs two
    expect(minStack[2]).toBe(1); // DUP1 then ADD: one is enough
    expect(maxStack[0]).toBe(1022); // PUSH then DUP: two more slots needed
    expect(minStack[5]).toBe(1); // POP
  });

  it('ends runs at jumps, gas readers and dynamic charges, and at undefined opcodes', () => {
    for (const op of [0x56, 0x57, 0x5a, 0x55, 0x51, 0x0a, 0xf1, 0xfe, 0x0c]) expect(ENDS_BLOCK[op]).toBe(1);
    for (const op of [0x01, 0x02, 0x60, 0x80, 0x90, 0x5b, 0x50]) expect(ENDS_BLOCK[op]).toBe(0);
  });

  it('a truncated final PUSH runs into the implicit STOP', () => {
    const code = new Uint8Array([0x60, 0x01, 0x61, 0xff]);
    expect(analyzeBlocks(code).gas[0]).toBe(6);
  });
});
