import { addressFromHex, collectSteps, JournaledState } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assembleToBytes } from '../asm/assemble.js';
import { MoveRuntime } from '../runtime.js';
import { publishStdlib } from '../stdlib.js';
import { BRANCH, FUSED, fuseLiterals, STORE } from './fusion.js';

const OWNER = addressFromHex('0x42', 32);

/** Fused literals that fail: overflow, division by zero, and a push onto a full operand stack. */
const SOURCE = `module 0x42::fusion
public fun add_max(x: u64): u64 {
  CopyLoc x
  LdU64 18446744073709551615
  Add
  Ret
}
public fun mod_zero(x: u64): u64 {
  CopyLoc x
  LdU64 0
  Mod
  Ret
}
public fun at_least_five(x: u64): bool {
  CopyLoc x
  LdU64 5
  Ge
  Ret
}
public fun clamp(x: u64): u64 {
  CopyLoc x
  LdU64 10
  Gt
  BrFalse Small
  LdU64 10
  Ret
Small:
  CopyLoc x
  CopyLoc x
  Le
  BrFalse Never
  MoveLoc x
  Ret
Never:
  LdU64 99
  Ret
}
public fun sum_to(n: u64): u64 {
  locals s: u64, i: u64
  LdU64 0
  StLoc s
  LdU64 0
  StLoc i
Loop:
  CopyLoc i
  CopyLoc n
  Lt
  BrFalse Done
  MoveLoc s
  CopyLoc i
  Add
  StLoc s
  MoveLoc i
  LdU64 1
  Add
  StLoc i
  Branch Loop
Done:
  MoveLoc s
  LdU64 3
  Div
  Ret
}
public fun wide(x: u64): u128 {
  CopyLoc x
  CastU128
  LdU128 170141183460469231731687303715884105728
  Mul
  LdU128 3
  Div
  Ret
}
public fun deep(n: u64): u64 {
  locals r: u64
  LdU64 7
  LdU64 7
  LdU64 7
  CopyLoc n
  LdU64 1
  Sub
  Call deep
  StLoc r
  Pop
  Pop
  Pop
  MoveLoc r
  Ret
}
`;

const u64 = (v: bigint): Uint8Array => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, v, true);
  return b;
};

describe('literal fusion', () => {
  it('fuses a literal load only with an arithmetic or comparison consumer inside its segment', () => {
    const ops = Uint8Array.of(0x06, 0x16, 0x32, 0x0c, 0x06, 0x23, 0x02);
    const noStarts = new Int32Array(ops.length);
    expect([...fuseLiterals(ops, noStarts)]).toEqual([
      FUSED | 0x16,
      0x16,
      0x32,
      0x0c,
      FUSED | 0x23,
      0x23,
      0x02,
    ]);
    const startAtLt = noStarts.slice();
    startAtLt[5] = 2; // a branch lands on the Lt: its operand may come from elsewhere
    expect(fuseLiterals(ops, startAtLt)[4]).toBe(0x06);

    const store = Uint8Array.of(0x32, 0x19, 0x0c, 0x0a, 0x16, 0x0c, 0x0c);
    expect([...fuseLiterals(store, new Int32Array(7))]).toEqual([
      FUSED | STORE | 0x19,
      STORE | 0x19,
      0x0c,
      0x0a,
      STORE | 0x16,
      0x0c,
      0x0c,
    ]);
    const branch = Uint8Array.of(0x06, 0x24, 0x04, 0x0a, 0x25, 0x04);
    expect([...fuseLiterals(branch, new Int32Array(6))]).toEqual([
      FUSED | BRANCH | 0x24,
      BRANCH | 0x24,
      0x04,
      0x0a,
      BRANCH | 0x25,
      0x04,
    ]);
  });

  it('fused runs fail, charge and count exactly as traced (unfused) runs', () => {
    const runtime = new MoveRuntime();
    const state = new JournaledState();
    publishStdlib(runtime, state);
    runtime.deploy(state, { sender: OWNER, code: assembleToBytes(SOURCE), gasLimit: 100_000_000n });
    const run = (fn: string, x: bigint, traced: boolean) => {
      const r = runtime.execute(
        state,
        {
          sender: OWNER,
          input: new Uint8Array(0),
          value: 0n,
          nonce: 0n,
          gasLimit: 2_000_000_000n,
          payload: { module: '0x42::fusion', function: fn, args: [u64(x)] },
        },
        traced ? { tracer: collectSteps().tracer } : undefined,
      );
      const { status, gasUsed, gasBreakdown, returnData } = r;
      return {
        status,
        gasUsed,
        gasBreakdown,
        returnData,
        steps: r.metrics.instructions,
        error: r.error?.message,
      };
    };
    const cases: [string, bigint][] = [
      ['add_max', 0n],
      ['add_max', 1n],
      ['mod_zero', 9n],
      ['at_least_five', 4n],
      ['at_least_five', 5n],
      ['clamp', 3n],
      ['clamp', 10n],
      ['clamp', 11n],
      ['sum_to', 100n],
      ['wide', 1n],
      ['wide', 2n],
      ['deep', 1_000_000n],
    ];
    for (const [fn, x] of cases) expect(run(fn, x, false), `${fn}(${x})`).toEqual(run(fn, x, true));
    expect(run('add_max', 1n, false).error).toMatch(/ARITHMETIC_ERROR.*add_max@3/);
    expect(run('mod_zero', 9n, false).error).toMatch(/division by zero.*mod_zero@3/);
    // 340 frames leave 1,020 values; the fused `LdU64 1` is the push past the 1,024-value limit.
    expect(run('deep', 1_000_000n, false).error).toMatch(/EXECUTION_STACK_OVERFLOW.*deep@5/);
  });
});
