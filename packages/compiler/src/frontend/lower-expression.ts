/**
 * solc AST expressions → IR expressions, with Solidity's implicit conversions made explicit and
 * compile-time constants (solc's rational types) folded to typed constants.
 */
import { hexToBytes } from '@noble/hashes/utils.js';
import type { ArithmeticOp, BitwiseOp, CompareOp, EnvName, Expr, LValue, StorageRef } from '../ir/nodes.js';
import {
  BOOL,
  BYTES,
  type IrType,
  integerRange,
  intType,
  isIntegerType,
  isValueType,
  STRING,
  sameType,
  UINT256,
} from '../ir/types.js';
import { child, children, num, optionalChild, sparseChildren, text, typeIdentifier } from './ast.js';
import type { ContractContext } from './context.js';
import type { FunctionScope } from './function-scope.js';
import type { SolNode } from './solc.js';

/** An assignable place: in storage (a path) or in memory/locals. */
export type Place = { kind: 'storage'; ref: StorageRef } | { kind: 'memory'; lvalue: LValue };

export const ARITHMETIC: Record<string, ArithmeticOp | BitwiseOp> = {
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
  '%': 'mod',
  '**': 'exp',
  '&': 'and',
  '|': 'or',
  '^': 'xor',
  '<<': 'shl',
  '>>': 'shr',
};
const COMPARE: Record<string, CompareOp> = {
  '==': 'eq',
  '!=': 'ne',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
};
/** Ops that panic with 0x11 when checked (signed `/` too: `min / -1`). */
const CHECKABLE = new Set(['add', 'sub', 'mul', 'exp', 'div']);
/** Magic variables (solc's negative declaration ids are unstable across versions; match by name). */
const ENV: Record<string, EnvName> = {
  'msg.sender': 'msg.sender',
  'block.number': 'block.number',
  'block.timestamp': 'block.timestamp',
};

export class ExpressionLowering {
  constructor(
    readonly ctx: ContractContext,
    readonly scope: FunctionScope,
  ) {}

  /** `node` as a value of `target` (implicit conversion) or of its own type. */
  value(node: SolNode, target?: IrType): Expr {
    const parsed = this.ctx.parse(node);
    if (parsed.kind === 'rational') {
      if (parsed.value === null) this.ctx.unsupported(node, 'fractional constant');
      return constant(target ?? (parsed.value < 0n ? intType(256) : UINT256), parsed.value);
    }
    if (parsed.kind === 'stringLiteral') return this.stringLiteral(node, target ?? STRING);
    const expr = this.raw(node);
    return target === undefined ? expr : this.convert(expr, target);
  }

  /** A single value (not a tuple-returning or value-less call). */
  single(node: SolNode, target?: IrType): Expr {
    const expr = this.value(node, target);
    if (expr.kind === 'call' && expr.type === null) {
      this.ctx.unsupported(node, 'a call with no single return value used as a value');
    }
    return expr;
  }

  convert(expr: Expr, target: IrType): Expr {
    const from = exprType(expr);
    if (sameType(from, target)) return expr;
    if (expr.kind === 'const' && isIntegerType(target) && isIntegerType(from))
      return constant(target, expr.value);
    if (!isValueType(target) && !isValueType(from)) {
      // string ↔ bytes memory reinterpretations and location changes have no runtime effect in IR.
      return target.kind === from.kind && target.kind !== 'string' && target.kind !== 'bytes'
        ? expr
        : { kind: 'cast', type: target, operand: expr };
    }
    return { kind: 'cast', type: target, operand: expr };
  }

  private stringLiteral(node: SolNode, target: IrType): Expr {
    const bytes = hexToBytes(text(node, 'hexValue'));
    if (target.kind === 'fixedBytes') {
      let value = 0n;
      for (let i = 0; i < target.size; i++) value = (value << 8n) | BigInt(bytes[i] ?? 0);
      return constant(target, value);
    }
    return { kind: 'stringConst', type: target.kind === 'bytes' ? BYTES : STRING, value: bytes };
  }

  private raw(node: SolNode): Expr {
    switch (node.nodeType) {
      case 'Literal':
        if (node.kind === 'bool') return constant(BOOL, node.value === 'true' ? 1n : 0n);
        // An address literal (`0xdEaD…`, checksummed) is a number literal typed `address`.
        if (node.kind === 'number' && /^0x[0-9a-fA-F]+$/.test(String(node.value))) {
          return constant(this.ctx.typeOf(node), BigInt(String(node.value)));
        }
        return this.ctx.unsupported(node, `literal of kind ${String(node.kind)}`);
      case 'Identifier':
        return this.identifier(node);
      case 'BinaryOperation':
        return this.binary(node);
      case 'UnaryOperation':
        return this.unary(node);
      case 'Conditional': {
        const type = this.ctx.typeOf(node);
        return {
          kind: 'conditional',
          type,
          condition: this.single(child(node, 'condition'), BOOL),
          whenTrue: this.single(child(node, 'trueExpression'), type),
          whenFalse: this.single(child(node, 'falseExpression'), type),
        };
      }
      case 'FunctionCall':
        return this.call(node);
      case 'MemberAccess':
        return this.member(node);
      case 'IndexAccess':
        return this.read(this.place(node), node);
      case 'TupleExpression':
        return this.tuple(node);
      case 'Assignment':
        return this.ctx.unsupported(node, 'assignment inside an expression');
      default:
        return this.ctx.unsupported(node, `expression ${node.nodeType}`);
    }
  }

  private identifier(node: SolNode): Expr {
    const declarationId = num(node, 'referencedDeclaration');
    const local = this.scope.lookup(declarationId);
    if (local !== undefined) {
      if (local.location === 'storage') {
        return {
          kind: 'storageLoad',
          type: local.type,
          ref: { kind: 'local', type: local.type, local: local.id },
        };
      }
      return { kind: 'local', type: local.type, local: local.id };
    }
    const declaration = declarationId >= 0 ? this.ctx.nodes.get(declarationId) : undefined;
    if (declaration?.nodeType === 'VariableDeclaration' && declaration.constant === true) {
      return this.value(child(declaration, 'value'), this.ctx.typeOf(declaration));
    }
    if (declaration?.nodeType === 'VariableDeclaration' && declaration.stateVariable === true) {
      return this.read(this.place(node), node);
    }
    return this.ctx.unsupported(node, `identifier ${text(node, 'name')} as a value`);
  }

  private binary(node: SolNode): Expr {
    const operator = text(node, 'operator');
    const left = child(node, 'leftExpression');
    const right = child(node, 'rightExpression');
    if (operator === '&&' || operator === '||') {
      return {
        kind: 'logical',
        op: operator === '&&' ? 'and' : 'or',
        type: BOOL,
        left: this.single(left, BOOL),
        right: this.single(right, BOOL),
      };
    }
    const common = this.ctx.typeFrom((node.commonType as { typeIdentifier: string }).typeIdentifier, node);
    const compareOp = COMPARE[operator];
    if (compareOp !== undefined) {
      if (!isValueType(common)) this.ctx.unsupported(node, `comparison of ${typeIdentifier(left)}`);
      return {
        kind: 'compare',
        op: compareOp,
        type: BOOL,
        operandType: common,
        left: this.single(left, common),
        right: this.single(right, common),
      };
    }
    const op = ARITHMETIC[operator];
    if (op === undefined) return this.ctx.unsupported(node, `operator ${operator}`);
    const type = this.ctx.typeOf(node);
    return this.arithmetic(op, type, this.single(left, type), this.operand(op, right, type));
  }

  /** The right operand of an arithmetic op: `<<`, `>>`, `**` keep its own unsigned type. */
  operand(op: ArithmeticOp | BitwiseOp, right: SolNode, type: IrType): Expr {
    const ownType = op === 'shl' || op === 'shr' || op === 'exp';
    return this.single(right, ownType ? this.shiftAmountType(right) : type);
  }

  /** An arithmetic node, checked unless inside `unchecked` (div only for signed `min / -1`). */
  arithmetic(op: ArithmeticOp | BitwiseOp, type: IrType, left: Expr, right: Expr): Expr {
    const checked = !this.scope.unchecked && CHECKABLE.has(op) && (op !== 'div' || type.kind === 'int');
    return { kind: 'binary', op, type, checked, left, right };
  }

  /** The right operand of `<<`, `>>`, `**` keeps its own (unsigned) type; literals become uint256. */
  private shiftAmountType(node: SolNode): IrType {
    const parsed = this.ctx.parse(node);
    if (parsed.kind === 'rational') return UINT256;
    const type = this.ctx.typeOf(node);
    if (type.kind === 'int') this.ctx.unsupported(node, 'signed shift amount or exponent');
    return type;
  }

  private unary(node: SolNode): Expr {
    const operator = text(node, 'operator');
    const operand = child(node, 'subExpression');
    const type = this.ctx.typeOf(node);
    switch (operator) {
      case '-':
        return {
          kind: 'unary',
          op: 'neg',
          type,
          checked: !this.scope.unchecked,
          operand: this.single(operand, type),
        };
      case '!':
        return { kind: 'unary', op: 'not', type: BOOL, checked: false, operand: this.single(operand, BOOL) };
      case '~':
        return { kind: 'unary', op: 'bitnot', type, checked: false, operand: this.single(operand, type) };
      default:
        return this.ctx.unsupported(node, `${operator} inside an expression`);
    }
  }

  private tuple(node: SolNode): Expr {
    const components = sparseChildren(node, 'components');
    if (node.isInlineArray === true) {
      const type = this.ctx.typeOf(node);
      if (type.kind !== 'array') return this.ctx.unsupported(node, 'inline array');
      return {
        kind: 'arrayLiteral',
        type,
        values: components.map((c) => this.single(c!, type.element)),
      };
    }
    if (components.length === 1 && components[0] !== null) return this.value(components[0]!);
    return this.ctx.unsupported(node, 'tuple used as a value');
  }

  /** Reads a place: value types and copies of storage reference types are `storageLoad`. */
  read(place: Place, node: SolNode): Expr {
    const type = this.ctx.typeOf(node);
    if (place.kind === 'storage') return { kind: 'storageLoad', type, ref: place.ref };
    const lvalue = place.lvalue;
    if (lvalue.kind === 'local') return { kind: 'local', type: lvalue.type, local: lvalue.local };
    return lvalue.kind === 'memoryIndex'
      ? { kind: 'memoryIndex', type, base: lvalue.base, index: lvalue.index }
      : { kind: 'memoryField', type, base: lvalue.base, field: lvalue.field };
  }

  place(node: SolNode): Place {
    switch (node.nodeType) {
      case 'Identifier': {
        const declarationId = num(node, 'referencedDeclaration');
        const local = this.scope.lookup(declarationId);
        if (local !== undefined) {
          if (local.location === 'storage') {
            return { kind: 'storage', ref: { kind: 'local', type: local.type, local: local.id } };
          }
          return { kind: 'memory', lvalue: { kind: 'local', type: local.type, local: local.id } };
        }
        const variable = this.ctx.stateVarByAst.get(declarationId);
        if (variable !== undefined) {
          const type = this.ctx.storage[variable]!.type;
          return { kind: 'storage', ref: { kind: 'var', type, variable } };
        }
        const declaration = this.ctx.nodes.get(declarationId);
        if (declaration?.mutability === 'immutable') return this.ctx.unsupported(node, 'immutable variable');
        return this.ctx.unsupported(node, `assignment to ${text(node, 'name')}`);
      }
      case 'IndexAccess': {
        const base = child(node, 'baseExpression');
        const indexNode = optionalChild(node, 'indexExpression');
        if (indexNode === null) return this.ctx.unsupported(node, 'index access without an index');
        const baseType = this.ctx.parse(base);
        if (baseType.kind !== 'type') return this.ctx.unsupported(node, 'index access on a non-array');
        const type = this.ctx.typeOf(node);
        if (baseType.type.kind === 'mapping') {
          return {
            kind: 'storage',
            ref: {
              kind: 'mapping',
              type,
              base: this.storageRef(base),
              key: this.single(indexNode, baseType.type.key),
            },
          };
        }
        if (baseType.type.kind !== 'array') {
          return this.ctx.unsupported(node, `index access on ${typeIdentifier(base).slice(2)}`);
        }
        if (baseType.location === 'storage') {
          return {
            kind: 'storage',
            ref: { kind: 'index', type, base: this.storageRef(base), index: this.single(indexNode, UINT256) },
          };
        }
        return {
          kind: 'memory',
          lvalue: {
            kind: 'memoryIndex',
            type,
            base: this.single(base),
            index: this.single(indexNode, UINT256),
          },
        };
      }
      case 'MemberAccess': {
        const base = child(node, 'expression');
        const baseType = this.ctx.parse(base);
        if (baseType.kind !== 'type' || baseType.type.kind !== 'struct') {
          return this.ctx.unsupported(node, `member ${text(node, 'memberName')} as a place`);
        }
        const type = this.ctx.typeOf(node);
        const field = text(node, 'memberName');
        if (baseType.location === 'storage') {
          return { kind: 'storage', ref: { kind: 'field', type, base: this.storageRef(base), field } };
        }
        return { kind: 'memory', lvalue: { kind: 'memoryField', type, base: this.single(base), field } };
      }
      case 'TupleExpression': {
        const components = sparseChildren(node, 'components');
        if (components.length === 1 && components[0] !== null) return this.place(components[0]!);
        return this.ctx.unsupported(node, 'tuple as a place');
      }
      default:
        return this.ctx.unsupported(node, `${node.nodeType} as an assignment target`);
    }
  }

  storageRef(node: SolNode): StorageRef {
    const place = this.place(node);
    if (place.kind !== 'storage') return this.ctx.unsupported(node, 'storage reference to a memory value');
    return place.ref;
  }

  private member(node: SolNode): Expr {
    const base = child(node, 'expression');
    const member = text(node, 'memberName');
    if (base.nodeType === 'Identifier' && num(base, 'referencedDeclaration') < 0) {
      const name = `${text(base, 'name')}.${member}`;
      const env = ENV[name];
      if (env !== undefined) return { kind: 'env', type: this.ctx.typeOf(node), name: env };
      return this.ctx.unsupported(node, name);
    }
    if (base.nodeType === 'FunctionCall' && isTypeQuery(base) && (member === 'max' || member === 'min')) {
      const type = this.ctx.typeOf(node);
      if (!isIntegerType(type)) return this.ctx.unsupported(node, `type(…).${member}`);
      const range = integerRange(type);
      return constant(type, member === 'max' ? range.max : range.min);
    }
    const enumValue = this.ctx.nodes.get(node.referencedDeclaration as number);
    if (enumValue?.nodeType === 'EnumValue' && base.nodeType === 'Identifier') {
      const definition = this.ctx.node(num(base, 'referencedDeclaration'));
      const index = children(definition, 'members').findIndex((m) => m.id === enumValue.id);
      return constant(this.ctx.typeOf(node), BigInt(index));
    }
    const baseType = this.ctx.parse(base);
    if (baseType.kind !== 'type') return this.ctx.unsupported(node, `member ${member}`);
    if (member === 'length') {
      const type = this.ctx.typeOf(node);
      const kind = baseType.type.kind;
      if (kind !== 'array' && kind !== 'bytes' && kind !== 'string') {
        return this.ctx.unsupported(node, `.length of ${kind}`);
      }
      if (baseType.location === 'storage') {
        if (kind !== 'array') return this.ctx.unsupported(node, '.length of storage bytes');
        return { kind: 'storageLength', type, ref: this.storageRef(base) };
      }
      return { kind: 'memoryLength', type, base: this.single(base) };
    }
    if (baseType.type.kind === 'struct') return this.read(this.place(node), node);
    const declarationId = node.referencedDeclaration;
    if (typeof declarationId === 'number') {
      const declaration = this.ctx.nodes.get(declarationId);
      if (declaration?.nodeType === 'VariableDeclaration' && declaration.constant === true) {
        return this.value(child(declaration, 'value'), this.ctx.typeOf(declaration));
      }
    }
    return this.ctx.unsupported(node, `member access .${member}`);
  }

  private call(node: SolNode): Expr {
    const callee = child(node, 'expression');
    const args = children(node, 'arguments');
    switch (node.kind) {
      case 'typeConversion':
        return this.conversion(node, args[0]!);
      case 'structConstructorCall':
        return this.structLiteral(node, args);
      default:
        break;
    }
    const calleeType = typeIdentifier(callee);
    if (calleeType.startsWith('t_function_internal_') && callee.nodeType === 'Identifier') {
      return this.internalCall(node, callee, args);
    }
    if (calleeType.startsWith('t_function_keccak256_') || calleeType.startsWith('t_function_sha256_')) {
      return this.hash(
        node,
        calleeType.startsWith('t_function_keccak256_') ? 'keccak256' : 'sha256',
        args[0]!,
      );
    }
    if (calleeType.startsWith('t_function_objectcreation_')) {
      const type = this.ctx.typeOf(node);
      if (type.kind !== 'array' || type.length !== null)
        return this.ctx.unsupported(node, `new ${typeIdentifier(node)}`);
      return { kind: 'newArray', type, length: this.single(args[0]!, UINT256) };
    }
    if (callee.nodeType === 'MemberAccess' && text(callee, 'memberName') === 'encodePacked') {
      return this.ctx.unsupported(node, 'abi.encodePacked outside keccak256/sha256');
    }
    if (calleeType.startsWith('t_function_internal_')) {
      return this.ctx.unsupported(
        node,
        `call through ${callee.nodeType === 'MemberAccess' ? 'super or a base contract name' : 'a function value'}`,
      );
    }
    const kind = /^t_function_([a-z]+)/.exec(calleeType)?.[1] ?? callee.nodeType;
    return this.ctx.unsupported(node, `${describeCallKind(kind)}`);
  }

  private conversion(node: SolNode, arg: SolNode): Expr {
    const target = this.ctx.typeOf(node);
    const parsed = this.ctx.parse(arg);
    if (parsed.kind === 'rational') {
      if (parsed.value === null) return this.ctx.unsupported(arg, 'fractional constant');
      return constant(target, parsed.value);
    }
    if (parsed.kind === 'stringLiteral') return this.stringLiteral(arg, target);
    const operand = this.single(arg);
    const from = exprType(operand);
    const enumId = enumDefinitionId(typeIdentifier(node));
    if (enumId !== null && enumDefinitionId(typeIdentifier(arg)) === null) {
      // Integer → enum: Panic(0x21) when out of range, through a synthesised checking function.
      const checker = this.ctx.enumChecker(enumId);
      const value = this.convert(operand, UINT256);
      return { kind: 'call', type: target, types: [target], function: checker, args: [value] };
    }
    if (sameType(from, target)) return operand;
    if (
      ((from.kind === 'string' || from.kind === 'bytes') &&
        (target.kind === 'string' || target.kind === 'bytes')) ||
      (from.kind === 'bytes' && target.kind === 'fixedBytes')
    ) {
      return { kind: 'cast', type: target, operand };
    }
    if (!isValueType(from) || !isValueType(target)) {
      return this.ctx.unsupported(node, `conversion to ${typeIdentifier(node).slice(2)}`);
    }
    return { kind: 'cast', type: target, operand };
  }

  private structLiteral(node: SolNode, args: SolNode[]): Expr {
    const type = this.ctx.typeOf(node);
    if (type.kind !== 'struct') return this.ctx.unsupported(node, 'struct constructor');
    const names = (node.names as string[] | undefined) ?? [];
    const values = type.fields.map((field, i) => {
      const at = names.length === 0 ? i : names.indexOf(field.name);
      return this.single(args[at]!, field.type);
    });
    return { kind: 'structLiteral', type, values };
  }

  internalCall(node: SolNode, callee: SolNode, args: SolNode[]): Expr {
    const declaration = this.ctx.nodes.get(num(callee, 'referencedDeclaration'));
    if (declaration?.nodeType !== 'FunctionDefinition')
      return this.ctx.unsupported(node, 'call of a function value');
    const target = this.ctx.resolveVirtual(declaration);
    const id = this.ctx.request(target);
    const params = children(child(target, 'parameters'), 'parameters');
    const loweredArgs = args.map((arg, i) => {
      const param = params[i]!;
      if (param.storageLocation === 'storage') {
        return { kind: 'storageRef', type: this.ctx.typeOf(param), ref: this.storageRef(arg) } satisfies Expr;
      }
      return this.single(arg, this.ctx.typeOf(param));
    });
    const types = children(child(target, 'returnParameters'), 'parameters').map((p) => this.ctx.typeOf(p));
    return {
      kind: 'call',
      type: types.length === 1 ? types[0]! : null,
      types,
      function: id,
      args: loweredArgs,
    };
  }

  private hash(node: SolNode, algorithm: 'keccak256' | 'sha256', arg: SolNode): Expr {
    if (arg.nodeType === 'FunctionCall') {
      const inner = child(arg, 'expression');
      const innerType = typeIdentifier(inner);
      const encoding = innerType.startsWith('t_function_abiencodepacked_')
        ? 'packed'
        : innerType.startsWith('t_function_abiencode_')
          ? 'standard'
          : null;
      if (encoding !== null) {
        const args = children(arg, 'arguments').map((a) => {
          const parsed = this.ctx.parse(a);
          if (parsed.kind === 'rational')
            return this.ctx.unsupported(a, 'untyped number literal in abi.encode');
          const expr = this.single(a);
          const type = exprType(expr);
          if (
            type.kind === 'struct' ||
            type.kind === 'mapping' ||
            (type.kind === 'array' && !isValueType(type.element))
          ) {
            return this.ctx.unsupported(a, `abi.encode of ${typeIdentifier(a).slice(2)}`);
          }
          return expr;
        });
        return { kind: 'hash', type: this.ctx.typeOf(node), algorithm, encoding, args };
      }
    }
    const value = this.single(arg, BYTES);
    return { kind: 'hash', type: this.ctx.typeOf(node), algorithm, encoding: 'packed', args: [value] };
  }
}

function isTypeQuery(node: SolNode): boolean {
  const callee = node.expression as SolNode | undefined;
  return callee?.nodeType === 'Identifier' && callee.name === 'type';
}

function describeCallKind(kind: string): string {
  switch (kind) {
    case 'external':
    case 'bareCall':
    case 'barecall':
      return 'external call to another contract';
    case 'baredelegatecall':
    case 'delegatecall':
      return 'delegatecall';
    case 'transfer':
    case 'send':
      return 'value transfer';
    case 'abidecode':
      return 'abi.decode';
    default:
      return `call of ${kind}`;
  }
}

/** The AST id of the enum a type identifier names (`t_enum$_State_$12` → 12), or null. */
export function enumDefinitionId(identifier: string): number | null {
  const match = /^t_enum\$_.*_\$(\d+)$/.exec(identifier);
  return match === null ? null : Number(match[1]);
}

export function constant(type: IrType, value: bigint): Expr {
  return { kind: 'const', type, value };
}

/** The IR type of an expression (a multi-valued call has none). */
export function exprType(expr: Expr): IrType {
  if (expr.type === null) throw new Error('a call without a single return value has no type');
  return expr.type;
}
