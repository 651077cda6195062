/**
 * Liveness of locals over the structured IR, for back ends that allocate registers or stack slots
 * (sBPF, wasm locals): for every statement, the locals whose current value may still be read after it.
 * Loops iterate to a fixed point; `break` continues with what is live after the loop, `continue` with
 * what is live at the loop's update and test, `return`/`revert` with nothing.
 */
import type { IrFunction } from './contract.js';
import type { Stmt, StorageRef } from './nodes.js';
import { localsRead, refRootLocal, stmtExprs } from './walk.js';

export type LiveSets = Map<Stmt, ReadonlySet<number>>;

interface LoopExits {
  readonly afterLoop: ReadonlySet<number>;
  readonly atContinue: ReadonlySet<number>;
}

function union(...sets: ReadonlySet<number>[]): Set<number> {
  const out = new Set<number>();
  for (const s of sets) for (const v of s) out.add(v);
  return out;
}

function sameSet(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  return a.size === b.size && [...a].every((v) => b.has(v));
}

function readsOf(stmt: Stmt): Set<number> {
  const reads = new Set<number>();
  for (const expr of stmtExprs(stmt)) localsRead(expr, reads);
  const ref = (stmt as { ref?: StorageRef }).ref;
  if (ref !== undefined) {
    const root = refRootLocal(ref);
    if (root !== null) reads.add(root);
  }
  return reads;
}

/** Locals a statement overwrites entirely (killing their earlier values). */
function writesOf(stmt: Stmt): number[] {
  if (stmt.kind === 'let') return stmt.locals.filter((l): l is number => l !== null);
  if (stmt.kind === 'assign')
    return stmt.targets.flatMap((t) => (t !== null && t.kind === 'local' ? [t.local] : []));
  return [];
}

/** Live-out set of every statement of `fn` (the key is the statement object). */
export function liveness(fn: IrFunction): LiveSets {
  const out: LiveSets = new Map();
  // Named returns are read by a bare `return` and at fall-through.
  const returns = new Set(fn.returns.map((r) => r.id));
  block(fn.body, returns, null, out, returns);
  return out;
}

/** Returns the live-in set of a statement list given what is live after it. */
function block(
  body: readonly Stmt[],
  liveAfter: ReadonlySet<number>,
  loop: LoopExits | null,
  out: LiveSets,
  returns: ReadonlySet<number>,
): Set<number> {
  let live = new Set(liveAfter);
  for (let i = body.length - 1; i >= 0; i--) live = statement(body[i]!, live, loop, out, returns);
  return live;
}

function statement(
  stmt: Stmt,
  liveAfter: ReadonlySet<number>,
  loop: LoopExits | null,
  out: LiveSets,
  returns: ReadonlySet<number>,
): Set<number> {
  out.set(stmt, liveAfter);
  switch (stmt.kind) {
    case 'break':
      return new Set(loop?.afterLoop ?? []);
    case 'continue':
      return new Set(loop?.atContinue ?? []);
    case 'return':
      return stmt.values === null ? new Set(returns) : readsOf(stmt);
    case 'revert':
      return readsOf(stmt);
    case 'block':
      return block(stmt.body, liveAfter, loop, out, returns);
    case 'if': {
      const whenTrue = block(stmt.then, liveAfter, loop, out, returns);
      const whenFalse = block(stmt.else, liveAfter, loop, out, returns);
      return union(whenTrue, whenFalse, readsOf(stmt));
    }
    case 'loop': {
      const test = readsOf(stmt);
      // Live at the loop head (before the test): the test, the body (when entered) and the exit.
      let head = union(test, liveAfter);
      for (;;) {
        const atUpdate = block(stmt.update, head, null, out, returns);
        const bodyIn = block(
          stmt.body,
          atUpdate,
          { afterLoop: liveAfter, atContinue: atUpdate },
          out,
          returns,
        );
        const next = union(test, liveAfter, bodyIn);
        if (sameSet(next, head)) return stmt.testFirst ? head : union(bodyIn, head);
        head = next;
      }
    }
    default: {
      const live = new Set(liveAfter);
      for (const w of writesOf(stmt)) live.delete(w);
      for (const r of readsOf(stmt)) live.add(r);
      return live;
    }
  }
}
