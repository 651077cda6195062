/** solc AST statements → structured IR statements. */
import { revertIf } from '../ir/builders.js';
import type { Expr, LValue, RevertReason, SourceLoc, Stmt } from '../ir/nodes.js';
import { BOOL, type IrType, STRING } from '../ir/types.js';
import { child, children, optionalChild, sparseChildren, text, typeIdentifier } from './ast.js';
import { ARITHMETIC, type ExpressionLowering, exprType, type Place } from './lower-expression.js';
import type { SolNode } from './solc.js';

const COMPOUND: Record<string, string> = {
  '+=': '+',
  '-=': '-',
  '*=': '*',
  '/=': '/',
  '%=': '%',
  '&=': '&',
  '|=': '|',
  '^=': '^',
  '<<=': '<<',
  '>>=': '>>',
};

export class StatementLowering {
  /** Inside a modifier body: what its `_` stands for (see lower-modifiers.ts). */
  placeholder: (() => Stmt[]) | null = null;

  constructor(readonly exprs: ExpressionLowering) {}

  private get ctx() {
    return this.exprs.ctx;
  }
  private get scope() {
    return this.exprs.scope;
  }

  block(node: SolNode): Stmt[] {
    const wasUnchecked = this.scope.unchecked;
    if (node.nodeType === 'UncheckedBlock') this.scope.unchecked = true;
    const body = children(node, 'statements').flatMap((s) => this.statement(s));
    this.scope.unchecked = wasUnchecked;
    return body;
  }

  /** A nested statement as its own scope. */
  private scoped(node: SolNode | null): Stmt[] {
    if (node === null) return [];
    if (node.nodeType === 'Block' || node.nodeType === 'UncheckedBlock') return this.block(node);
    return this.statement(node);
  }

  statement(node: SolNode): Stmt[] {
    const loc = this.ctx.loc(node);
    switch (node.nodeType) {
      case 'Block':
      case 'UncheckedBlock':
        return [{ kind: 'block', loc, body: this.block(node) }];
      case 'VariableDeclarationStatement':
        return this.declaration(node, loc);
      case 'ExpressionStatement':
        return this.expressionStatement(child(node, 'expression'), loc);
      case 'IfStatement':
        return [
          {
            kind: 'if',
            loc,
            condition: this.exprs.single(child(node, 'condition'), BOOL),
            // biome-ignore lint/suspicious/noThenProperty: IfStmt's branches are named then/else in the IR.
            then: this.scoped(child(node, 'trueBody')),
            else: this.scoped(optionalChild(node, 'falseBody')),
          },
        ];
      case 'ForStatement': {
        const init = optionalChild(node, 'initializationExpression');
        const condition = optionalChild(node, 'condition');
        const update = optionalChild(node, 'loopExpression');
        const initStmts = init === null ? [] : this.statement(init);
        const loop: Stmt = {
          kind: 'loop',
          loc,
          condition: condition === null ? null : this.exprs.single(condition, BOOL),
          testFirst: true,
          body: this.scoped(child(node, 'body')),
          update: update === null ? [] : this.statement(update),
        };
        return [{ kind: 'block', loc, body: [...initStmts, loop] }];
      }
      case 'WhileStatement':
      case 'DoWhileStatement':
        return [
          {
            kind: 'loop',
            loc,
            condition: this.exprs.single(child(node, 'condition'), BOOL),
            testFirst: node.nodeType === 'WhileStatement',
            body: this.scoped(child(node, 'body')),
            update: [],
          },
        ];
      case 'Break':
        return [{ kind: 'break', loc }];
      case 'Continue':
        return [{ kind: 'continue', loc }];
      case 'Return':
        return this.returnStatement(node, loc);
      case 'EmitStatement':
        return this.emit(child(node, 'eventCall'), loc);
      case 'RevertStatement':
        return [{ kind: 'revert', loc, reason: this.customError(child(node, 'errorCall')) }];
      case 'InlineAssembly':
        return this.ctx.unsupported(node, 'inline assembly');
      case 'TryStatement':
        return this.ctx.unsupported(node, 'try/catch');
      case 'PlaceholderStatement':
        if (this.placeholder === null) return this.ctx.unsupported(node, '_ outside a modifier');
        return [{ kind: 'block', loc, body: this.placeholder() }];
      default:
        return this.ctx.unsupported(node, `statement ${node.nodeType}`);
    }
  }

  private declaration(node: SolNode, loc: SourceLoc): Stmt[] {
    const declarations = sparseChildren(node, 'declarations');
    const initial = optionalChild(node, 'initialValue');
    const declare = (decl: SolNode): number => {
      const location = decl.storageLocation;
      const type = this.ctx.typeOf(decl);
      const kind = location === 'storage' ? 'storage' : location === 'default' ? 'value' : 'memory';
      return this.scope.declare(text(decl, 'name'), type, kind, decl.id);
    };
    if (declarations.length === 1 && declarations[0] !== null) {
      const decl = declarations[0]!;
      const type = this.ctx.typeOf(decl);
      // The initial value is lowered before the name is in scope, as Solidity scopes it.
      const before: Stmt[] = [];
      const value =
        initial === null
          ? null
          : decl.storageLocation === 'storage'
            ? this.storagePointer(initial, type)
            : this.valueWithIncrement(initial, type, loc, before);
      if (value === null && decl.storageLocation === 'storage') {
        return this.ctx.unsupported(decl, 'uninitialised storage pointer');
      }
      return [...before, { kind: 'let', loc, locals: [declare(decl)], value }];
    }
    if (initial === null) return this.ctx.unsupported(node, 'tuple declaration without a value');
    if (initial.nodeType === 'TupleExpression') {
      const components = sparseChildren(initial, 'components');
      const values = components.map((c, i) => {
        const decl = declarations[i];
        return c === null ? null : this.exprs.single(c, decl ? this.ctx.typeOf(decl) : undefined);
      });
      const lets: Stmt[] = [];
      declarations.forEach((decl, i) => {
        const value = values[i];
        if (decl === null || decl === undefined) return;
        lets.push({ kind: 'let', loc, locals: [declare(decl)], value: value ?? null });
      });
      return lets;
    }
    const call = this.exprs.value(initial);
    if (call.kind !== 'call') return this.ctx.unsupported(initial, 'tuple value');
    return [
      { kind: 'let', loc, locals: declarations.map((d) => (d === null ? null : declare(d))), value: call },
    ];
  }

  /** A storage pointer value: a storage path, or a call of a function returning a storage pointer. */
  private storagePointer(node: SolNode, type: IrType): Expr {
    if (node.nodeType === 'FunctionCall' && node.kind === 'functionCall') return this.exprs.single(node);
    return { kind: 'storageRef', type, ref: this.exprs.storageRef(node) };
  }

  /** The value of return parameter `index`: a storage pointer for `returns (S storage)`. */
  private returnValue(node: SolNode, index: number): Expr {
    const type = this.scope.returnTypes[index]!;
    const local = this.scope.locals[this.scope.returns[index]!]!;
    return local.location === 'storage' ? this.storagePointer(node, type) : this.exprs.single(node, type);
  }

  /**
   * A value that may be a whole `x++` / `++x` / `x--` / `--x` (as in `id = nextId++`): the increment
   * becomes statements in `before` and the value its old (postfix) or new (prefix) value. Increments
   * deeper inside an expression stay unsupported.
   */
  private valueWithIncrement(node: SolNode, type: IrType, loc: SourceLoc, before: Stmt[]): Expr {
    const operator = node.nodeType === 'UnaryOperation' ? text(node, 'operator') : '';
    if (operator !== '++' && operator !== '--') return this.exprs.single(node, type);
    const operand = child(node, 'subExpression');
    const operandType = this.ctx.typeOf(operand);
    const place = this.exprs.place(operand);
    if (hasCall(place)) return this.ctx.unsupported(node, `${operator} on a place computed by a call`);
    const old = this.scope.temporary('old', operandType);
    const oldValue: Expr = { kind: 'local', type: operandType, local: old };
    const one: Expr = { kind: 'const', type: operandType, value: 1n };
    const updated = this.exprs.arithmetic(operator === '++' ? 'add' : 'sub', operandType, oldValue, one);
    before.push({ kind: 'let', loc, locals: [old], value: this.exprs.read(place, operand) });
    before.push(this.write(place, updated, loc, operand));
    const result = node.prefix === true ? this.exprs.read(place, operand) : oldValue;
    return this.exprs.convert(result, type);
  }

  private expressionStatement(node: SolNode, loc: SourceLoc): Stmt[] {
    switch (node.nodeType) {
      case 'Assignment':
        return this.assignment(node, loc);
      case 'UnaryOperation': {
        const operator = text(node, 'operator');
        const operand = child(node, 'subExpression');
        if (operator === '++' || operator === '--') {
          const place = this.exprs.place(operand);
          const type = this.ctx.typeOf(operand);
          const one: Expr = { kind: 'const', type, value: 1n };
          const op = operator === '++' ? 'add' : 'sub';
          const value = this.exprs.arithmetic(op, type, this.exprs.read(place, operand), one);
          return [this.write(place, value, loc, operand)];
        }
        if (operator === 'delete') {
          const place = this.exprs.place(operand);
          if (place.kind === 'storage') return [{ kind: 'storageDelete', loc, ref: place.ref }];
          return this.ctx.unsupported(node, 'delete of a memory value');
        }
        break;
      }
      case 'FunctionCall':
        return this.callStatement(node, loc);
      default:
        break;
    }
    return [{ kind: 'expr', loc, expr: this.exprs.value(node) }];
  }

  private callStatement(node: SolNode, loc: SourceLoc): Stmt[] {
    const callee = child(node, 'expression');
    const calleeType = typeIdentifier(callee);
    const args = children(node, 'arguments');
    if (calleeType.startsWith('t_function_require_')) {
      const reason = args.length < 2 ? ({ kind: 'empty' } as const) : this.reason(args[1]!);
      return [this.revertUnless(args[0]!, reason, loc)];
    }
    if (calleeType.startsWith('t_function_assert_')) {
      return [this.revertUnless(args[0]!, { kind: 'panic', code: 0x01 }, loc)];
    }
    if (calleeType.startsWith('t_function_revert_')) {
      const reason = args.length === 0 ? ({ kind: 'empty' } as const) : this.reason(args[0]!);
      return [{ kind: 'revert', loc, reason }];
    }
    if (calleeType.startsWith('t_function_arraypush_')) {
      const ref = this.exprs.storageRef(child(callee, 'expression'));
      const arrayType = this.ctx.typeOf(child(callee, 'expression'));
      const element = arrayType.kind === 'array' ? arrayType.element : null;
      if (element === null) return this.ctx.unsupported(node, 'push on storage bytes');
      const value = args.length === 0 ? null : this.exprs.single(args[0]!, element);
      return [{ kind: 'storagePush', loc, ref, value }];
    }
    if (calleeType.startsWith('t_function_arraypop_')) {
      return [{ kind: 'storagePop', loc, ref: this.exprs.storageRef(child(callee, 'expression')) }];
    }
    return [{ kind: 'expr', loc, expr: this.exprs.value(node) }];
  }

  /** `require(c, reason)` / `assert(c)`: `if (!c) revert reason`. */
  private revertUnless(conditionNode: SolNode, reason: RevertReason, loc: SourceLoc): Stmt {
    const operand = this.exprs.single(conditionNode, BOOL);
    const condition: Expr = { kind: 'unary', op: 'not', type: BOOL, checked: false, operand };
    return revertIf(loc, condition, reason);
  }

  /** The reason argument of `require`/`revert`: a string, or a custom error (`require(c, E(x))`). */
  private reason(node: SolNode): RevertReason {
    if (
      node.nodeType === 'FunctionCall' &&
      typeIdentifier(child(node, 'expression')).startsWith('t_function_error_')
    ) {
      return this.customError(node);
    }
    return { kind: 'error', message: this.exprs.single(node, STRING) };
  }

  private customError(call: SolNode): RevertReason {
    const callee = child(call, 'expression');
    const declaration = this.ctx.nodes.get(callee.referencedDeclaration as number);
    if (declaration?.nodeType !== 'ErrorDefinition')
      return this.ctx.unsupported(call, 'revert of a non-error');
    const error = this.ctx.error(declaration);
    const args = children(call, 'arguments').map((a, i) => this.exprs.single(a, error.params[i]!.type));
    return { kind: 'custom', error: error.signature, args };
  }

  private emit(call: SolNode, loc: SourceLoc): Stmt[] {
    const callee = child(call, 'expression');
    const declaration = this.ctx.nodes.get(callee.referencedDeclaration as number);
    if (declaration?.nodeType !== 'EventDefinition') return this.ctx.unsupported(call, 'emit of a non-event');
    const event = this.ctx.event(declaration);
    const args = children(call, 'arguments').map((a, i) => this.exprs.single(a, event.params[i]!.type));
    return [{ kind: 'emit', loc, event: event.signature, args }];
  }

  private returnStatement(node: SolNode, loc: SourceLoc): Stmt[] {
    const expression = optionalChild(node, 'expression');
    if (expression === null) return [{ kind: 'return', loc, values: null }];
    const types = this.scope.returnTypes;
    if (expression.nodeType === 'TupleExpression' && expression.isInlineArray !== true) {
      const components = sparseChildren(expression, 'components');
      if (components.length > 1) {
        return [{ kind: 'return', loc, values: components.map((c, i) => this.returnValue(c!, i)) }];
      }
    }
    if (types.length === 1) return [{ kind: 'return', loc, values: [this.returnValue(expression, 0)] }];
    const call = this.exprs.value(expression);
    if (call.kind !== 'call') return this.ctx.unsupported(expression, 'tuple return value');
    const temps = call.types.map((t) => this.scope.temporary('ret', t));
    const values: Expr[] = temps.map((local, i) =>
      this.exprs.convert({ kind: 'local', type: call.types[i]!, local }, types[i]!),
    );
    return [
      { kind: 'let', loc, locals: temps, value: call },
      { kind: 'return', loc, values },
    ];
  }

  private assignment(node: SolNode, loc: SourceLoc): Stmt[] {
    const operator = text(node, 'operator');
    const lhs = child(node, 'leftHandSide');
    const rhs = child(node, 'rightHandSide');
    if (lhs.nodeType === 'TupleExpression' && sparseChildren(lhs, 'components').length > 1) {
      return this.tupleAssignment(lhs, rhs, loc);
    }
    const place = this.exprs.place(lhs);
    const type = this.ctx.typeOf(lhs);
    if (operator === '=') {
      if (place.kind === 'storage' && place.ref.kind === 'local') {
        // Re-pointing a storage pointer local: `s = m[k]`.
        const value = this.storagePointer(rhs, type);
        return [
          {
            kind: 'assign',
            loc,
            targets: [{ kind: 'local', type, local: place.ref.local }],
            values: [value],
          },
        ];
      }
      const before: Stmt[] = [];
      const value = this.valueWithIncrement(rhs, type, loc, before);
      return [...before, this.write(place, value, loc, lhs)];
    }
    const binaryOperator = COMPOUND[operator];
    if (binaryOperator === undefined) return this.ctx.unsupported(node, `assignment operator ${operator}`);
    if (hasCall(place)) return this.ctx.unsupported(lhs, 'compound assignment to a place computed by a call');
    const value = this.compound(binaryOperator, place, lhs, rhs, type);
    return [this.write(place, value, loc, lhs)];
  }

  private compound(operator: string, place: Place, lhs: SolNode, rhs: SolNode, type: IrType): Expr {
    const op = ARITHMETIC[operator];
    if (op === undefined || op === 'exp') return this.ctx.unsupported(lhs, `compound operator ${operator}=`);
    return this.exprs.arithmetic(op, type, this.exprs.read(place, lhs), this.exprs.operand(op, rhs, type));
  }

  private tupleAssignment(lhs: SolNode, rhs: SolNode, loc: SourceLoc): Stmt[] {
    const components = sparseChildren(lhs, 'components');
    const targets: (LValue | null)[] = [];
    const stores: { index: number; place: Place }[] = [];
    components.forEach((c, i) => {
      if (c === null) {
        targets.push(null);
        return;
      }
      const place = this.exprs.place(c);
      if (place.kind === 'memory') targets.push(place.lvalue);
      else {
        targets.push(null);
        stores.push({ index: i, place });
      }
    });
    let values: Expr[];
    if (rhs.nodeType === 'TupleExpression') {
      values = sparseChildren(rhs, 'components').map((c, i) =>
        this.exprs.single(c!, components[i] ? this.ctx.typeOf(components[i]!) : undefined),
      );
    } else {
      const call = this.exprs.value(rhs);
      if (call.kind !== 'call') return this.ctx.unsupported(rhs, 'tuple value');
      values = [call];
    }
    if (stores.length === 0) return [{ kind: 'assign', loc, targets, values }];
    // Storage targets go through temporaries: every value is computed before any write.
    const temps = components.map((c) => (c === null ? null : this.scope.temporary('t', this.ctx.typeOf(c))));
    const stmts: Stmt[] = [];
    if (values.length === 1 && values[0]!.kind === 'call') {
      stmts.push({ kind: 'let', loc, locals: temps, value: values[0]! });
    } else {
      temps.forEach((t, i) => {
        if (t !== null) stmts.push({ kind: 'let', loc, locals: [t], value: values[i]! });
      });
    }
    components.forEach((c, i) => {
      const temp = temps[i];
      if (c === null || temp === null || temp === undefined) return;
      const type = this.ctx.typeOf(c);
      const read: Expr = { kind: 'local', type, local: temp };
      const target = targets[i];
      const store = stores.find((s) => s.index === i);
      if (store !== undefined) stmts.push(this.write(store.place, read, loc, c));
      else if (target !== null && target !== undefined) {
        stmts.push({ kind: 'assign', loc, targets: [target], values: [read] });
      }
    });
    return stmts;
  }

  private write(place: Place, value: Expr, loc: SourceLoc, node: SolNode): Stmt {
    if (place.kind === 'storage') {
      if (place.ref.kind === 'local')
        return this.ctx.unsupported(node, 'assignment through a storage pointer');
      return { kind: 'store', loc, ref: place.ref, value };
    }
    exprType(value);
    return { kind: 'assign', loc, targets: [place.lvalue], values: [value] };
  }
}

/** Does evaluating this place's path make an internal call (so evaluating it twice is observable)? */
function hasCall(place: Place): boolean {
  return JSON.stringify(place, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)).includes(
    '"kind":"call"',
  );
}
