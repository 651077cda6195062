import { describe, expect, it } from 'vitest';
import { assembleExecutable } from '../asm/assembler.js';
import { ComputeBudgetExceeded, VmFault } from './errors.js';
import { createVm } from './run.js';

function run(source: string, computeUnits = 10_000): { r0: bigint; used: number; instructions: number } {
  const vm = createVm(assembleExecutable(source), { computeUnits });
  const r0 = vm.run();
  return { r0, used: computeUnits - vm.remaining, instructions: vm.instructions };
}

function fault(source: string, computeUnits = 10_000): unknown {
  try {
    createVm(assembleExecutable(source), { computeUnits }).run();
  } catch (err) {
    return err;
  }
  throw new Error('expected a fault');
}

const U64 = (1n << 64n) - 1n;

describe('sBPF v0 ALU semantics', () => {
  const cases: Array<[string, string, bigint]> = [
    ['mov64 sign-extends its immediate', 'mov64 r0, -1', U64],
    ['mov32 zero-extends its immediate', 'mov32 r0, -1', 0xffffffffn],
    ['add32 sign-extends its result in v0', 'mov32 r0, 0x7fffffff\nadd32 r0, 1', 0xffffffff80000000n],
    ['sub32 sign-extends its result in v0', 'mov32 r0, 0\nsub32 r0, 1', U64],
    ['mul32 sign-extends its result in v0', 'mov32 r0, 0x10000\nmul32 r0, 0x8000', 0xffffffff80000000n],
    ['or32 zero-extends', 'mov64 r0, -1\nor32 r0, 0', 0xffffffffn],
    ['add64 carries into the high half', 'mov32 r0, -1\nadd64 r0, 1', 0x100000000n],
    ['sub64 borrows from the high half', 'lddw r0, 0x100000000\nsub64 r0, 1', 0xffffffffn],
    [
      'mul64 wraps mod 2^64',
      'lddw r0, 0x5851f42d4c957f2d\nlddw r1, 0x14057b7ef767814f\nmul64 r0, r1',
      (0x5851f42d4c957f2dn * 0x14057b7ef767814fn) & U64,
    ],
    ['mul64 by a negative immediate', 'mov64 r0, 3\nmul64 r0, -2', U64 - 5n],
    ['div64 is unsigned', 'mov64 r0, -1\ndiv64 r0, 2', U64 / 2n],
    ['div64 immediate is sign-extended', 'mov64 r0, -1\ndiv64 r0, -1', 1n],
    [
      'mod64 wide operands',
      'lddw r0, 0xffffffffffffff00\nlddw r1, 0x100000001\nmod64 r0, r1',
      0xffffffffffffff00n % 0x100000001n,
    ],
    ['div32 uses the low halves', 'lddw r0, 0x1ffffffff\ndiv32 r0, 2', 0x7fffffffn],
    ['lsh64 across halves', 'mov64 r0, 1\nlsh64 r0, 40', 1n << 40n],
    ['lsh64 masks the shift by 63', 'mov64 r0, 1\nmov64 r1, 65\nlsh64 r0, r1', 2n],
    ['rsh64 across halves', 'lddw r0, 0x8000000000000000\nrsh64 r0, 33', 1n << 30n],
    ['arsh64 keeps the sign', 'lddw r0, 0x8000000000000000\narsh64 r0, 62', U64 - 1n],
    ['arsh32 zero-extends', 'mov32 r0, 0x80000000\narsh32 r0, 4', 0xf8000000n],
    ['neg64', 'mov64 r0, 1\nneg64 r0', U64],
    ['neg64 of zero', 'mov64 r0, 0\nneg64 r0', 0n],
    ['neg32 zero-extends', 'mov64 r0, 1\nneg32 r0', 0xffffffffn],
    ['be16 swaps and truncates', 'lddw r0, 0x1122334455667788\nbe16 r0', 0x8877n],
    ['be64 swaps all bytes', 'lddw r0, 0x1122334455667788\nbe64 r0', 0x8877665544332211n],
    ['le32 truncates', 'lddw r0, 0x1122334455667788\nle32 r0', 0x55667788n],
    ['xor64 with sign-extended immediate', 'mov64 r0, 0\nxor64 r0, -1', U64],
    ['and64 with immediate clears the high half', 'mov64 r0, -1\nand64 r0, 0xff', 0xffn],
  ];
  for (const [name, body, expected] of cases) {
    it(name, () => {
      expect(run(`${body}\nexit`).r0).toBe(expected);
    });
  }
});

describe('sBPF v0 jumps, calls and metering', () => {
  it('unsigned vs signed comparisons', () => {
    const src = (j: string) => `mov64 r1, -1\nmov64 r0, 0\n${j} r1, 1, +1\nexit\nmov64 r0, 1\nexit`;
    expect(run(src('jgt')).r0).toBe(1n);
    expect(run(src('jsgt')).r0).toBe(0n);
    expect(run(src('jslt')).r0).toBe(1n);
    expect(run(src('jlt')).r0).toBe(0n);
  });

  it('charges one compute unit per executed instruction', () => {
    const result = run('mov64 r0, 0\nmov64 r1, 10\nloop:\nadd64 r0, 3\nsub64 r1, 1\njne r1, 0, loop\nexit');
    expect(result.r0).toBe(30n);
    expect(result.used).toBe(2 + 3 * 10 + 1);
    expect(result.instructions).toBe(33);
  });

  it('runs out of compute units on the instruction that has none left', () => {
    const err = fault('loop:\nja loop', 1000);
    expect(err).toBeInstanceOf(ComputeBudgetExceeded);
  });

  it('internal calls save r6-r9 and give each frame its own stack', () => {
    const src = `
      entrypoint:
        mov64 r6, 7
        stdw [r10-8], 11
        call callee
        ldxdw r1, [r10-8]
        add64 r0, r6
        add64 r0, r1
        exit
      callee:
        mov64 r6, 100
        stdw [r10-8], 22
        mov64 r0, 1
        exit`;
    expect(run(src).r0).toBe(1n + 7n + 11n);
  });

  it('faults with CallDepthExceeded on the 64th nested frame', () => {
    const err = fault('entrypoint:\ncall entrypoint\nexit');
    expect(err).toBeInstanceOf(VmFault);
    expect((err as VmFault).kind).toBe('CallDepthExceeded');
  });

  it('stack gaps fault with StackAccessViolation', () => {
    const err = fault('stdw [r10+0], 1\nexit');
    expect((err as VmFault).kind).toBe('StackAccessViolation');
  });

  it('stores to the program region are access violations', () => {
    const err = fault('lddw r1, 0x100000000\nstb [r1+0], 1\nexit');
    expect((err as VmFault).kind).toBe('AccessViolation');
    expect((err as VmFault).details.region).toBe('program');
  });

  it('loads from the program region read the text itself', () => {
    expect(run('lddw r1, 0x100000000\nldxb r0, [r1+0]\nexit').r0).toBe(0x18n);
  });

  it('division by a zero register faults', () => {
    expect((fault('mov64 r1, 0\nmov64 r0, 1\ndiv64 r0, r1\nexit') as VmFault).kind).toBe('DivideByZero');
  });

  it('falling off the end is an ExecutionOverrun', () => {
    expect((fault('mov64 r0, 1') as VmFault).kind).toBe('ExecutionOverrun');
  });

  it('unknown call keys are unsupported instructions', () => {
    expect((fault('syscall not_registered\nexit') as VmFault).kind).toBe('UnsupportedInstruction');
  });

  it('callx jumps to an address in .text', () => {
    const src = `
      entrypoint:
        lddw r2, 0x100000028
        callx r2
        exit
        mov64 r0, 5
      target:
        mov64 r0, 9
        exit`;
    expect(run(src).r0).toBe(9n);
  });
});
