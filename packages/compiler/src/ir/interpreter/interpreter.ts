/**
 * The IR interpreter: the reference semantics every back end is compared with. It executes an
 * `IrContract` over solc-layout storage words, takes ABI call data and returns ABI return data, revert
 * data and EVM-shaped logs, so its observable results compare byte for byte with the EVM.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { concatBytes } from '@polyvm/core';
import { type AbiValue, bytesWord, decodeAbi, encodeAbi, valueWord, wordBytes } from '../../abi/codec.js';
import { customErrorData, errorStringData, panicData } from '../../abi/revert.js';
import { constructorOf, type IrContract, type IrFunction } from '../contract.js';
import type { Expr, LValue, RevertReason, Stmt, StorageRef } from '../nodes.js';
import { type IrType, isValueType, valueTypeSize } from '../types.js';
import { binary, bitNot, compare, convert, negate, PANIC, PanicSignal } from './arithmetic.js';
import {
  arrayDataSlot,
  elementPosition,
  mappingSlot,
  StorageAccess,
  type StoragePosition,
  WordStorage,
} from './storage.js';
import { StoragePointer, type Value, zeroValue } from './values.js';

export interface IrEnvironment {
  readonly sender: bigint;
  readonly blockNumber: bigint;
  readonly timestamp: bigint;
}

export interface IrLog {
  /** 32-byte topics, topic 0 first. */
  readonly topics: readonly Uint8Array[];
  readonly data: Uint8Array;
}

export interface IrOutcome {
  /** `out-of-gas`: the step or depth limit was hit (where the EVM would run out of gas). */
  readonly status: 'success' | 'revert' | 'out-of-gas';
  readonly returnData: Uint8Array;
  readonly logs: readonly IrLog[];
  /** Statements executed. */
  readonly steps: number;
}

export interface IrInterpreterOptions {
  /** Statements per call before the call fails as `out-of-gas` (default 10 million). */
  readonly stepLimit?: number;
  /** Internal call depth limit (default 256). */
  readonly depthLimit?: number;
}

class RevertSignal extends Error {
  constructor(readonly data: Uint8Array) {
    super('revert');
  }
}
class ResourceSignal extends Error {}

const NORMAL = 0;
const BREAK = 1;
const CONTINUE = 2;
const RETURN = 3;
type Signal = typeof NORMAL | typeof BREAK | typeof CONTINUE | typeof RETURN;

/** Largest memory array the interpreter allocates; the EVM would run out of gas long before. */
const MAX_MEMORY_ELEMENTS = 1n << 20n;

interface Frame {
  readonly fn: IrFunction;
  readonly locals: Value[];
  returned: Value[] | null;
}

export class IrInterpreter {
  readonly words: WordStorage;
  private readonly access: StorageAccess;
  private readonly functions = new Map<string, IrFunction>();
  private readonly bySelector = new Map<string, IrFunction>();
  private env: IrEnvironment = { sender: 0n, blockNumber: 0n, timestamp: 0n };
  private logs: IrLog[] = [];
  private steps = 0;
  private depth = 0;
  private readonly stepLimit: number;
  private readonly depthLimit: number;

  constructor(
    readonly contract: IrContract,
    storage: Map<bigint, bigint> = new Map(),
    options: IrInterpreterOptions = {},
  ) {
    this.words = new WordStorage(storage);
    this.access = new StorageAccess(this.words);
    for (const fn of contract.functions) {
      this.functions.set(fn.id, fn);
      if (fn.selector !== null) this.bySelector.set(fn.selector, fn);
    }
    this.stepLimit = options.stepLimit ?? 10_000_000;
    this.depthLimit = options.depthLimit ?? 256;
  }

  /** Committed storage: slot → non-zero word. */
  get storage(): ReadonlyMap<bigint, bigint> {
    return this.words.committed;
  }

  /** Runs the constructor with ABI-encoded arguments. */
  deploy(encodedArgs: Uint8Array, env: IrEnvironment): IrOutcome {
    const ctor = constructorOf(this.contract);
    return this.transaction(env, () => {
      const args = this.decodeArgs(ctor, encodedArgs);
      this.invoke(ctor, args);
      return new Uint8Array();
    });
  }

  /** Runs a call with ABI call data (selector ‖ arguments), as solc's dispatcher would. */
  call(calldata: Uint8Array, env: IrEnvironment): IrOutcome {
    return this.transaction(env, () => {
      if (calldata.length < 4) throw new RevertSignal(new Uint8Array());
      const fn = this.bySelector.get(bytesToHex(calldata.subarray(0, 4)));
      if (fn === undefined) throw new RevertSignal(new Uint8Array());
      const results = this.invoke(fn, this.decodeArgs(fn, calldata.subarray(4)));
      return encodeAbi(
        fn.returns.map((r) => r.type),
        results as AbiValue[],
      );
    });
  }

  private decodeArgs(fn: IrFunction, data: Uint8Array): Value[] {
    try {
      return decodeAbi(
        fn.params.map((p) => p.type),
        data,
      );
    } catch {
      throw new RevertSignal(new Uint8Array());
    }
  }

  private transaction(env: IrEnvironment, body: () => Uint8Array): IrOutcome {
    this.env = env;
    this.logs = [];
    this.steps = 0;
    this.depth = 0;
    try {
      const returnData = body();
      this.words.commit();
      return { status: 'success', returnData, logs: this.logs, steps: this.steps };
    } catch (error) {
      this.words.rollback();
      const steps = this.steps;
      if (error instanceof RevertSignal) return { status: 'revert', returnData: error.data, logs: [], steps };
      if (error instanceof PanicSignal)
        return { status: 'revert', returnData: panicData(error.code), logs: [], steps };
      if (error instanceof ResourceSignal || error instanceof RangeError) {
        return { status: 'out-of-gas', returnData: new Uint8Array(), logs: [], steps };
      }
      throw error;
    }
  }

  private invoke(fn: IrFunction, args: readonly Value[]): Value[] {
    if (++this.depth > this.depthLimit) throw new ResourceSignal('call depth');
    const frame: Frame = { fn, locals: new Array<Value>(fn.locals.length), returned: null };
    fn.params.forEach((p, i) => {
      frame.locals[p.id] = args[i]!;
    });
    for (const r of fn.returns) frame.locals[r.id] = zeroValue(r.type);
    this.block(frame, fn.body);
    this.depth--;
    return frame.returned ?? fn.returns.map((r) => frame.locals[r.id]!);
  }

  private block(frame: Frame, body: readonly Stmt[]): Signal {
    for (const stmt of body) {
      const signal = this.statement(frame, stmt);
      if (signal !== NORMAL) return signal;
    }
    return NORMAL;
  }

  private statement(frame: Frame, stmt: Stmt): Signal {
    if (++this.steps > this.stepLimit) throw new ResourceSignal('steps');
    switch (stmt.kind) {
      case 'let': {
        if (stmt.value === null) {
          for (const id of stmt.locals)
            if (id !== null) frame.locals[id] = zeroValue(frame.fn.locals[id]!.type);
          return NORMAL;
        }
        const values = this.values(frame, stmt.value, stmt.locals.length);
        stmt.locals.forEach((id, i) => {
          if (id !== null) frame.locals[id] = values[i]!;
        });
        return NORMAL;
      }
      case 'assign': {
        const values =
          stmt.values.length === 1 && stmt.targets.length > 1
            ? this.values(frame, stmt.values[0]!, stmt.targets.length)
            : stmt.values.map((v) => this.expr(frame, v));
        stmt.targets.forEach((target, i) => {
          if (target !== null) this.assign(frame, target, values[i]!);
        });
        return NORMAL;
      }
      case 'store': {
        const value = this.expr(frame, stmt.value);
        this.access.store(stmt.ref.type, this.resolve(frame, stmt.ref), value);
        return NORMAL;
      }
      case 'storagePush': {
        const value = stmt.value === null ? null : this.expr(frame, stmt.value);
        const type = stmt.ref.type;
        if (type.kind !== 'array') throw new TypeError('push on a non-array');
        this.access.push(type, this.resolve(frame, stmt.ref), value);
        return NORMAL;
      }
      case 'storagePop': {
        const type = stmt.ref.type;
        if (type.kind !== 'array') throw new TypeError('pop on a non-array');
        this.access.pop(type, this.resolve(frame, stmt.ref));
        return NORMAL;
      }
      case 'storageDelete':
        this.access.clear(stmt.ref.type, this.resolve(frame, stmt.ref));
        return NORMAL;
      case 'expr':
        this.values(frame, stmt.expr, -1);
        return NORMAL;
      case 'if':
        return this.block(frame, this.truthy(frame, stmt.condition) ? stmt.then : stmt.else);
      case 'loop':
        return this.loop(frame, stmt);
      case 'break':
        return BREAK;
      case 'continue':
        return CONTINUE;
      case 'return':
        frame.returned =
          stmt.values === null
            ? frame.fn.returns.map((r) => frame.locals[r.id]!)
            : stmt.values.map((v) => this.expr(frame, v));
        return RETURN;
      case 'revert':
        throw new RevertSignal(this.revertData(frame, stmt.reason));
      case 'emit':
        this.emit(frame, stmt.event, stmt.args);
        return NORMAL;
      case 'block':
        return this.block(frame, stmt.body);
    }
  }

  private loop(frame: Frame, stmt: Stmt & { kind: 'loop' }): Signal {
    let first = true;
    for (;;) {
      if ((stmt.testFirst || !first) && stmt.condition !== null && !this.truthy(frame, stmt.condition))
        return NORMAL;
      first = false;
      const signal = this.block(frame, stmt.body);
      if (signal === BREAK) return NORMAL;
      if (signal === RETURN) return RETURN;
      if (this.block(frame, stmt.update) === RETURN) return RETURN;
      if (++this.steps > this.stepLimit) throw new ResourceSignal('steps');
    }
  }

  private truthy(frame: Frame, expr: Expr): boolean {
    return this.expr(frame, expr) !== 0n;
  }

  private assign(frame: Frame, target: LValue, value: Value): void {
    switch (target.kind) {
      case 'local':
        frame.locals[target.local] = value;
        return;
      case 'memoryIndex': {
        const index = this.expr(frame, target.index) as bigint;
        const array = this.expr(frame, target.base) as Value[];
        if (index >= BigInt(array.length)) throw new PanicSignal(PANIC.indexOutOfBounds);
        array[Number(index)] = value;
        return;
      }
      case 'memoryField': {
        const struct = this.expr(frame, target.base) as Value[];
        struct[fieldIndex(target.base.type!, target.field)] = value;
        return;
      }
    }
  }

  /** Evaluates an expression that may produce several values (a call); `count` -1 = discard. */
  private values(frame: Frame, expr: Expr, count: number): Value[] {
    if (expr.kind === 'call' && (count !== 1 || expr.type === null)) return this.internalCall(frame, expr);
    return [this.expr(frame, expr)];
  }

  private internalCall(frame: Frame, expr: Expr & { kind: 'call' }): Value[] {
    const fn = this.functions.get(expr.function);
    if (fn === undefined) throw new Error(`IR: no function ${expr.function}`);
    const args = expr.args.map((a) => this.expr(frame, a));
    return this.invoke(fn, args);
  }

  expr(frame: Frame, expr: Expr): Value {
    switch (expr.kind) {
      case 'const':
        return expr.value;
      case 'stringConst':
        return expr.value;
      case 'local':
        return frame.locals[expr.local]!;
      case 'binary': {
        const right = this.expr(frame, expr.right) as bigint;
        const left = this.expr(frame, expr.left) as bigint;
        return binary(expr.op, expr.type, expr.checked, left, right);
      }
      case 'compare': {
        const right = this.expr(frame, expr.right) as bigint;
        const left = this.expr(frame, expr.left) as bigint;
        return compare(expr.op, left, right) ? 1n : 0n;
      }
      case 'logical': {
        const left = this.truthy(frame, expr.left);
        if (expr.op === 'and' ? !left : left) return left ? 1n : 0n;
        return this.truthy(frame, expr.right) ? 1n : 0n;
      }
      case 'unary': {
        const operand = this.expr(frame, expr.operand) as bigint;
        if (expr.op === 'not') return operand === 0n ? 1n : 0n;
        if (expr.op === 'neg') return negate(expr.type, expr.checked, operand);
        return bitNot(expr.type, operand);
      }
      case 'cast':
        return this.cast(expr.operand.type!, expr.type, this.expr(frame, expr.operand));
      case 'conditional':
        return this.truthy(frame, expr.condition)
          ? this.expr(frame, expr.whenTrue)
          : this.expr(frame, expr.whenFalse);
      case 'env':
        return expr.name === 'msg.sender'
          ? this.env.sender
          : expr.name === 'block.number'
            ? this.env.blockNumber
            : this.env.timestamp;
      case 'storageLoad':
        return this.access.load(expr.type, this.resolve(frame, expr.ref));
      case 'storageLength': {
        const type = expr.ref.type;
        if (type.kind === 'array' && type.length !== null) return BigInt(type.length);
        return this.words.load(this.resolve(frame, expr.ref).slot);
      }
      case 'storageRef':
        return new StoragePointer(expr.type, this.resolve(frame, expr.ref));
      case 'memoryIndex': {
        const array = this.expr(frame, expr.base) as Value[];
        const index = this.expr(frame, expr.index) as bigint;
        if (index >= BigInt(array.length)) throw new PanicSignal(PANIC.indexOutOfBounds);
        return array[Number(index)]!;
      }
      case 'memoryField':
        return (this.expr(frame, expr.base) as Value[])[fieldIndex(expr.base.type!, expr.field)]!;
      case 'memoryLength': {
        const value = this.expr(frame, expr.base) as Value[] | Uint8Array;
        return BigInt(value.length);
      }
      case 'newArray': {
        const length = this.expr(frame, expr.length) as bigint;
        if (length > 0xffffffffffffffffn) throw new PanicSignal(PANIC.allocation);
        if (length > MAX_MEMORY_ELEMENTS) throw new ResourceSignal('memory');
        const element = (expr.type as IrType & { kind: 'array' }).element;
        return Array.from({ length: Number(length) }, () => zeroValue(element));
      }
      case 'structLiteral':
      case 'arrayLiteral':
        return expr.values.map((v) => this.expr(frame, v));
      case 'call': {
        const results = this.internalCall(frame, expr);
        return results[0]!;
      }
      case 'hash': {
        const args = expr.args.map((a) => this.expr(frame, a));
        const types = expr.args.map((a) => a.type!);
        const data =
          expr.encoding === 'standard' ? encodeAbi(types, args as AbiValue[]) : encodePacked(types, args);
        return bytesWord(expr.algorithm === 'keccak256' ? keccak_256(data) : sha256(data));
      }
    }
  }

  private cast(from: IrType, to: IrType, value: Value): Value {
    if (isValueType(from) && isValueType(to)) return convert(from, to, value as bigint);
    if (to.kind === 'fixedBytes' && value instanceof Uint8Array) return bytesWord(value, 0, to.size);
    return value;
  }

  private resolve(frame: Frame, ref: StorageRef): StoragePosition {
    switch (ref.kind) {
      case 'var': {
        const variable = this.contract.storage[ref.variable]!;
        return { slot: variable.slot, offset: variable.offset };
      }
      case 'local':
        return (frame.locals[ref.local] as StoragePointer).position;
      case 'mapping': {
        const base = this.resolve(frame, ref.base);
        const key = this.expr(frame, ref.key);
        const mapping = ref.base.type as IrType & { kind: 'mapping' };
        return { slot: mappingSlot(base.slot, mapping.key, key), offset: 0 };
      }
      case 'index': {
        const base = this.resolve(frame, ref.base);
        const index = this.expr(frame, ref.index) as bigint;
        const array = ref.base.type as IrType & { kind: 'array' };
        const length = array.length === null ? this.words.load(base.slot) : BigInt(array.length);
        if (index >= length) throw new PanicSignal(PANIC.indexOutOfBounds);
        const data = array.length === null ? arrayDataSlot(base.slot) : base.slot;
        return elementPosition(data, array.element, index);
      }
      case 'field': {
        const base = this.resolve(frame, ref.base);
        const struct = ref.base.type as IrType & { kind: 'struct' };
        const field = struct.fields.find((f) => f.name === ref.field)!;
        return { slot: base.slot + BigInt(field.slot), offset: field.offset };
      }
    }
  }

  private revertData(frame: Frame, reason: RevertReason): Uint8Array {
    switch (reason.kind) {
      case 'empty':
        return new Uint8Array();
      case 'panic':
        return panicData(reason.code);
      case 'error':
        return errorStringData(this.expr(frame, reason.message) as Uint8Array);
      case 'custom': {
        const error = this.contract.errors.find((e) => e.signature === reason.error);
        if (error === undefined) throw new Error(`IR: no error ${reason.error}`);
        const args = reason.args.map((a) => this.expr(frame, a));
        return customErrorData(error, args as AbiValue[]);
      }
    }
  }

  private emit(frame: Frame, signature: string, argExprs: readonly Expr[]): void {
    const event = this.contract.events.find((e) => e.signature === signature);
    if (event === undefined) throw new Error(`IR: no event ${signature}`);
    const args = argExprs.map((a) => this.expr(frame, a));
    const topics: Uint8Array[] = event.anonymous ? [] : [hexToBytes(event.topic0)];
    const dataTypes: IrType[] = [];
    const dataValues: AbiValue[] = [];
    event.params.forEach((param, i) => {
      const value = args[i]!;
      if (!param.indexed) {
        dataTypes.push(param.type);
        dataValues.push(value as AbiValue);
      } else if (isValueType(param.type)) {
        topics.push(wordBytes(valueWord(param.type, value as bigint)));
      } else {
        topics.push(keccak_256(indexedEncoding(param.type, value)));
      }
    });
    this.logs.push({ topics, data: encodeAbi(dataTypes, dataValues) });
  }
}

function fieldIndex(type: IrType, field: string): number {
  if (type.kind !== 'struct') throw new TypeError('field access on a non-struct');
  return type.fields.findIndex((f) => f.name === field);
}

/** abi.encodePacked: value types in their own size, string/bytes raw, array elements padded to 32. */
export function encodePacked(types: readonly IrType[], values: readonly Value[]): Uint8Array {
  return concatBytes(
    ...types.map((type, i) => {
      const value = values[i]!;
      if (isValueType(type)) {
        const word = wordBytes(valueWord(type, value as bigint));
        const size = valueTypeSize(type);
        return type.kind === 'fixedBytes' ? word.subarray(0, size) : word.subarray(32 - size);
      }
      if (value instanceof Uint8Array) return value;
      if (type.kind === 'array') return indexedEncoding(type, value);
      throw new TypeError(`abi.encodePacked of ${type.kind}`);
    }),
  );
}

/** The preimage of an indexed reference-type event topic (and of packed arrays): 32-byte words. */
function indexedEncoding(type: IrType, value: Value): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (type.kind === 'array') {
    return concatBytes(...(value as Value[]).map((v) => indexedEncoding(type.element, v)));
  }
  if (type.kind === 'struct') {
    return concatBytes(...type.fields.map((f, i) => indexedEncoding(f.type, (value as Value[])[i]!)));
  }
  return wordBytes(valueWord(type, value as bigint));
}
