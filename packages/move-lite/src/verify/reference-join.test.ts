import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/assemble.js';
import { verifyModule } from './verifier.js';

const mod = (body: string) => assemble(`module 0x42::m\n${body}\n`, { addressWidth: 16 });

describe('reference safety at a join (reference_safety join)', () => {
  // Issue 10's reproduction: `r` borrows `x`, one branch moves `r` away; after the join `r` is
  // unavailable, so its borrow is released and `&x` is legal.
  const released = `fun f(x: u64, b: bool) {
 locals r: &mut u64
 MutBorrowLoc x
 StLoc r
 MoveLoc b
 BrFalse J
 MoveLoc r
 Pop
J:
 ImmBorrowLoc x
 Pop
 Ret
}`;
  it('releases a reference that is available on one path only', () => {
    expect(() => verifyModule(mod(released))).not.toThrow();
  });

  it('keeps a borrow that is live on both paths', () => {
    const kept = released.replace(' MoveLoc r\n Pop\n', ' Nop\n');
    expect(() => verifyModule(mod(kept))).toThrow(/BORROWLOC_EXISTS_BORROW_ERROR/);
  });

  it('keeps the borrows of either path for a reference available on both', () => {
    const either = `fun f(x: u64, y: u64, b: bool) {
 locals r: &mut u64
 MutBorrowLoc x
 StLoc r
 MoveLoc b
 BrFalse J
 MutBorrowLoc y
 StLoc r
J:
 ImmBorrowLoc y
 Pop
 MoveLoc r
 Pop
 Ret
}`;
    expect(() => verifyModule(mod(either))).toThrow(/BORROWLOC_EXISTS_BORROW_ERROR/);
  });
});

describe('verifier cost grows linearly with the code', () => {
  /** `n` blocks, each borrowing a local into a reference local and branching on to the next. */
  const chain = (n: number): string => {
    const lines = ['fun f(x: u64, b: bool) {', ' locals r: &u64'];
    for (let i = 0; i < n; i++) {
      lines.push(` ImmBorrowLoc x\n StLoc r\n CopyLoc b\n BrFalse L${i}\nL${i}:\n MoveLoc r\n Pop`);
    }
    lines.push(' Ret', '}');
    return lines.join('\n');
  };
  it('a 180,000-instruction function verifies in about a second, not quadratic time', () => {
    const module = mod(chain(30_000));
    const t0 = performance.now();
    verifyModule(module);
    const ms = performance.now() - t0;
    console.log(`move verify: 180,001 instructions, 30,000 blocks in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(4000); // main took 9.7 s; generous for a loaded machine
  });
});
