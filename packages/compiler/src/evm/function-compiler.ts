import { UnsupportedError } from '@polyvm/core';
import {
  type Expr,
  type IrContract,
  type IrFunction,
  type IrType,
  isValueType,
  type LValue,
  type Stmt,
  sameType,
  typeName,
} from '../ir/index.js';
import { emitBinary, emitCast, emitCompare, emitUnary, isRingOp } from './arithmetic.js';
import type { CodeBuilder, Label } from './code-builder.js';
import { emitEmit, emitHash, emitRevert } from './effects.js';
import { type FrameLayout, MAX_RETURN_VALUES, RETURN_SCRATCH } from './frames.js';
import type { Gen } from './gen-context.js';
import { located } from './located.js';
import { allocate, allocateArray, ZERO_SLOT } from './memory.js';
import { type PanicBlocks, PanicCode } from './panic.js';
import { deleteAny, loadAny, popElement, pushElement, pushRef, storageLength, storeAny } from './storage.js';
import type { Subroutines } from './subroutines.js';
import { cleanup, constantWord, literalWords, wordShape } from './words.js';

/** Entry labels of the functions compiled into one program (init code or runtime code). */
export class FunctionTable {
  readonly #entries = new Map<string, Label>();
  readonly #pending: IrFunction[] = [];

  constructor(
    private readonly b: CodeBuilder,
    private readonly contract: IrContract,
  ) {}

  /** The entry label of `id`, queuing its body for compilation on first use. */
  entry(id: string): Label {
    let label = this.#entries.get(id);
    if (label === undefined) {
      const fn = this.contract.functions.find((f) => f.id === id);
      if (fn === undefined) throw new UnsupportedError(`evm: call of unknown function ${id}`);
      label = this.b.newLabel(`fn ${id}`, true);
      this.#entries.set(id, label);
      this.#pending.push(fn);
    }
    return label;
  }

  /** Next function whose body still has to be emitted. */
  next(): IrFunction | undefined {
    return this.#pending.shift();
  }
}

interface LoopLabels {
  readonly breakTo: Label;
  readonly continueTo: Label;
}

/**
 * Compiles one IR function as a subroutine. Calling convention: the caller pushes the return address,
 * then the arguments (first deepest), and jumps to the entry; the callee stores the arguments in its
 * frame (locals live in memory at static addresses, see `frames.ts`), runs the body and returns with
 * its return values on the stack (first deepest) in place of the return address. Between statements
 * the stack holds only the return address.
 */
export class FunctionCompiler implements Gen {
  readonly #loops: LoopLabels[] = [];
  readonly #exit: Label;
  readonly #base: number;

  constructor(
    readonly b: CodeBuilder,
    readonly panics: PanicBlocks,
    readonly contract: IrContract,
    readonly subroutines: Subroutines,
    private readonly functions: FunctionTable,
    private readonly frames: FrameLayout,
    private readonly fn: IrFunction,
  ) {
    this.#exit = b.newLabel(`exit ${fn.id}`);
    this.#base = frames.base.get(fn.id)!;
  }

  localAddress(id: number): number {
    return this.#base + 32 * id;
  }

  compile(): void {
    const { b, fn } = this;
    if (fn.returns.length > MAX_RETURN_VALUES)
      throw new UnsupportedError(`evm: ${fn.id} returns more than ${MAX_RETURN_VALUES} values`);
    b.setHeight(1 + fn.params.length);
    b.mark(this.functions.entry(fn.id));
    for (const param of [...fn.params].reverse()) b.push(this.localAddress(param.id)).op('MSTORE');
    for (const ret of fn.returns) this.#zeroLocal(ret.id, ret.type, ret.location);
    this.#statements(fn.body);
    if (b.reachable) b.jump(this.#exit);
    if (!b.isTargeted(this.#exit)) return; // every path reverts
    b.mark(this.#exit);
    const returns = fn.returns;
    if (returns.length > 0) {
      for (const ret of returns.slice(1)) b.push(this.localAddress(ret.id)).op('MLOAD');
      b.push(this.localAddress(returns[0]!.id)).op('MLOAD');
      b.swap(returns.length);
    }
    b.op('JUMP');
  }

  #zeroLocal(id: number, type: IrType, location: string): void {
    if (location === 'storage' || isValueType(type)) this.b.push(0);
    else this.#zeroMemoryValue(type);
    this.b.push(this.localAddress(id)).op('MSTORE');
  }

  /** Pushes a fresh zero value of a memory type (solc: empty dynamic arrays point at the zero slot). */
  #zeroMemoryValue(type: IrType): void {
    const b = this.b;
    if (isValueType(type)) {
      b.push(0);
      return;
    }
    if (type.kind === 'string' || type.kind === 'bytes' || (type.kind === 'array' && type.length === null)) {
      b.push(ZERO_SLOT);
      return;
    }
    const members =
      type.kind === 'struct'
        ? type.fields.map((f) => f.type)
        : type.kind === 'array'
          ? Array<IrType>(type.length!).fill(type.element)
          : undefined;
    if (members === undefined) throw new UnsupportedError(`evm: zero value of ${typeName(type)}`);
    b.push(32 * members.length);
    allocate(b, this.panics);
    members.forEach((member, i) => {
      if (member.kind === 'mapping') b.push(0);
      else this.#zeroMemoryValue(member);
      b.dup(2)
        .push(32 * i)
        .op('ADD')
        .op('MSTORE');
    });
  }

  // ── statements ────────────────────────────────────────────────────────────────────────────────

  #statements(list: readonly Stmt[]): void {
    for (const stmt of list) {
      if (!this.b.reachable) return; // code after return/break/revert never runs
      try {
        this.#statement(stmt);
      } catch (error) {
        throw located(error, stmt.loc);
      }
    }
  }

  #statement(stmt: Stmt): void {
    const b = this.b;
    switch (stmt.kind) {
      case 'let': {
        if (stmt.value === null) {
          for (const id of stmt.locals) {
            if (id === null) continue;
            const local = this.fn.locals[id]!;
            this.#zeroLocal(id, local.type, local.location);
          }
          return;
        }
        const count = this.#pushValues(stmt.value);
        if (count !== stmt.locals.length)
          throw new UnsupportedError(`evm: let of ${stmt.locals.length} locals from ${count} values`);
        for (const id of [...stmt.locals].reverse()) {
          if (id === null) b.op('POP');
          else b.push(this.localAddress(id)).op('MSTORE');
        }
        return;
      }
      case 'assign': {
        let count = 0;
        for (const value of stmt.values) count += this.#pushValues(value);
        if (count !== stmt.targets.length)
          throw new UnsupportedError(`evm: assignment of ${count} values to ${stmt.targets.length} targets`);
        for (const target of [...stmt.targets].reverse()) {
          if (target === null) b.op('POP');
          else this.#assign(target);
        }
        return;
      }
      case 'store': {
        this.expr(stmt.value);
        const offset = pushRef(this, stmt.ref);
        storeAny(this, stmt.ref.type, offset);
        return;
      }
      case 'storagePush': {
        const element = elementType(stmt.ref.type);
        if (stmt.value !== null) this.expr(stmt.value);
        this.#pushSlot(stmt.ref);
        pushElement(this, element, stmt.value !== null);
        return;
      }
      case 'storagePop':
        this.#pushSlot(stmt.ref);
        popElement(this, elementType(stmt.ref.type));
        return;
      case 'storageDelete': {
        const offset = pushRef(this, stmt.ref);
        deleteAny(this, stmt.ref.type, offset);
        return;
      }
      case 'expr': {
        const count = this.#pushValues(stmt.expr);
        b.pop(count);
        return;
      }
      case 'if': {
        const otherwise = b.newLabel('else');
        const end = b.newLabel('end-if');
        this.expr(stmt.condition);
        b.op('ISZERO').jumpIf(otherwise);
        this.#statements(stmt.then);
        if (b.reachable) b.jump(end);
        b.mark(otherwise);
        this.#statements(stmt.else);
        if (b.reachable) b.jump(end);
        this.#markIfReached(end);
        return;
      }
      case 'loop':
        this.#loop(stmt);
        return;
      case 'break':
        b.jump(this.#loops.at(-1)!.breakTo);
        return;
      case 'continue':
        b.jump(this.#loops.at(-1)!.continueTo);
        return;
      case 'return': {
        if (stmt.values !== null) {
          let count = 0;
          for (const value of stmt.values) count += this.#pushValues(value);
          if (count !== this.fn.returns.length)
            throw new UnsupportedError(`evm: return of ${count} values from ${this.fn.id}`);
          for (const ret of [...this.fn.returns].reverse()) b.push(this.localAddress(ret.id)).op('MSTORE');
        }
        b.jump(this.#exit);
        return;
      }
      case 'revert':
        emitRevert(this, stmt.reason);
        return;
      case 'emit':
        emitEmit(this, stmt.event, stmt.args);
        return;
      case 'block':
        this.#statements(stmt.body);
        return;
      default:
        throw new UnsupportedError(`evm: statement ${(stmt satisfies never as Stmt).kind}`);
    }
  }

  #markIfReached(label: Label): void {
    if (this.b.reachable || this.b.isTargeted(label)) this.b.mark(label);
  }

  /**
   * Loops are rotated: the test sits at the bottom and jumps back to the body, so an iteration costs one
   * JUMPI (a test-first loop enters by jumping to the test once).
   */
  #loop(stmt: Extract<Stmt, { kind: 'loop' }>): void {
    const b = this.b;
    const top = b.newLabel('loop');
    const next = b.newLabel('loop-continue');
    const test = b.newLabel('loop-test');
    const end = b.newLabel('loop-end');
    this.#loops.push({ breakTo: end, continueTo: next });
    const height = b.height;
    if (stmt.testFirst) b.jump(test).setHeight(height);
    b.mark(top);
    this.#statements(stmt.body);
    this.#markIfReached(next);
    if (b.reachable) this.#statements(stmt.update);
    this.#markIfReached(test);
    if (b.reachable) {
      if (stmt.condition === null) b.jump(top);
      else {
        this.expr(stmt.condition);
        b.jumpIf(top);
      }
    }
    this.#loops.pop();
    this.#markIfReached(end);
  }

  #assign(target: LValue): void {
    const b = this.b;
    if (target.kind === 'local') {
      b.push(this.localAddress(target.local)).op('MSTORE');
      return;
    }
    if (target.kind === 'memoryField') {
      this.expr(target.base);
      b.push(32 * fieldIndex(target.base.type!, target.field))
        .op('ADD')
        .op('MSTORE');
      return;
    }
    const byteArray = isByteArray(target.base.type!);
    this.#memoryElement(target.base, target.index);
    if (byteArray) b.swap(1).push(248).op('SHR').swap(1).op('MSTORE8');
    else b.op('MSTORE');
  }

  /** Pushes the storage slot of a reference-typed storage path (arrays and structs start a slot). */
  #pushSlot(ref: Parameters<typeof pushRef>[1]): void {
    const offset = pushRef(this, ref);
    if (offset !== 0) throw new UnsupportedError('evm: packed reference in storage');
  }

  // ── expressions ───────────────────────────────────────────────────────────────────────────────

  /** Emits an expression that may produce several words (a call); returns how many it pushed. */
  #pushValues(e: Expr): number {
    if (e.kind === 'call') {
      this.#call(e);
      return e.types.length;
    }
    this.expr(e);
    return 1;
  }

  expr(e: Expr): void {
    const b = this.b;
    switch (e.kind) {
      case 'const':
        b.push(constantWord(e.type, e.value));
        return;
      case 'stringConst':
        this.#stringConstant(e.value);
        return;
      case 'local':
        b.push(this.localAddress(e.local)).op('MLOAD');
        return;
      case 'binary':
        this.#binary(e, true);
        return;
      case 'compare':
        this.expr(e.right);
        this.expr(e.left);
        emitCompare(b, e.op, e.operandType);
        return;
      case 'logical': {
        const end = b.newLabel('logical-end');
        this.expr(e.left);
        b.dup(1);
        if (e.op === 'and') b.op('ISZERO');
        b.jumpIf(end).op('POP');
        this.expr(e.right);
        b.mark(end);
        return;
      }
      case 'unary':
        this.expr(e.operand);
        emitUnary(b, this.panics, e.op, e.type, e.checked);
        return;
      case 'cast': {
        this.expr(e.operand);
        const from = e.operand.type!;
        if (isValueType(e.type) && isValueType(from)) emitCast(b, from, e.type);
        else if (e.type.kind === 'fixedBytes' && isByteArray(from)) {
          // solc convert_bytes_to_fixedbytes: the first min(length, N) bytes, left-aligned.
          b.dup(1).op('MLOAD').push(3).op('SHL').push(0).op('NOT').swap(1).op('SHR').op('NOT');
          b.swap(1).push(32).op('ADD').op('MLOAD').op('AND');
          cleanup(b, wordShape(e.type));
        } else if (isValueType(e.type) || isValueType(from))
          throw new UnsupportedError(`evm: conversion from ${typeName(from)} to ${typeName(e.type)}`);
        return;
      }
      case 'conditional': {
        const otherwise = b.newLabel('cond-else');
        const end = b.newLabel('cond-end');
        this.expr(e.condition);
        b.op('ISZERO').jumpIf(otherwise);
        this.expr(e.whenTrue);
        b.jump(end);
        b.mark(otherwise);
        this.expr(e.whenFalse);
        b.mark(end);
        return;
      }
      case 'env':
        b.op(e.name === 'msg.sender' ? 'CALLER' : e.name === 'block.number' ? 'NUMBER' : 'TIMESTAMP');
        return;
      case 'storageLoad': {
        const offset = pushRef(this, e.ref);
        loadAny(this, e.type, offset);
        return;
      }
      case 'storageLength':
        this.#pushSlot(e.ref);
        storageLength(this, e.ref.type);
        return;
      case 'storageRef':
        this.#pushSlot(e.ref);
        return;
      case 'memoryIndex': {
        const byteArray = isByteArray(e.base.type!);
        this.#memoryElement(e.base, e.index);
        b.op('MLOAD');
        if (byteArray) b.push(0xffn << 248n).op('AND');
        return;
      }
      case 'memoryField':
        this.expr(e.base);
        b.push(32 * fieldIndex(e.base.type!, e.field))
          .op('ADD')
          .op('MLOAD');
        return;
      case 'memoryLength': {
        const type = e.base.type!;
        if (type.kind === 'array' && type.length !== null) b.push(type.length);
        else {
          this.expr(e.base);
          b.op('MLOAD');
        }
        return;
      }
      case 'newArray': {
        const type = e.type;
        if (type.kind !== 'array') throw new UnsupportedError(`evm: new ${typeName(type)}`);
        const element = type.element;
        this.expr(e.length);
        allocateArray(b, this.panics);
        if (!isValueType(element)) this.#fillArray(() => this.#zeroMemoryValue(element));
        return;
      }
      case 'structLiteral':
      case 'arrayLiteral': {
        for (const value of e.values) this.expr(value);
        b.push(32 * e.values.length);
        allocate(b, this.panics);
        for (let i = e.values.length - 1; i >= 0; i--)
          b.swap(1)
            .dup(2)
            .push(32 * i)
            .op('ADD')
            .op('MSTORE');
        return;
      }
      case 'call':
        if (e.types.length !== 1)
          throw new UnsupportedError(`evm: call of ${e.function} with ${e.types.length} results as a value`);
        this.#call(e);
        return;
      case 'hash':
        emitHash(this, e);
        return;
      default:
        throw new UnsupportedError(`evm: expression ${(e satisfies never as Expr).kind}`);
    }
  }

  /**
   * A binary operation; operands that are wrapping `+ - *` of the same type feeding a wrapping
   * `+ - *` stay uncleaned (see `isRingOp`): only the outermost result is cleaned.
   */
  #binary(e: Extract<Expr, { kind: 'binary' }>, clean: boolean): void {
    const ring = !e.checked && isRingOp(e.op);
    const operand = (x: Expr): void => {
      if (ring && x.kind === 'binary' && !x.checked && isRingOp(x.op) && sameType(x.type, e.type))
        this.#binary(x, false);
      else this.expr(x);
    };
    operand(e.right);
    operand(e.left);
    emitBinary(this.b, this.panics, e.op, e.type, e.checked, clean);
  }

  /** `[pointer]` of a dynamic array whose elements are each set to what `zero` pushes. */
  #fillArray(zero: () => void): void {
    const b = this.b;
    const loop = b.newLabel('fill');
    const done = b.newLabel('fill-done');
    b.dup(1).op('MLOAD'); // [p, n]
    b.mark(loop);
    b.dup(1).op('ISZERO').jumpIf(done);
    zero();
    b.dup(2).push(5).op('SHL').dup(4).op('ADD').op('MSTORE');
    b.push(1).swap(1).op('SUB').jump(loop);
    b.mark(done);
    b.op('POP');
  }

  /** `[]` → `[address of element]` with the bounds check (Panic 0x32); evaluates base, then index. */
  #memoryElement(base: Expr, index: Expr): void {
    const b = this.b;
    const type = base.type!;
    this.expr(base);
    this.expr(index); // [p, i]
    if (type.kind === 'array' && type.length !== null) {
      b.push(type.length).dup(2).op('LT').op('ISZERO');
      this.panics.panicIf(PanicCode.outOfBounds);
      b.push(5).op('SHL').op('ADD');
      return;
    }
    b.dup(2).op('MLOAD').dup(2).op('LT').op('ISZERO');
    this.panics.panicIf(PanicCode.outOfBounds);
    if (!isByteArray(type)) b.push(5).op('SHL');
    b.op('ADD').push(32).op('ADD');
  }

  /** A string/bytes literal in fresh memory: length word, then the bytes in 32-byte words. */
  #stringConstant(bytes: Uint8Array): void {
    const b = this.b;
    const words = literalWords(bytes);
    b.push(32 * (words.length + 1));
    allocate(b, this.panics);
    b.push(bytes.length).dup(2).op('MSTORE');
    words.forEach((word, w) => {
      b.push(word)
        .dup(2)
        .push(32 * (w + 1))
        .op('ADD')
        .op('MSTORE');
    });
  }

  /**
   * An internal call. Inside a recursive group the caller's frame is saved on the stack first and
   * restored after the callee returns (its results parked at RETURN_SCRATCH meanwhile).
   */
  #call(e: Extract<Expr, { kind: 'call' }>): void {
    const b = this.b;
    const recursive = this.frames.component.get(e.function) === this.frames.component.get(this.fn.id);
    const saved = recursive ? this.fn.locals.length : 0;
    for (let i = 0; i < saved; i++) b.push(this.localAddress(i)).op('MLOAD');
    const height = b.height;
    const back = b.newLabel(`return from ${e.function}`);
    b.pushLabel(back);
    for (const arg of e.args) this.expr(arg);
    b.jump(this.functions.entry(e.function));
    b.setHeight(height + e.types.length);
    b.mark(back);
    if (saved === 0) return;
    const results = e.types.length;
    for (let i = results - 1; i >= 0; i--) b.push(RETURN_SCRATCH + 32 * i).op('MSTORE');
    for (let i = saved - 1; i >= 0; i--) b.push(this.localAddress(i)).op('MSTORE');
    for (let i = 0; i < results; i++) b.push(RETURN_SCRATCH + 32 * i).op('MLOAD');
  }
}

function elementType(type: IrType): IrType {
  if (type.kind !== 'array') throw new UnsupportedError(`evm: push/pop on ${typeName(type)}`);
  return type.element;
}

function isByteArray(type: IrType): boolean {
  return type.kind === 'bytes' || type.kind === 'string';
}

function fieldIndex(type: IrType, field: string): number {
  if (type.kind !== 'struct') throw new UnsupportedError(`evm: field ${field} of ${typeName(type)}`);
  const index = type.fields.findIndex((f) => f.name === field);
  if (index < 0) throw new UnsupportedError(`evm: no field ${field} in ${type.name}`);
  return index;
}
