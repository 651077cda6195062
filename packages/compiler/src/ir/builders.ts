import type { Expr, IfStmt, RevertReason, SourceLoc } from './nodes.js';

/** `if (condition) revert reason;` — the shape of `require`, `assert` and getter bound checks. */
export function revertIf(loc: SourceLoc, condition: Expr, reason: RevertReason): IfStmt {
  // biome-ignore lint/suspicious/noThenProperty: IfStmt's branches are named then/else in the IR.
  return { kind: 'if', loc, condition, then: [{ kind: 'revert', loc, reason }], else: [] };
}
