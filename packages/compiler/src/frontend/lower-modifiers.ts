/**
 * Function modifiers, inlined: each modifier's body is lowered in the function's scope with its `_`
 * replaced by the next modifier (or, innermost, the function body); modifier arguments become locals
 * evaluated on entry, outermost modifier first, as solc does.
 *
 * A `return` in the function body ends the function; in Solidity it only ends the body, and the
 * modifier's code after `_` still runs. The two agree when `_` is the modifier's last statement or the
 * body has no `return`; other shapes are an unsupported construct rather than a silent miscompile.
 */
import type { Stmt } from '../ir/nodes.js';
import { child, children, text } from './ast.js';
import type { ContractContext } from './context.js';
import type { ExpressionLowering } from './lower-expression.js';
import type { StatementLowering } from './lower-statement.js';
import type { SolNode } from './solc.js';

/** The modifier a `ModifierInvocation` runs: the most-derived override of a virtual modifier. */
function resolveModifier(ctx: ContractContext, invocation: SolNode): SolNode {
  const declared = ctx.node(child(invocation, 'modifierName').referencedDeclaration as number);
  if (declared.nodeType !== 'ModifierDefinition') ctx.unsupported(invocation, 'modifier invocation');
  for (const contract of ctx.linearization) {
    const override = children(contract, 'nodes').find(
      (n) => n.nodeType === 'ModifierDefinition' && n.name === declared.name,
    );
    if (override !== undefined) return override;
  }
  return declared;
}

function contains(node: SolNode, nodeType: string): boolean {
  return JSON.stringify(node).includes(`"nodeType":"${nodeType}"`);
}

export function lowerWithModifiers(
  ctx: ContractContext,
  exprs: ExpressionLowering,
  statements: StatementLowering,
  definition: SolNode,
  body: SolNode,
): Stmt[] {
  const invocations = children(definition, 'modifiers');
  const bodyReturns = contains(body, 'Return');
  const seen = new Set<number>();
  const wrap = (index: number): Stmt[] => {
    if (index === invocations.length) return statements.block(body);
    const invocation = invocations[index]!;
    const modifier = resolveModifier(ctx, invocation);
    if (seen.has(modifier.id)) ctx.unsupported(invocation, 'the same modifier twice on one function');
    seen.add(modifier.id);
    const modifierBody = child(modifier, 'body');
    const top = children(modifierBody, 'statements');
    const at = top.findIndex((s) => s.nodeType === 'PlaceholderStatement');
    const placeholders = JSON.stringify(modifierBody).split('"nodeType":"PlaceholderStatement"').length - 1;
    if (placeholders !== 1 || at < 0) ctx.unsupported(modifier, 'a modifier without exactly one top-level _');
    if (at < top.length - 1 && (bodyReturns || invocations.slice(index + 1).length > 0)) {
      ctx.unsupported(modifier, `modifier ${text(modifier, 'name')} with code after _ around a return`);
    }
    const lets: Stmt[] = children(child(modifier, 'parameters'), 'parameters').map((param, i) => {
      const type = ctx.typeOf(param);
      const local = exprs.scope.declare(text(param, 'name'), type, 'value', param.id);
      const arg = children(invocation, 'arguments')[i]!;
      return { kind: 'let', loc: ctx.loc(param), locals: [local], value: exprs.single(arg, type) };
    });
    const saved = statements.placeholder;
    statements.placeholder = () => wrap(index + 1);
    const lowered = statements.block(modifierBody);
    statements.placeholder = saved;
    return [...lets, ...lowered];
  };
  return wrap(0);
}
