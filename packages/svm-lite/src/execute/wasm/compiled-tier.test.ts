import { describe, expect, it, vi } from 'vitest';
import { assembleExecutable } from '../../asm/assembler.js';
import { fibonacciSource } from '../../asm/sample-programs.js';
import { executableFromText } from '../../elf/executable.js';
import { createVm } from '../run.js';
import { CompiledTier } from './compiled-tier.js';

/**
 * Blocks translated to WebAssembly against the interpreter: random programs (every compiled opcode, loops, stack
 * loads and stores that sometimes leave the frame, divisions and exits the interpreter keeps) run
 * both ways must agree on the result or fault, compute units left, instructions, pc and registers.
 */
const COMPILED = [
  0x04, 0x0c, 0x14, 0x1c, 0x24, 0x2c, 0x44, 0x4c, 0x54, 0x5c, 0x64, 0x6c, 0x74, 0x7c, 0x84, 0xa4, 0xac, 0xb4,
  0xbc, 0xc4, 0xcc, 0xd4, 0xdc, 0x07, 0x0f, 0x17, 0x1f, 0x27, 0x2f, 0x47, 0x4f, 0x57, 0x5f, 0xa7, 0xaf, 0x67,
  0x6f, 0x77, 0x7f, 0xc7, 0xcf, 0x87, 0xb7, 0xbf, 0x05, 0x15, 0x1d, 0x55, 0x5d, 0x45, 0x4d, 0x25, 0x2d, 0x35,
  0x3d, 0xa5, 0xad, 0xb5, 0xbd, 0x65, 0x6d, 0x75, 0x7d, 0xc5, 0xcd, 0xd5, 0xdd, 0x71, 0x69, 0x61, 0x79, 0x72,
  0x6a, 0x62, 0x7a, 0x73, 0x6b, 0x63, 0x7b,
];
const INTERPRETED = [0x37, 0x3f, 0x97, 0x9f, 0x34, 0x9c, 0x95];
const MEMORY = new Set([0x71, 0x69, 0x61, 0x79, 0x72, 0x6a, 0x62, 0x7a, 0x73, 0x6b, 0x63, 0x7b]);

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x1_0000_0000;
  };
}

function randomText(random: () => number, length: number): Uint8Array {
  const text = new Uint8Array(length * 8);
  const view = new DataView(text.buffer);
  const below = (n: number) => Math.floor(random() * n);
  const interesting = [0, 1, -1, 7, 31, 32, 63, 64, 0x7fffffff, -0x80000000, 16];
  for (let pc = 0; pc < length; pc++) {
    const at = pc * 8;
    let opcode =
      random() < 0.05 ? INTERPRETED[below(INTERPRETED.length)]! : COMPILED[below(COMPILED.length)]!;
    if (pc === length - 1) opcode = 0x95;
    const memory = MEMORY.has(opcode);
    // Memory goes through r10 (the stack) most of the time, sometimes past the frame.
    const dst = memory && opcode >= 0x62 && (opcode & 0x07) !== 1 ? 10 : below(10);
    const src = memory && (opcode & 0x07) === 1 ? 10 : below(11);
    const off = memory ? -8 * (1 + below(600)) : below(2) ? below(9) : -below(12);
    const imm =
      opcode === 0xd4 || opcode === 0xdc
        ? [16, 32, 64, 8][below(4)]!
        : interesting[below(interesting.length)]! + (random() < 0.5 ? below(1000) : 0);
    view.setUint8(at, opcode);
    view.setUint8(at + 1, (src << 4) | dst);
    view.setInt16(at + 2, off, true);
    view.setInt32(at + 4, imm | 0, true);
  }
  return text;
}

function outcome(text: Uint8Array, compileThreshold: number) {
  const vm = createVm(executableFromText(text), { computeUnits: 4000, compileThreshold });
  let result: unknown;
  try {
    result = vm.run();
  } catch (err) {
    const e = err as Error & { details?: unknown };
    result = `${e.name}: ${e.message} ${JSON.stringify(e.details)}`;
  }
  return {
    result,
    remaining: vm.remaining,
    instructions: vm.instructions,
    pc: vm.pc,
    lo: [...vm.lo],
    hi: [...vm.hi],
  };
}

describe('translated blocks match the interpreter', () => {
  it('on 600 random programs with loops, faults and exhaustion', () => {
    const random = rng(0xb10c);
    let compared = 0;
    let faulted = 0;
    for (let i = 0; i < 600; i++) {
      const text = randomText(random, 8 + Math.floor(random() * 40));
      const interpreted = outcome(text, Number.POSITIVE_INFINITY);
      expect(outcome(text, 1)).toEqual(interpreted);
      if (typeof interpreted.result === 'string') faulted++;
      compared++;
    }
    console.log(
      `translated tier: ${compared} random programs identical to the interpreter (${faulted} ended in a fault)`,
    );
    expect(faulted).toBeGreaterThan(50);
    expect(compared - faulted).toBeGreaterThan(50);
  });
});

describe('translated calls, exits, exhaustion and faults match the interpreter', () => {
  const recursion = (depth: number, prologue = '') => fibonacciSource(depth, { prologue });
  const cases: Array<[string, string, number]> = [
    ['fib(12) completes', recursion(12), 100_000],
    ['fib(16) runs out of compute units mid-recursion', recursion(16), 7_777],
    ['recursion past 64 frames is CallDepthExceeded', recursion(70, 'stxdw [r10-8], r1'), 100_000],
    ['a frame store past the frame faults inside a callee', recursion(5, 'stxdw [r10-4100], r1'), 100_000],
    [
      'a self-loop runs out of compute units mid-pass',
      'loop:\nadd64 r0, 1\nxor64 r2, r0\njne r0, 0, loop\nexit',
      1001,
    ],
    [
      'a self-loop walking down the stack faults on the gap below its frame',
      'mov64 r1, r10\nloop:\nadd64 r1, -8\nstxdw [r1+0], r0\nadd64 r0, 1\nja loop',
      100_000,
    ],
    [
      'a two-block loop runs out of compute units inside its second block',
      'loop:\nadd64 r0, 1\njgt r0, 1000000, out\nxor64 r1, r0\nlsh64 r1, 2\nmul64 r1, 3\nja loop\nout:\nexit',
      1003,
    ],
    [
      'a hot loop divides by zero mid-block',
      'mov64 r2, 20\nloop:\nadd64 r0, 7\nsub64 r2, 1\nmov64 r3, r2\ndiv64 r0, r3\nmod32 r0, r3\nja loop',
      100_000,
    ],
    [
      'a hot loop loads past the end of the heap mid-block',
      'lddw r1, 0x300007f00\nloop:\nadd64 r0, 1\nldxdw r2, [r1+0]\nadd64 r1, 8\nja loop',
      100_000,
    ],
    [
      "a load as a block's first instruction faults in the interpreter once the block is hot",
      'mov64 r1, r10\nloop:\nldxdw r2, [r1-8]\nadd64 r1, -8\nja loop',
      100_000,
    ],
  ];
  it.each(cases)('%s', (_name, source, computeUnits) => {
    const executable = assembleExecutable(source);
    const run = (compileThreshold: number) => {
      const vm = createVm(executable, { computeUnits, compileThreshold });
      let result: unknown;
      try {
        result = vm.run();
      } catch (err) {
        result = `${(err as Error).name}: ${(err as Error).message}`;
      }
      return {
        result,
        remaining: vm.remaining,
        instructions: vm.instructions,
        pc: vm.pc,
        depth: vm.depth,
        lo: [...vm.lo],
        hi: [...vm.hi],
      };
    };
    const interpreted = run(Number.POSITIVE_INFINITY);
    const entries = vi.spyOn(CompiledTier.prototype, 'run');
    try {
      expect(run(1)).toEqual(interpreted);
      expect(entries).toHaveBeenCalled();
    } finally {
      entries.mockRestore();
    }
  });
});

describe('compile work is bounded', () => {
  it('30,000 distinct hot blocks cost no more than the interpreter would (leaders + a per-executable cap)', () => {
    // Every `ja +0` is a block of its own; the outer loop makes each of them hot.
    const source = `mov64 r6, 0\ntop:\n${'ja +0\n'.repeat(30_000)}add64 r6, 1\njlt r6, 3, top\nmov64 r0, r6\nexit`;
    const executable = assembleExecutable(source);
    const started = performance.now();
    const vm = createVm(executable, { computeUnits: 1_400_000 });
    expect(vm.run()).toBe(3n);
    const compiledMs = performance.now() - started;
    const interpretedStart = performance.now();
    const interpreted = createVm(executable, {
      computeUnits: 1_400_000,
      compileThreshold: Number.POSITIVE_INFINITY,
    });
    expect(interpreted.run()).toBe(3n);
    const interpretedMs = performance.now() - interpretedStart;
    expect(vm.remaining).toBe(interpreted.remaining);
    // Without leaders and the cap this compiled 30,000 functions of up to 256 instructions each
    // (1.7 s against 0.13 s on the machine this was written on).
    expect(compiledMs).toBeLessThan(5 * interpretedMs + 300);
  }, 20_000);
});
