/**
 * Literal and branch fusion for prepaid gas segments (`gas-segments.ts`): a `LdU64`/`LdU128`/`LdU256`
 * whose next instruction, in the same segment, is an arithmetic or comparison instruction is
 * dispatched together with it (its opcode becomes `FUSED | consumer`, and the consumer takes its
 * right operand from the literal instead of the stack), a comparison followed by `BrFalse`
 * branches itself (`BRANCH | comparison`), and arithmetic followed by `StLoc` stores its result
 * (`STORE | arithmetic`; the local has the result's integer type, so no aggregate is overwritten). Base costs and instruction counts are prepaid per
 * segment, so nothing observable changes; a segment charged instruction by instruction (a tracer,
 * or not enough gas left) runs the plain opcodes.
 */

/** Set on a fused literal load's opcode (every Move opcode is below 0x80). */
export const FUSED = 0x80;
/** Set on a comparison fused with the `BrFalse` after it (no Move opcode is in 0x50–0x7f). */
export const BRANCH = 0x40;
/** The same bit on arithmetic fused with the `StLoc` after it, which takes its result. */
export const STORE = 0x40;

const LITERAL_LOADS = new Set([0x06, 0x32, 0x4a]); // LdU64, LdU128, LdU256
/** Add, Sub, Mul, Mod, Div, Lt, Gt, Le, Ge. */
const CONSUMERS = new Set([0x16, 0x17, 0x18, 0x19, 0x1a, 0x23, 0x24, 0x25, 0x26]);
const COMPARISONS = new Set([0x23, 0x24, 0x25, 0x26]); // Lt, Gt, Le, Ge
const BR_FALSE = 0x04;
const ARITHMETIC = new Set([0x16, 0x17, 0x18, 0x19, 0x1a]); // Add, Sub, Mul, Mod, Div
const ST_LOC = 0x0c;

/**
 * `ops` with comparisons fused to the `BrFalse` and arithmetic to the `StLoc` after them, then
 * literal loads fused to their consumers (a consumer keeps its `BRANCH`/`STORE`); `segmentLength[pc]` is nonzero exactly where a
 * segment starts, so a fused pair never spans a branch target.
 */
export function fuseLiterals(ops: Uint8Array, segmentLength: Int32Array): Uint8Array {
  const fused = ops.slice();
  for (let pc = 0; pc + 1 < ops.length; pc++) {
    if (segmentLength[pc + 1] !== 0) continue;
    if (COMPARISONS.has(ops[pc]!) && ops[pc + 1] === BR_FALSE) fused[pc] = BRANCH | ops[pc]!;
    if (ARITHMETIC.has(ops[pc]!) && ops[pc + 1] === ST_LOC) fused[pc] = STORE | ops[pc]!;
  }
  for (let pc = 0; pc + 1 < ops.length; pc++) {
    if (LITERAL_LOADS.has(ops[pc]!) && CONSUMERS.has(ops[pc + 1]!) && segmentLength[pc + 1] === 0)
      fused[pc] = FUSED | fused[pc + 1]!;
  }
  return fused;
}
