import { addressFromHex, collectSteps, JournaledState, type Receipt } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assembleToBytes } from '../asm/assemble.js';
import { MoveRuntime } from '../runtime.js';
import { publishStdlib } from '../stdlib.js';
import { FIB_SOURCE, LCG_FUNCTION } from '../testing/samples.js';

const OWNER = addressFromHex('0x42', 32);

/** Failures in the middle of a segment, a dynamic charge on an aggregate copy, and u128 arithmetic. */
const EDGES = `module 0x42::edges
public fun overflow(n: u8): u64 {
  CopyLoc n
  LdU8 200
  Add
  Pop
  LdU64 1
  LdU64 2
  Add
  Ret
}
public fun id(n: u64): u64 {
  MoveLoc n
  Ret
}
public fun sub_then_call(n: u64): u64 {
  MoveLoc n
  LdU64 5
  Sub
  Call id
  Ret
}
public fun out_of_range(i: u64): u64 {
  locals v: vector<u64>
  LdU64 5
  LdU64 6
  VecPack<u64> 2
  StLoc v
  ImmBorrowLoc v
  MoveLoc i
  VecImmBorrow<u64>
  Pop
  LdU64 3
  LdU64 4
  Mul
  Ret
}
public fun copies(n: u64): u64 {
  locals v: vector<u64>, w: vector<u64>, i: u64
  LdU64 1
  LdU64 2
  LdU64 3
  VecPack<u64> 3
  StLoc v
  LdU64 0
  StLoc i
L:
  CopyLoc i
  CopyLoc n
  Lt
  BrFalse Done
  CopyLoc v
  StLoc w
  MoveLoc i
  LdU64 1
  Add
  StLoc i
  Branch L
Done:
  MoveLoc i
  Ret
}
${LCG_FUNCTION}`;

const u = (v: number, bytes: number): Uint8Array => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(v), true);
  return b.slice(0, bytes);
};

function setup() {
  const runtime = new MoveRuntime();
  const state = new JournaledState();
  publishStdlib(runtime, state);
  for (const source of [FIB_SOURCE, EDGES])
    runtime.deploy(state, { sender: OWNER, code: assembleToBytes(source), gasLimit: 100_000_000n });
  return { runtime, state };
}

/** Everything a receipt reports about gas and where execution stopped. */
const outcome = (r: Receipt) => ({
  status: r.status,
  gasUsed: r.gasUsed,
  gasBreakdown: r.gasBreakdown,
  instructions: r.metrics.instructions,
  error: r.error?.message,
});

const CASES: [string, string, Uint8Array[]][] = [
  ['0x42::fib', 'fib', [u(12, 8)]],
  ['0x42::edges', 'lcg', [u(20, 8)]],
  ['0x42::edges', 'overflow', [u(100, 1)]],
  ['0x42::edges', 'overflow', [u(3, 1)]],
  ['0x42::edges', 'sub_then_call', [u(3, 8)]],
  ['0x42::edges', 'sub_then_call', [u(8, 8)]],
  ['0x42::edges', 'out_of_range', [u(9, 8)]],
  ['0x42::edges', 'out_of_range', [u(1, 8)]],
  ['0x42::edges', 'copies', [u(30, 8)]],
];

describe('gas prepaid per segment', () => {
  it(`matches per-instruction charging (the traced path) on ${CASES.length} calls at every tenth of their gas and near each step`, () => {
    const { runtime, state } = setup();
    let compared = 0;
    for (const [module, fn, args] of CASES) {
      const run = (gasLimit: number, traced: boolean) => {
        const tx = {
          sender: OWNER,
          input: new Uint8Array(0),
          value: 0n,
          nonce: 0n,
          gasLimit: BigInt(gasLimit),
          payload: { module, function: fn, args },
        };
        return outcome(runtime.execute(state, tx, traced ? { tracer: collectSteps().tracer } : undefined));
      };
      const full = run(2_000_000_000, false);
      expect(full).toEqual(run(2_000_000_000, true));
      const limits = new Set<number>();
      for (let k = 1; k <= 10; k++) {
        const g = Math.floor((full.gasUsed * k) / 10);
        limits
          .add(g - 1)
          .add(g)
          .add(g + 1);
      }
      for (const limit of limits) {
        expect(run(limit, false), `${fn} at ${limit}`).toEqual(run(limit, true));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(200);
  });

  it('a failure in the middle of a segment is charged up to the failing instruction only', () => {
    const { runtime, state } = setup();
    const r = runtime.execute(state, {
      sender: OWNER,
      input: new Uint8Array(0),
      value: 0n,
      nonce: 0n,
      gasLimit: 100_000_000n,
      payload: { module: '0x42::edges', function: 'overflow', args: [u(100, 1)] },
    });
    expect(r.status).toBe('error');
    expect(r.metrics.instructions).toBe(3); // CopyLoc, LdU8, Add
    expect(r.error?.message).toMatch(/ARITHMETIC_ERROR/);
  });
});
