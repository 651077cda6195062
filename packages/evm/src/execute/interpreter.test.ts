import { fromHex, JournaledState, type Tracer } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/assembler.js';
import { AnalysisCache } from '../decode/analysis.js';
import { slotId } from '../host/substate.js';
import { World } from '../host/world.js';
import { blockEnv } from '../tx/apply.js';
import { Evm } from './evm.js';

const CONTRACT = 0xc0den;

function run(
  code: Uint8Array,
  options: { gas?: number; original?: bigint; warmSlot0?: boolean; isStatic?: boolean; tracer?: Tracer } = {},
) {
  const state = new JournaledState();
  const world = new World(state);
  world.setCode(CONTRACT, code);
  if (options.original) world.setStorage(CONTRACT, 0n, options.original);
  const evm = new Evm(
    world,
    blockEnv(undefined),
    { origin: 1n, gasPrice: 0n, blobHashes: [] },
    new AnalysisCache(),
    options.tracer,
  );
  if (options.warmSlot0) evm.substate.add('warmSlots', slotId(CONTRACT, 0n));
  const gas = options.gas ?? 100_000;
  const result = evm.run({
    kind: 'CALL',
    caller: 1n,
    target: CONTRACT,
    codeAddress: CONTRACT,
    value: 0n,
    transfer: false,
    input: new Uint8Array(0),
    gas,
    isStatic: options.isStatic ?? false,
    depth: 0,
  });
  return {
    result,
    gasUsed: gas - result.gasLeft,
    refund: evm.substate.refund,
    world,
    counts: Array.from(evm.opCounts),
    dynamicGas: Array.from(evm.dynamicGas),
  };
}

describe('EIP-3529 SSTORE test table (slot warm, gas used by the code)', () => {
  // Code, used gas, refund, original value — the cases listed in EIP-3529.
  const table: Array<[string, number, number, bigint]> = [
    ['0x60006000556000600055', 212, 0, 0n],
    ['0x60006000556001600055', 20112, 0, 0n],
    ['0x60016000556000600055', 20112, 19900, 0n],
    ['0x60016000556002600055', 20112, 0, 0n],
    ['0x60016000556001600055', 20112, 0, 0n],
    ['0x60006000556000600055', 3012, 4800, 1n],
    ['0x60006000556001600055', 3012, 2800, 1n],
    ['0x60006000556002600055', 3012, 0, 1n],
    ['0x60026000556000600055', 3012, 4800, 1n],
    ['0x60026000556003600055', 3012, 0, 1n],
    ['0x60026000556001600055', 3012, 2800, 1n],
    ['0x60026000556002600055', 3012, 0, 1n],
    ['0x60016000556000600055', 3012, 4800, 1n],
    ['0x60016000556002600055', 3012, 0, 1n],
    ['0x60016000556001600055', 212, 0, 1n],
    ['0x600160005560006000556001600055', 40118, 19900, 0n],
    ['0x600060005560016000556000600055', 5918, 7600, 1n],
  ];
  for (const [code, used, refund, original] of table) {
    it(`${code} from ${original}`, () => {
      const out = run(fromHex(code), { original, warmSlot0: true });
      expect(out.result.success).toBe(true);
      expect(out.gasUsed).toBe(used);
      expect(out.refund).toBe(refund);
    });
  }
  it('charges the EIP-2929 cold surcharge on first access', () => {
    expect(run(fromHex('0x60006000556000600055')).gasUsed).toBe(212 + 2100);
  });
});

describe('exceptional halts consume all gas; REVERT returns the rest', () => {
  it('stack underflow', () => {
    const out = run(assemble('ADD'), { gas: 5000 });
    expect(out.result).toMatchObject({ success: false, reverted: false, gasLeft: 0 });
    expect(out.result.error).toMatch(/stack underflow/);
  });
  it('jump into PUSH data', () => {
    const out = run(assemble('PUSH 3 JUMP PUSH1 0x5b'));
    expect(out.result).toMatchObject({ success: false, gasLeft: 0 });
    expect(out.result.error).toMatch(/invalid jump/);
  });
  it('valid jump', () => {
    const out = run(assemble('PUSH @end JUMP INVALID end: JUMPDEST'));
    expect(out.result.success).toBe(true);
    expect(out.gasUsed).toBe(3 + 8 + 1);
  });
  it('REVERT keeps gas and data and undoes storage', () => {
    const out = run(assemble('PUSH 1 PUSH 0 SSTORE PUSH 0xbeef PUSH 0 MSTORE PUSH 2 PUSH 30 REVERT'));
    expect(out.result.reverted).toBe(true);
    expect(Buffer.from(out.result.output).toString('hex')).toBe('beef');
    // PUSH1, PUSH0, cold SSTORE of a fresh slot, PUSH2, PUSH0, MSTORE + 1 word, PUSH1, PUSH1, REVERT
    expect(out.gasUsed).toBe(3 + 2 + 22100 + 3 + 2 + 3 + 3 + 3 + 3);
    expect(out.world.getStorage(CONTRACT, 0n)).toBe(0n);
  });
  it('SSTORE in a static context', () => {
    const out = run(assemble('PUSH 1 PUSH 0 SSTORE'), { isStatic: true });
    expect(out.result).toMatchObject({ success: false, gasLeft: 0 });
  });
  it('out of gas mid-way', () => {
    const out = run(assemble('PUSH 1 PUSH 0 SSTORE'), { gas: 20000 });
    expect(out.result).toMatchObject({ success: false, gasLeft: 0, outOfGas: true });
  });
  it('memory expansion cost: MSTORE at 0 then at 1024·32', () => {
    expect(run(assemble('PUSH 1 PUSH 0 MSTORE')).gasUsed).toBe(3 + 2 + 3 + 3); // PUSH 0 assembles to PUSH0
    expect(run(assemble('PUSH 1 PUSH 32736 MSTORE')).gasUsed).toBe(3 + 3 + 3 + 5120);
  });
  it('EXP with a two-byte exponent costs 10 + 100', () => {
    expect(run(assemble('PUSH 0x100 PUSH 2 EXP')).gasUsed).toBe(3 + 3 + 110);
  });
});

describe('call depth limit (1024)', () => {
  it('recurses to depth 1024 on the explicit frame stack; the 1025th call fails without a host error', () => {
    const code = assemble('PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 ADDRESS GAS CALL PUSH0 SSTORE');
    let deepest = 0;
    const out = run(code, {
      gas: 200_000_000_000,
      tracer: (step) => (deepest = Math.max(deepest, step.depth)),
    });
    expect(out.result.success).toBe(true);
    expect(deepest).toBe(1024);
  });
});

// Untraced runs charge constant gas per straight-line run (decode/blocks.ts), traced runs per
// instruction: at every gas limit around each program's cost they must end alike (status, gas left,
// output, error, instruction counts, gas breakdown).
describe('per-run and per-instruction gas checks agree', () => {
  const programs: Record<string, string> = {
    loop: `PUSH 5 loop: JUMPDEST PUSH 1 SWAP1 SUB DUP1 DUP1 MUL POP DUP1 PUSH @loop JUMPI STOP`,
    memory: `PUSH 7 PUSH 64 MSTORE PUSH 64 MLOAD PUSH 2 EXP PUSH 0 SSTORE PUSH 3 GAS PUSH 1 ADD PUSH 0 MSTORE PUSH 32 PUSH 0 RETURN`,
    underflow: `PUSH 1 PUSH 2 ADD ADD STOP`,
    overflowLate: `PUSH 1 PUSH 2 PUSH 3 ADD ADD PUSH 0 MSTORE PUSH 32 PUSH 0 RETURN`,
  };
  for (const [name, asm] of Object.entries(programs)) {
    it(name, () => {
      const code = assemble(asm);
      for (let gas = 0; gas < 25_000; gas += gas < 200 ? 1 : 997) {
        const { world: _fast, ...fast } = run(code, { gas });
        const { world: _slow, ...slow } = run(code, { gas, tracer: () => {} });
        expect(fast, `gas ${gas}`).toEqual(slow);
      }
    });
  }
});
