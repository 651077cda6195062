/**
 * One solc contract → an `IrContract`: storage from solc's own `storageLayout`, every public/external
 * function of the linearization (the most-derived override), public getters, one flattened
 * constructor, and the internal functions they reach.
 */

import { revertIf } from '../ir/builders.js';
import type { IrContract, IrFunction, Mutability, Visibility } from '../ir/contract.js';
import type { Expr, IrLocal, Stmt, StorageRef } from '../ir/nodes.js';
import { abiTypeName, BOOL, type IrType, UINT256 } from '../ir/types.js';
import { child, children, num, optionalChild, optionalText, text, typeIdentifier } from './ast.js';
import { ContractContext } from './context.js';
import { FunctionScope } from './function-scope.js';
import { ExpressionLowering, enumDefinitionId } from './lower-expression.js';
import { lowerWithModifiers } from './lower-modifiers.js';
import { StatementLowering } from './lower-statement.js';
import type { SolcOutput, SolNode } from './solc.js';

export function lowerContract(output: SolcOutput, file: string, name: string): IrContract {
  const ast = output.asts.get(file);
  const definition =
    ast && children(ast, 'nodes').find((n) => n.nodeType === 'ContractDefinition' && n.name === name);
  const solcContract = output.contracts.get(file)?.get(name);
  if (definition === undefined || solcContract === undefined)
    throw new Error(`no contract ${name} in ${file}`);
  const ctx = new ContractContext(output, file, definition, solcContract);
  if (definition.contractKind !== 'contract' || definition.abstract === true) {
    ctx.unsupported(definition, `deploying ${String(definition.contractKind)} ${name}`);
  }
  declareStorage(ctx);
  for (const contract of ctx.linearization) {
    for (const member of children(contract, 'nodes')) {
      if (member.nodeType === 'EventDefinition') ctx.event(member);
      if (member.nodeType === 'ErrorDefinition') ctx.error(member);
      if (member.nodeType === 'UsingForDirective') ctx.unsupported(member, 'using … for');
    }
  }
  const functions: IrFunction[] = [lowerConstructor(ctx)];
  for (const fn of callableDefinitions(ctx)) functions.push(lowerFunction(ctx, fn));
  for (const variable of ctx.storage) {
    const declaration = ctx.node(ctx.stateVarAstIds[variable.id]!);
    if (declaration.visibility === 'public') functions.push(lowerGetter(ctx, variable.id, declaration));
  }
  for (const contract of ctx.linearization) {
    for (const member of children(contract, 'nodes')) {
      if (
        member.nodeType === 'VariableDeclaration' &&
        member.constant === true &&
        member.visibility === 'public'
      ) {
        functions.push(lowerConstantGetter(ctx, member));
      }
    }
  }
  for (const fn of functions) ctx.functions.set(fn.id, fn);
  while (ctx.pending.size > 0) {
    const [id, pending] = ctx.pending.entries().next().value as [string, SolNode];
    ctx.pending.delete(id);
    if (ctx.functions.has(id)) continue;
    const fn = lowerFunction(ctx, pending);
    ctx.functions.set(fn.id, fn);
  }
  return {
    name,
    file,
    storage: ctx.storage,
    functions: [...ctx.functions.values()],
    events: [...ctx.events.values()],
    errors: [...ctx.errors.values()],
    linearization: ctx.linearization.map((c) => text(c, 'name')),
  };
}

function declareStorage(ctx: ContractContext): void {
  for (const entry of ctx.solcContract.storageLayout.storage) {
    const declaration = ctx.node(entry.astId);
    const id = ctx.storage.length;
    ctx.storage.push({
      id,
      name: entry.label,
      contract: text(ctx.node(num(declaration, 'scope')), 'name'),
      type: ctx.typeOf(declaration),
      slot: BigInt(entry.slot),
      offset: entry.offset,
      loc: ctx.loc(declaration),
    });
    ctx.stateVarByAst.set(entry.astId, id);
    ctx.stateVarAstIds.push(entry.astId);
  }
  for (const contract of ctx.linearization) {
    for (const member of children(contract, 'nodes')) {
      if (member.nodeType === 'VariableDeclaration' && member.mutability === 'immutable') {
        ctx.unsupported(member, 'immutable state variable');
      }
    }
  }
}

/** Public/external functions of the linearization, the most-derived definition of each signature. */
function callableDefinitions(ctx: ContractContext): SolNode[] {
  const seen = new Set<string>();
  const result: SolNode[] = [];
  for (const contract of ctx.linearization) {
    for (const member of children(contract, 'nodes')) {
      if (member.nodeType !== 'FunctionDefinition') continue;
      if (member.kind === 'receive' || member.kind === 'fallback')
        ctx.unsupported(member, `${member.kind} function`);
      if (member.kind !== 'function' || member.implemented !== true) continue;
      if (member.visibility !== 'public' && member.visibility !== 'external') continue;
      const key = `${text(member, 'name')}(${children(child(member, 'parameters'), 'parameters').map(typeIdentifier).join(',')})`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.push(member);
    }
  }
  return result;
}

function locationOf(param: SolNode): IrLocal['location'] {
  switch (param.storageLocation) {
    case 'storage':
      return 'storage';
    case 'memory':
      return 'memory';
    case 'calldata':
      return 'calldata';
    default:
      return 'value';
  }
}

function declareParams(ctx: ContractContext, scope: FunctionScope, list: SolNode, prefix: string): number[] {
  return children(list, 'parameters').map((p, i) => {
    const name = optionalText(p, 'name') || `${prefix}${i}`;
    return scope.declare(name, ctx.typeOf(p), locationOf(p), p.id);
  });
}

function lowerFunction(ctx: ContractContext, definition: SolNode): IrFunction {
  const body = optionalChild(definition, 'body');
  if (body === null) ctx.unsupported(definition, 'function without a body');
  const scope = new FunctionScope();
  const params = declareParams(ctx, scope, child(definition, 'parameters'), '$arg');
  scope.returns = declareParams(ctx, scope, child(definition, 'returnParameters'), '$ret');
  scope.returnTypes = scope.returns.map((id) => scope.locals[id]!.type);
  const exprs = new ExpressionLowering(ctx, scope);
  const statements = new StatementLowering(exprs);
  const visibility = text(definition, 'visibility') as Visibility;
  const callable = visibility === 'public' || visibility === 'external';
  const lowered = [
    ...(callable ? enumParameterChecks(ctx, child(definition, 'parameters'), params) : []),
    ...lowerWithModifiers(ctx, exprs, statements, definition, body),
  ];
  const name = text(definition, 'name');
  return {
    id: ctx.functionId(definition),
    name,
    kind: 'function',
    visibility,
    mutability: text(definition, 'stateMutability') as Mutability,
    selector: callable ? text(definition, 'functionSelector') : null,
    signature: callable
      ? `${name}(${params.map((id) => abiTypeName(scope.locals[id]!.type)).join(',')})`
      : null,
    params: params.map((id) => scope.locals[id]!),
    returns: scope.returns.map((id) => scope.locals[id]!),
    locals: scope.locals,
    body: lowered,
    loc: ctx.loc(definition),
  };
}

/**
 * solc's ABI decoder rejects an enum argument outside the enum (empty revert data); the IR sees enums
 * as uint8, so a public function checks its enum parameters on entry.
 */
function enumParameterChecks(ctx: ContractContext, list: SolNode, locals: readonly number[]): Stmt[] {
  return children(list, 'parameters').flatMap((param, i) => {
    const enumId = enumDefinitionId(typeIdentifier(param));
    if (enumId === null) return [];
    const count = BigInt(children(ctx.node(enumId), 'members').length);
    const type: IrType = { kind: 'uint', bits: 8 };
    const outOfRange: Expr = {
      kind: 'compare',
      op: 'ge',
      type: BOOL,
      operandType: type,
      left: { kind: 'local', type, local: locals[i]! },
      right: { kind: 'const', type, value: count },
    };
    return [revertIf(ctx.loc(param), outOfRange, { kind: 'empty' })];
  });
}

/** Where a base constructor's arguments are given: `is B(args)` or `constructor() B(args)`. */
function baseArguments(ctx: ContractContext, base: SolNode): SolNode[] | null {
  for (const contract of ctx.linearization) {
    for (const specifier of children(contract, 'baseContracts')) {
      const ref = child(specifier, 'baseName').referencedDeclaration;
      if (ref === base.id && Array.isArray(specifier.arguments)) return specifier.arguments as SolNode[];
    }
    const ctor = constructorDefinition(contract);
    for (const invocation of ctor ? children(ctor, 'modifiers') : []) {
      if (child(invocation, 'modifierName').referencedDeclaration === base.id) {
        return children(invocation, 'arguments');
      }
    }
  }
  return null;
}

function constructorDefinition(contract: SolNode): SolNode | undefined {
  return children(contract, 'nodes').find(
    (n) => n.nodeType === 'FunctionDefinition' && n.kind === 'constructor',
  );
}

/**
 * One constructor: the most-derived constructor's parameters are the deployment arguments; base
 * constructor arguments are evaluated into locals (derived first), then, most-base first, each
 * contract's state-variable initialisers run and then its constructor body.
 */
function lowerConstructor(ctx: ContractContext): IrFunction {
  const scope = new FunctionScope();
  const exprs = new ExpressionLowering(ctx, scope);
  const statements = new StatementLowering(exprs);
  const mostDerived = ctx.contract;
  const ownCtor = constructorDefinition(mostDerived);
  const params = ownCtor ? declareParams(ctx, scope, child(ownCtor, 'parameters'), '$arg') : [];
  const body: Stmt[] = [];
  const loc = ctx.loc(ownCtor ?? mostDerived);
  for (const contract of ctx.linearization) {
    const ctor = constructorDefinition(contract);
    if (ctor === undefined || contract === mostDerived) continue;
    const ctorParams = children(child(ctor, 'parameters'), 'parameters');
    if (ctorParams.length === 0) continue;
    const args = baseArguments(ctx, contract);
    if (args === null) ctx.unsupported(ctor, 'base constructor arguments not given');
    ctorParams.forEach((p, i) => {
      const local = scope.declare(text(p, 'name'), ctx.typeOf(p), locationOf(p), p.id);
      body.push({
        kind: 'let',
        loc: ctx.loc(p),
        locals: [local],
        value: exprs.single(args[i]!, ctx.typeOf(p)),
      });
    });
  }
  for (const contract of [...ctx.linearization].reverse()) {
    for (const member of children(contract, 'nodes')) {
      if (member.nodeType !== 'VariableDeclaration' || member.constant === true) continue;
      const initial = optionalChild(member, 'value');
      const variable = ctx.stateVarByAst.get(member.id);
      if (initial === null || variable === undefined) continue;
      const type = ctx.storage[variable]!.type;
      body.push({
        kind: 'store',
        loc: ctx.loc(member),
        ref: { kind: 'var', type, variable },
        value: exprs.single(initial, type),
      });
    }
    const ctor = constructorDefinition(contract);
    if (ctor === undefined) continue;
    for (const invocation of children(ctor, 'modifiers')) {
      if (invocation.kind !== 'baseConstructorSpecifier')
        ctx.unsupported(invocation, 'modifiers on a constructor');
    }
    const ctorBody = child(ctor, 'body');
    if (JSON.stringify(ctorBody).includes('"nodeType":"Return"'))
      ctx.unsupported(ctor, 'return in a constructor');
    body.push({ kind: 'block', loc: ctx.loc(ctor), body: statements.block(ctorBody) });
  }
  return {
    id: `${text(mostDerived, 'name')}.constructor(${params.map((id) => abiTypeName(scope.locals[id]!.type)).join(',')})`,
    name: 'constructor',
    kind: 'constructor',
    visibility: 'public',
    mutability: ((ownCtor && optionalText(ownCtor, 'stateMutability')) ?? 'nonpayable') as Mutability,
    selector: null,
    signature: null,
    params: params.map((id) => scope.locals[id]!),
    returns: [],
    locals: scope.locals,
    body,
    loc,
  };
}

/**
 * The getter solc generates for a public state variable: one parameter per mapping key / array index;
 * a struct returns its members except mappings and arrays.
 */
function lowerGetter(ctx: ContractContext, variable: number, declaration: SolNode): IrFunction {
  const stateVar = ctx.storage[variable]!;
  const scope = new FunctionScope();
  const loc = stateVar.loc;
  let type: IrType = stateVar.type;
  let ref: StorageRef = { kind: 'var', type, variable };
  const params: number[] = [];
  const guards: Stmt[] = [];
  while (type.kind === 'mapping' || type.kind === 'array') {
    const keyType: IrType = type.kind === 'mapping' ? type.key : UINT256;
    const param = scope.declare(
      `$arg${params.length}`,
      keyType,
      keyType.kind === 'string' ? 'memory' : 'value',
    );
    params.push(param);
    const key: Expr = { kind: 'local', type: keyType, local: param };
    if (type.kind === 'mapping') {
      type = type.value;
      ref = { kind: 'mapping', type, base: ref, key };
    } else {
      // solc's getters check the index with a plain revert (empty data), not Panic(0x32).
      const length: Expr = { kind: 'storageLength', type: UINT256, ref };
      const outOfRange: Expr = {
        kind: 'compare',
        op: 'ge',
        type: BOOL,
        operandType: UINT256,
        left: key,
        right: length,
      };
      guards.push(revertIf(loc, outOfRange, { kind: 'empty' }));
      type = type.element;
      ref = { kind: 'index', type, base: ref, index: key };
    }
  }
  let values: Expr[];
  if (type.kind === 'struct') {
    const base = ref;
    const fields = type.fields.filter((f) => f.type.kind !== 'mapping' && f.type.kind !== 'array');
    if (fields.some((f) => f.type.kind === 'struct'))
      ctx.unsupported(declaration, 'getter of a nested struct');
    values = fields.map((f) => ({
      kind: 'storageLoad',
      type: f.type,
      ref: { kind: 'field', type: f.type, base, field: f.name },
    }));
  } else {
    values = [{ kind: 'storageLoad', type, ref }];
  }
  const returns = values.map((v, i) => {
    const returnType = v.type!;
    return scope.declare(
      `$ret${i}`,
      returnType,
      returnType.kind === 'string' || returnType.kind === 'bytes' ? 'memory' : 'value',
    );
  });
  const signature = `${stateVar.name}(${params.map((id) => abiTypeName(scope.locals[id]!.type)).join(',')})`;
  return {
    id: `${stateVar.contract}.${stateVar.name}#getter`,
    name: stateVar.name,
    kind: 'getter',
    visibility: 'external',
    mutability: 'view',
    selector: text(declaration, 'functionSelector'),
    signature,
    params: params.map((id) => scope.locals[id]!),
    returns: returns.map((id) => scope.locals[id]!),
    locals: scope.locals,
    body: [...guards, { kind: 'return', loc, values }],
    loc,
  };
}

/** The getter of a public constant: returns its value (solc inlines it the same way). */
function lowerConstantGetter(ctx: ContractContext, declaration: SolNode): IrFunction {
  const scope = new FunctionScope();
  const type = ctx.typeOf(declaration);
  const value = new ExpressionLowering(ctx, scope).single(child(declaration, 'value'), type);
  const ret = scope.declare(
    '$ret0',
    type,
    type.kind === 'string' || type.kind === 'bytes' ? 'memory' : 'value',
  );
  const name = text(declaration, 'name');
  const loc = ctx.loc(declaration);
  return {
    id: `${text(ctx.node(num(declaration, 'scope')), 'name')}.${name}#getter`,
    name,
    kind: 'getter',
    visibility: 'external',
    mutability: 'view',
    selector: text(declaration, 'functionSelector'),
    signature: `${name}()`,
    params: [],
    returns: [scope.locals[ret]!],
    locals: scope.locals,
    body: [{ kind: 'return', loc, values: [value] }],
    loc,
  };
}
