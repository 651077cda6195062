/** Generic traversal of IR expressions and storage paths, for analyses and back ends. */
import type { Expr, LValue, RevertReason, Stmt, StorageRef } from './nodes.js';

/** Direct sub-expressions of an expression, in evaluation order (a storage path's keys included). */
export function exprChildren(expr: Expr): Expr[] {
  switch (expr.kind) {
    case 'const':
    case 'stringConst':
    case 'local':
    case 'env':
      return [];
    case 'binary':
    case 'compare':
      return [expr.right, expr.left];
    case 'logical':
      return [expr.left, expr.right];
    case 'unary':
    case 'cast':
      return [expr.operand];
    case 'conditional':
      return [expr.condition, expr.whenTrue, expr.whenFalse];
    case 'storageLoad':
    case 'storageLength':
    case 'storageRef':
      return refExprs(expr.ref);
    case 'memoryIndex':
      return [expr.base, expr.index];
    case 'memoryField':
    case 'memoryLength':
      return [expr.base];
    case 'newArray':
      return [expr.length];
    case 'structLiteral':
    case 'arrayLiteral':
      return [...expr.values];
    case 'call':
    case 'hash':
      return [...expr.args];
  }
}

/** Expressions along a storage path (keys and indices), root first. */
export function refExprs(ref: StorageRef): Expr[] {
  switch (ref.kind) {
    case 'var':
    case 'local':
      return [];
    case 'mapping':
      return [...refExprs(ref.base), ref.key];
    case 'index':
      return [...refExprs(ref.base), ref.index];
    case 'field':
      return refExprs(ref.base);
  }
}

/** The storage-pointer local a path starts from, if any. */
export function refRootLocal(ref: StorageRef): number | null {
  if (ref.kind === 'local') return ref.local;
  if (ref.kind === 'var') return null;
  return refRootLocal(ref.base);
}

function lvalueExprs(target: LValue): Expr[] {
  return target.kind === 'local'
    ? []
    : target.kind === 'memoryIndex'
      ? [target.base, target.index]
      : [target.base];
}

function reasonExprs(reason: RevertReason): Expr[] {
  if (reason.kind === 'error') return [reason.message];
  if (reason.kind === 'custom') return [...reason.args];
  return [];
}

/** Expressions a statement evaluates itself (not those of nested statements). */
export function stmtExprs(stmt: Stmt): Expr[] {
  switch (stmt.kind) {
    case 'let':
    case 'expr':
      return stmt.kind === 'let' ? (stmt.value === null ? [] : [stmt.value]) : [stmt.expr];
    case 'assign':
      return [...stmt.values, ...stmt.targets.flatMap((t) => (t === null ? [] : lvalueExprs(t)))];
    case 'store':
      return [stmt.value, ...refExprs(stmt.ref)];
    case 'storagePush':
      return [...(stmt.value === null ? [] : [stmt.value]), ...refExprs(stmt.ref)];
    case 'storagePop':
    case 'storageDelete':
      return refExprs(stmt.ref);
    case 'if':
      return [stmt.condition];
    case 'loop':
      return stmt.condition === null ? [] : [stmt.condition];
    case 'return':
      return stmt.values === null ? [] : [...stmt.values];
    case 'revert':
      return reasonExprs(stmt.reason);
    case 'emit':
      return [...stmt.args];
    case 'break':
    case 'continue':
    case 'block':
      return [];
  }
}

/** Locals an expression reads (including storage-pointer locals at the root of its paths). */
export function localsRead(expr: Expr, into: Set<number> = new Set()): Set<number> {
  if (expr.kind === 'local') into.add(expr.local);
  if (expr.kind === 'storageLoad' || expr.kind === 'storageLength' || expr.kind === 'storageRef') {
    const root = refRootLocal(expr.ref);
    if (root !== null) into.add(root);
  }
  for (const child of exprChildren(expr)) localsRead(child, into);
  return into;
}
