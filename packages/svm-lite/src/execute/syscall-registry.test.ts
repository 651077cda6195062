import { describe, expect, it } from 'vitest';
import { assembleExecutable } from '../asm/assembler.js';
import { createVm } from './run.js';
import { SyscallRegistry, smallWordArg, wordArg } from './syscall-registry.js';

// r1..r5 around the edges of the number fast path: u64::MAX, 2^53 + 1, 2^53 − 1, −2, the counter.
const SOURCE = `
entrypoint:
  mov64 r6, 3
loop:
  lddw r1, 0xffffffffffffffff
  lddw r2, 0x20000000000001
  lddw r3, 0x1fffffffffffff
  mov64 r4, -2
  mov64 r5, r6
  syscall wide
  mov64 r7, r0
  syscall words
  add64 r0, r7
  sub64 r6, 1
  jne r6, 0, loop
  exit`;

const EXPECTED_ARGS = (counter: bigint) => [
  (1n << 64n) - 1n,
  (1n << 53n) + 1n,
  (1n << 53n) - 1n,
  (1n << 64n) - 2n,
  counter,
];

function run(compileThreshold: number) {
  const wide: bigint[][] = [];
  const words: Array<{ exact: bigint[]; small: number[] }> = [];
  const syscalls = new SyscallRegistry<undefined>()
    .register('wide', (_vm, ...args) => {
      wide.push(args);
      return -2n; // masked to u64::MAX − 1
    })
    .registerWords('words', (_vm, w) => {
      words.push({
        exact: [1, 2, 3, 4, 5].map((r) => wordArg(w, r)),
        small: [1, 2, 3, 4, 5].map((r) => smallWordArg(w, r)),
      });
      return 7;
    });
  const vm = createVm(assembleExecutable(SOURCE), { syscalls, compileThreshold });
  return { r0: vm.run(), wide, words, instructions: vm.instructions, remaining: vm.remaining };
}

describe('syscall arguments as 32-bit halves', () => {
  for (const [tier, threshold] of [
    ['interpreter', Number.POSITIVE_INFINITY],
    ['translated tier', 1],
  ] as const) {
    it(`${tier}: bigint handlers get exact u64s, word handlers exact halves, r0 comes back masked`, () => {
      const { r0, wide, words } = run(threshold);
      expect(r0).toBe(5n); // (2^64 − 2 + 7) mod 2^64
      expect(wide).toEqual([3n, 2n, 1n].map(EXPECTED_ARGS));
      expect(words.map((w) => w.exact)).toEqual([3n, 2n, 1n].map(EXPECTED_ARGS));
      // Below 2^53 a number, at or above it -1 (the caller takes the exact path).
      expect(words.map((w) => w.small)).toEqual([3, 2, 1].map((c) => [-1, -1, 2 ** 53 - 1, -1, c]));
    });
  }

  it('both tiers agree on compute units', () => {
    const [a, b] = [run(Number.POSITIVE_INFINITY), run(1)];
    expect([b.instructions, b.remaining]).toEqual([a.instructions, a.remaining]);
  });
});
