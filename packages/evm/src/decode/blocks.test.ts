import { JournaledState } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/assembler.js';
import { Evm } from '../execute/evm.js';
import { World } from '../host/world.js';
import { blockEnv } from '../tx/apply.js';
import { AnalysisCache } from './analysis.js';
import { analyzeBlocks, ENDS_BLOCK } from './blocks.js';

const CONTRACT = 0xc0den;

/** Runs `code` with or without a tracer (a tracer forces per-instruction checks). */
function run(code: Uint8Array, gas: number, traced: boolean) {
  const world = new World(new JournaledState());
  world.setCode(CONTRACT, code);
  const evm = new Evm(
    world,
    blockEnv(undefined),
    { origin: 1n, gasPrice: 0n, blobHashes: [] },
    new AnalysisCache(),
    traced ? () => {} : undefined,
  );
  const result = evm.run({
    kind: 'CALL',
    caller: 1n,
    target: CONTRACT,
    codeAddress: CONTRACT,
    value: 0n,
    transfer: false,
    input: new Uint8Array(0),
    gas,
    isStatic: false,
    depth: 0,
  });
  return { ...result, counts: Array.from(evm.opCounts), dynamicGas: Array.from(evm.dynamicGas) };
}

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

  // Untraced runs take the per-run path, traced runs the per-instruction one: at every gas limit
  // around the program's cost they must end alike (status, gas left, error, instruction counts).
  const programs: Record<string, string> = {
    loop: `PUSH 5 loop: JUMPDEST PUSH 1 SWAP1 SUB DUP1 DUP1 MUL POP DUP1 PUSH @loop JUMPI STOP`,
    memory: `PUSH 7 PUSH 64 MSTORE PUSH 64 MLOAD PUSH 2 EXP PUSH 0 SSTORE PUSH 3 GAS PUSH 1 ADD PUSH 0 MSTORE PUSH 32 PUSH 0 RETURN`,
    underflow: `PUSH 1 PUSH 2 ADD ADD STOP`,
    overflowLate: `PUSH 1 PUSH 2 PUSH 3 ADD ADD PUSH 0 MSTORE PUSH 32 PUSH 0 RETURN`,
  };
  for (const [name, asm] of Object.entries(programs)) {
    it(`${name}: per-run and per-instruction checks agree at every gas limit`, () => {
      const code = assemble(asm);
      for (let gas = 0; gas < 25_000; gas += gas < 200 ? 1 : 997) {
        const fast = run(code, gas, false);
        const slow = run(code, gas, true);
        expect(fast, `gas ${gas}`).toEqual(slow);
      }
    });
  }
});
