/**
 * Literal fusion for prepaid gas segments (`gas-segments.ts`): a `LdU64`/`LdU128`/`LdU256` whose
 * next instruction, in the same segment, is an arithmetic or comparison instruction is dispatched
 * together with it. Its opcode becomes `FUSED | consumer`, and the consumer takes its right operand
 * from the literal instead of the stack. Base costs and instruction counts are prepaid per segment,
 * so nothing observable changes; a segment charged instruction by instruction (a tracer, or not
 * enough gas left) runs the plain opcodes.
 */

/** Set on a fused literal load's opcode (every Move opcode is below 0x80). */
export const FUSED = 0x80;

const LITERAL_LOADS = new Set([0x06, 0x32, 0x4a]); // LdU64, LdU128, LdU256
/** Add, Sub, Mul, Mod, Div, Lt, Gt, Le, Ge. */
const CONSUMERS = new Set([0x16, 0x17, 0x18, 0x19, 0x1a, 0x23, 0x24, 0x25, 0x26]);

/** `ops` with the fused literal loads; `segmentLength[pc]` is nonzero exactly where a segment starts. */
export function fuseLiterals(ops: Uint8Array, segmentLength: Int32Array): Uint8Array {
  const fused = ops.slice();
  for (let pc = 0; pc + 1 < ops.length; pc++) {
    const next = ops[pc + 1]!;
    if (LITERAL_LOADS.has(ops[pc]!) && CONSUMERS.has(next) && segmentLength[pc + 1] === 0)
      fused[pc] = FUSED | next;
  }
  return fused;
}
