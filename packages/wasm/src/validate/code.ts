/**
 * A validated function body as a pre-decoded instruction stream: the opcode (0xFC ops as 0x100+sub)
 * and absolute byte offset of each instruction, so later passes (instrumentation, tracing) never
 * re-parse LEB128 immediates to find instruction boundaries.
 */
export interface FunctionCode {
  count: number;
  ops: Uint16Array;
  /** `starts[i]` is where instruction i begins; `starts[count]` is the body's end. */
  starts: Uint32Array;
  /** The deepest the operand stack gets, in values (the stack-height limiter's frame cost). */
  maxStackHeight: number;
  /** Params plus declared locals. */
  localCount: number;
  /** Whether the body uses memory.copy/fill/init or table.copy/init (charged per byte). */
  hasBulkOps: boolean;
}
