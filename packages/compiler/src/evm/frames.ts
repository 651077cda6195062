import {
  type Expr,
  exprChildren,
  type IrContract,
  type IrFunction,
  type Stmt,
  stmtExprs,
} from '../ir/index.js';

/**
 * Memory map of the generated code, following solc's conventions where they exist
 * (docs/internals/layout_in_memory.rst): 0x00–0x3f scratch space for hashing, 0x40 the free memory
 * pointer, 0x60 the zero slot. polyvm then places every function's locals at a static address
 * ("frames"), and the heap starts after the frames.
 */
export const FREE_POINTER = 0x40;
/**
 * Return values of a recursive call are parked here while the caller restores its frame; the area is
 * only as large as the most results a recursive function returns.
 */
export const RETURN_SCRATCH = 0x80;
/** A function returns its values on the stack with SWAPn, so at most 16. */
export const MAX_RETURN_VALUES = 16;

export interface FrameLayout {
  /** Memory address of a function's first local (local `i` lives at base + 32·i). */
  readonly base: ReadonlyMap<string, number>;
  /** Functions that may call themselves (directly or through others) share a strongly connected component. */
  readonly component: ReadonlyMap<string, number>;
  /** First address after every frame: the heap's start. */
  readonly heapStart: number;
}

/**
 * Lays out one frame per function. Two functions that can be active at the same time must not share
 * addresses: a callee's frame starts after the frames of every caller chain (bases grow along the
 * call DAG). A recursive group (SCC) is one node whose members sit side by side; a call inside the
 * group saves the caller's frame on the EVM stack (see `calls.ts`), so recursion stays correct.
 */
export function layoutFrames(contract: IrContract): FrameLayout {
  const callees = new Map<string, Set<string>>();
  for (const fn of contract.functions) {
    const set = new Set<string>();
    forEachCall(fn.body, (callee) => set.add(callee));
    callees.set(fn.id, set);
  }
  const component = stronglyConnected(contract.functions, callees);
  const members = new Map<number, IrFunction[]>();
  for (const fn of contract.functions) {
    const c = component.get(fn.id)!;
    members.set(c, [...(members.get(c) ?? []), fn]);
  }
  let scratchWords = 0;
  for (const fn of contract.functions) {
    const recursive = members.get(component.get(fn.id)!)!.length > 1 || callees.get(fn.id)!.has(fn.id);
    if (recursive) scratchWords = Math.max(scratchWords, fn.returns.length);
  }
  const FRAMES_START = RETURN_SCRATCH + 32 * scratchWords;
  // Tarjan numbers components in reverse topological order: callees get lower numbers than callers.
  const order = [...members.keys()].sort((a, b) => b - a);
  const componentBase = new Map<number, number>();
  for (const c of order) if (!componentBase.has(c)) componentBase.set(c, FRAMES_START);
  const base = new Map<string, number>();
  let heapStart = FRAMES_START;
  for (const c of order) {
    let at = componentBase.get(c)!;
    for (const fn of members.get(c)!) {
      base.set(fn.id, at);
      at += 32 * fn.locals.length;
    }
    heapStart = Math.max(heapStart, at);
    for (const fn of members.get(c)!)
      for (const callee of callees.get(fn.id)!) {
        const target = component.get(callee);
        if (target === undefined || target === c) continue;
        componentBase.set(target, Math.max(componentBase.get(target) ?? FRAMES_START, at));
      }
  }
  return { base, component, heapStart };
}

function stronglyConnected(
  functions: readonly IrFunction[],
  callees: Map<string, Set<string>>,
): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  let counter = 0;
  let components = 0;
  const visit = (id: string): void => {
    index.set(id, counter);
    low.set(id, counter++);
    stack.push(id);
    onStack.add(id);
    for (const next of callees.get(id) ?? []) {
      if (!callees.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(id, Math.min(low.get(id)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(id, Math.min(low.get(id)!, index.get(next)!));
    }
    if (low.get(id) === index.get(id)) {
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.set(member, components);
      } while (member !== id);
      components++;
    }
  };
  for (const fn of functions) if (!index.has(fn.id)) visit(fn.id);
  return component;
}

/** Calls `visit` with the callee of every internal call in `body`. */
function forEachCall(body: readonly Stmt[], visit: (callee: string) => void): void {
  const expr = (e: Expr): void => {
    if (e.kind === 'call') visit(e.function);
    exprChildren(e).forEach(expr);
  };
  for (const stmt of body) {
    stmtExprs(stmt).forEach(expr);
    if (stmt.kind === 'if') {
      forEachCall(stmt.then, visit);
      forEachCall(stmt.else, visit);
    } else if (stmt.kind === 'loop') {
      forEachCall(stmt.body, visit);
      forEachCall(stmt.update, visit);
    } else if (stmt.kind === 'block') forEachCall(stmt.body, visit);
  }
}
