import type { Instruction } from '../binary/types.js';

/** Ret, Abort, Branch: control never falls through them. */
export const isTerminator = (op: number): boolean => op === 0x02 || op === 0x27 || op === 0x05;
/** BrTrue, BrFalse, Branch. */
export const isBranch = (op: number): boolean => op === 0x03 || op === 0x04 || op === 0x05;

export interface Block {
  start: number;
  /** Inclusive. */
  end: number;
  successors: number[];
}

/**
 * Basic blocks of a code unit (move-binary-format `control_flow_graph.rs`): a block starts at 0,
 * at every branch target and after every branch or terminator.
 */
export function basicBlocks(code: readonly Instruction[]): Block[] {
  const starts = new Set<number>([0]);
  code.forEach((ins, pc) => {
    if (isBranch(ins.op)) starts.add(ins.a);
    if ((isBranch(ins.op) || isTerminator(ins.op)) && pc + 1 < code.length) starts.add(pc + 1);
  });
  const sorted = [...starts].sort((a, b) => a - b);
  return sorted.map((start, i) => {
    const end = (sorted[i + 1] ?? code.length) - 1;
    const last = code[end]!;
    const successors: number[] = [];
    if (isBranch(last.op)) successors.push(last.a);
    if (!isTerminator(last.op) && end + 1 < code.length) successors.push(end + 1);
    return { start, end, successors };
  });
}
