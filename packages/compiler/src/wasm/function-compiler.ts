/**
 * IR function → one wasm function in WebAssembly text. Every IR local is an i64 wasm local
 * (`$l<id>`); intermediate values go through fresh temporaries (`$t<n>`) so operands are evaluated in
 * the IR's order (right operand first, arguments left to right, stored value before the storage path).
 * A function returns its single result as the wasm result; several results go through the globals
 * `$ret<i>` (the NEAR profile has no multi-value).
 */
import { UnsupportedError } from '@polyvm/core';
import type { IrContract, IrEvent, IrFunction } from '../ir/contract.js';
import type { BinaryExpr, Expr, LValue, RevertReason, SourceLoc, Stmt, StorageRef } from '../ir/nodes.js';
import { type IrType, isValueType, typeName } from '../ir/types.js';
import {
  i64Const,
  minValue,
  type NativeInt,
  nativeInt,
  normalize,
  normalizeWide,
  outOfRange,
  outOfRangeWide,
  wideLimbs,
} from './integers.js';
import { KECCAK256, SHA256 } from './memory-runtime.js';
import type { Profile } from './profile.js';
import { hashValue, isRef, narrowLimbs, slotSize, type TypeLib } from './ref-types.js';
import type { StringTable } from './strings.js';

/** Panic codes (docs/control-structures.rst, "Panic via assert and Error via require"). */
const PANIC_OVERFLOW = 0x11;
const PANIC_DIVISION = 0x12;
const PANIC_INDEX = 0x32;
const PANIC_ALLOCATION = 0x41;
/** Results beyond the first travel in the globals `$ret0…` (the profiles have no multi-value). */
export const MAX_RETURN_VALUES = 8;
/** Prefix of a custom error's panic message (an analogue of NEP-297's `EVENT_JSON:`). */
export const ERROR_JSON_PREFIX = 'ERROR_JSON:';

/** The NEAR panic message of a revert; the target adapter parses it back (see README). */
export function panicMessage(code: number): string {
  return `Panic(0x${code.toString(16).padStart(2, '0')})`;
}

export function functionSymbol(contract: IrContract, fn: IrFunction): string {
  return `$f${contract.functions.indexOf(fn)}`;
}

/** `block.number` and `block.timestamp` (seconds) from the profile's `$block_number`/`$block_seconds`. */
function blockValue(name: 'block.number' | 'block.timestamp'): string {
  return name === 'block.number' ? '(call $block_number)' : '(call $block_seconds)';
}

/** A value held in four i64 limbs (an integer, address or bytesN wider than 64 bits). */
export function isWide(type: IrType | null): boolean {
  return type !== null && isValueType(type) && nativeInt(type, 'value').wide;
}

/**
 * The name an event travels under: its Solidity name, or its signature when the name is overloaded
 * (NEP-297 and CosmWasm events are identified by a string). Anonymous events are named too.
 */
export function eventName(contract: IrContract, event: IrEvent): string {
  return contract.events.filter((e) => e.name === event.name).length > 1 ? event.signature : event.name;
}

/** Bytes a type takes in place in `abi.encode`, or null when it is dynamic (string, bytes, T[]). */
function abiStaticSize(type: IrType): number | null {
  if (isValueType(type)) return 32;
  if (type.kind === 'array' && type.length !== null) {
    const element = abiStaticSize(type.element);
    return element === null ? null : element * type.length;
  }
  if (type.kind === 'struct') {
    const fields = type.fields.map((f) => abiStaticSize(f.type));
    return fields.some((f) => f === null) ? null : (fields as number[]).reduce((a, b) => a + b, 0);
  }
  return null;
}

/** A JSON object member: its key and the WAT writing its value at `$out`. */
export interface JsonMember {
  readonly key: string;
  readonly value: string;
}

/** WAT writing `"k":v,…` (the inside of a JSON object). */
export function objectMembers(members: readonly JsonMember[], strings: StringTable): string {
  return members
    .map((m, i) => {
      const key = strings.text(`${i > 0 ? ',' : ''}${JSON.stringify(m.key)}:`);
      return `(call $w_bytes (i32.const ${key.ptr}) (i32.const ${key.len})) ${m.value}`;
    })
    .join('\n');
}

/** Byte offset of a field in a memory struct (one slot per field before it). */
function fieldOffset(type: IrType | null, field: string): number {
  if (type === null || type.kind !== 'struct') throw new Error(`field ${field} of a non-struct`);
  let offset = 0;
  for (const f of type.fields) {
    if (f.name === field) return offset;
    offset += slotSize(f.type);
  }
  throw new Error(`no field ${field} in ${type.name}`);
}

/** Prefixes an UnsupportedError with `file:line:col` (the innermost location wins). */
function locate(error: unknown, loc: SourceLoc): unknown {
  if (!(error instanceof UnsupportedError) || error.message.startsWith(`${loc.file}:`)) return error;
  return new UnsupportedError(`${loc.file}:${loc.line}:${loc.column}: ${error.message}`, { cause: error });
}

function unsupported(what: string): never {
  throw new UnsupportedError(`unsupported on wasm: ${what}`);
}

const LIMBS = [0, 1, 2, 3];
const get = (name: string) => `(local.get ${name})`;
const gets = (parts: readonly string[]) => parts.map(get).join(' ');
/** Sets `$w0…$w3` from four i64 codes. */
const setW = (codes: readonly string[]) => codes.map((c, i) => `(global.set $w${i} ${c})`).join(' ');
const W = LIMBS.map((i) => `(global.get $w${i})`);
const ZERO4 = ['(i64.const 0)', '(i64.const 0)', '(i64.const 0)', '(i64.const 0)'];

function isBytesResize(from: NativeInt, to: NativeInt): boolean {
  return from.fixedBytes !== undefined && to.fixedBytes !== undefined && from.fixedBytes !== to.fixedBytes;
}

/** Whether a function hands back its results in wasm globals (all but a single ≤ 64-bit result). */
export function returnsInGlobals(fn: IrFunction): boolean {
  return !(fn.returns.length === 1 && !isWide(fn.returns[0]!.type));
}

/** The globals holding result `i` (of `type`) of a function returning through globals. */
export function returnGlobals(index: number, type: IrType): string[] {
  return isWide(type) ? LIMBS.map((k) => `$ret${index}_${k}`) : [`$ret${index}`];
}

/** A value evaluated into locals: the code that does it and the local names (1 or 4 parts). */
interface Evaluated {
  readonly code: string;
  readonly parts: readonly string[];
}

export class FunctionCompiler {
  #temps = 0;
  #labels = 0;
  /** Innermost loop last: [break label, continue label]. */
  readonly #loops: [string, string][] = [];

  constructor(
    private readonly contract: IrContract,
    private readonly fn: IrFunction,
    private readonly strings: StringTable,
    private readonly types: TypeLib,
    private readonly profile: Profile,
  ) {}

  compile(): string {
    try {
      return this.#compile();
    } catch (error) {
      throw locate(error, this.fn.loc);
    }
  }

  #compile(): string {
    const fn = this.fn;
    if (fn.returns.length > MAX_RETURN_VALUES) unsupported(`more than ${MAX_RETURN_VALUES} return values`);
    for (const local of fn.locals) {
      if (local.location !== 'storage' && !isRef(local.type))
        nativeInt(local.type, `local ${local.name || `#${local.id}`}`);
    }
    const params = fn.params.flatMap((p) => this.#localParts(p.id).map((n) => `(param ${n} i64)`)).join(' ');
    const result = returnsInGlobals(fn) ? '' : '(result i64)';
    const paramIds = new Set(fn.params.map((p) => p.id));
    // Named memory results start as their zero values (fresh objects).
    const init = fn.returns
      .filter((r) => isRef(r.type) && fn.locals[r.id]!.location !== 'storage')
      .map((r) => `(local.set $l${r.id} (call ${this.types.fn('df', r.type)}))`)
      .join(' ');
    const body = `${init}\n${this.#stmts(fn.body)}`;
    const fallThrough = this.#returnValues(
      fn.returns.map((r) => ({ code: '', parts: this.#localParts(r.id) })),
    );
    const locals = [
      ...fn.locals
        .filter((l) => !paramIds.has(l.id))
        .flatMap((l) => this.#localParts(l.id).map((n) => `(local ${n} i64)`)),
      ...Array.from({ length: this.#temps }, (_, i) => `(local $t${i} i64)`),
    ].join(' ');
    return `(func ${functionSymbol(this.contract, fn)} ${params} ${result} ${locals}\n${body}\n${fallThrough})`;
  }

  #temp(): string {
    return `$t${this.#temps++}`;
  }

  #temps4(): string[] {
    return LIMBS.map(() => this.#temp());
  }

  /** The wasm locals of an IR local: `$l<id>`, or `$l<id>_0…3` for a wide one. */
  #localParts(id: number): string[] {
    const local = this.fn.locals[id]!;
    return local.location !== 'storage' && isWide(local.type)
      ? LIMBS.map((k) => `$l${id}_${k}`)
      : [`$l${id}`];
  }

  /** Evaluates `expr` into fresh temporaries. */
  #evaluate(expr: Expr): Evaluated {
    if (!isWide(expr.type)) {
      const temp = this.#temp();
      const code = expr.type !== null && isRef(expr.type) ? this.#ref(expr) : this.#expr(expr);
      return { code: `(local.set ${temp} ${code})`, parts: [temp] };
    }
    const temps = this.#temps4();
    return {
      code: `${this.#wide(expr)} ${temps.map((x, i) => `(local.set ${x} ${W[i]})`).join(' ')}`,
      parts: temps,
    };
  }

  /** The function's results: the wasm result for a single ≤ 64-bit value, else the `$ret` globals. */
  #returnValues(values: readonly Evaluated[]): string {
    if (values.length === 0) return '';
    const code = values.map((v) => v.code).join('\n');
    if (!returnsInGlobals(this.fn)) return `${code} ${get(values[0]!.parts[0]!)}`;
    const sets = values.flatMap((v, i) =>
      returnGlobals(i, this.fn.returns[i]!.type).map((g, k) => `(global.set ${g} ${get(v.parts[k]!)})`),
    );
    return `${code}\n${sets.join(' ')}`;
  }

  #stmts(stmts: readonly Stmt[]): string {
    return stmts.map((s) => this.#stmt(s)).join('\n');
  }

  #stmt(stmt: Stmt): string {
    try {
      return this.#stmtUnlocated(stmt);
    } catch (error) {
      if (error instanceof UnsupportedError && !error.message.startsWith(stmt.loc.file)) {
        throw new UnsupportedError(`${stmt.loc.file}:${stmt.loc.line}:${stmt.loc.column}: ${error.message}`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  #stmtUnlocated(stmt: Stmt): string {
    switch (stmt.kind) {
      case 'let': {
        const targets = stmt.locals.map((id) => (id === null ? null : this.#localParts(id)));
        if (stmt.value === null) {
          return stmt.locals
            .flatMap((id) => {
              if (id === null) return [];
              const local = this.fn.locals[id]!;
              if (isRef(local.type) && local.location !== 'storage')
                return [`(local.set $l${id} (call ${this.types.fn('df', local.type)}))`];
              return this.#localParts(id).map((n) => `(local.set ${n} (i64.const 0))`);
            })
            .join('');
        }
        return this.#assignFrom(targets, [stmt.value]);
      }
      case 'assign': {
        if (stmt.targets.every((t) => t === null || t.kind === 'local')) {
          const targets = stmt.targets.map((t) =>
            t === null || t.kind !== 'local' ? null : this.#localParts(t.local),
          );
          return this.#assignFrom(targets, stmt.values);
        }
        // Every value first, then each target's index and base (the IR's order), then the write.
        const values =
          stmt.targets.length === stmt.values.length
            ? stmt.values.map((v) => this.#evaluate(v))
            : this.#callResults(stmt.values[0]!, stmt.targets.length);
        const writes = stmt.targets.map((t, i) => (t === null ? '' : this.#assignTo(t, values[i]!)));
        return [...values.map((v) => v.code), ...writes].join('\n');
      }
      case 'store': {
        const value = this.#evaluate(stmt.value);
        const setup = this.#key(stmt.ref);
        return `${value.code}\n${setup}\n${this.#storeAtKey(stmt.ref.type, value.parts)}`;
      }
      case 'storageDelete': {
        const setup = this.#key(stmt.ref);
        const type = stmt.ref.type;
        return `${setup}\n${isRef(type) ? `(call ${this.types.fn('sd', type)})` : '(call $st_remove)'}`;
      }
      case 'storagePush':
        return this.#pushPop(stmt.ref, stmt.value);
      case 'storagePop':
        return this.#pushPop(stmt.ref, 'pop');
      case 'expr': {
        const e = stmt.expr;
        if (e.kind === 'call') {
          const code = this.#call(e);
          return returnsInGlobals(this.#callee(e)) ? code : `(drop ${code})`;
        }
        if (e.type !== null && isRef(e.type)) return `(drop ${this.#ref(e)})`;
        return isWide(e.type) ? this.#wide(e) : `(drop ${this.#expr(e)})`;
      }
      case 'if':
        return `(if ${this.#condition(stmt.condition)} (then ${this.#stmts(stmt.then)}) (else ${this.#stmts(stmt.else)}))`;
      case 'loop': {
        const n = this.#labels++;
        const [brk, cont, top] = [`$brk${n}`, `$cont${n}`, `$top${n}`];
        this.#loops.push([brk, cont]);
        const body = `(block ${cont} ${this.#stmts(stmt.body)})\n${this.#stmts(stmt.update)}`;
        this.#loops.pop();
        const test = stmt.condition === null ? null : this.#condition(stmt.condition);
        if (stmt.testFirst) {
          const exit = test === null ? '' : `(br_if ${brk} (i32.eqz ${test}))`;
          return `(block ${brk} (loop ${top} ${exit}\n${body}\n(br ${top})))`;
        }
        const again = test === null ? `(br ${top})` : `(br_if ${top} ${test})`;
        return `(block ${brk} (loop ${top} ${body}\n${again}))`;
      }
      case 'break':
        return `(br ${this.#innerLoop()[0]})`;
      case 'continue':
        return `(br ${this.#innerLoop()[1]})`;
      case 'return': {
        const values =
          stmt.values === null
            ? this.fn.returns.map((r) => ({ code: '', parts: this.#localParts(r.id) }))
            : stmt.values.map((v) => this.#evaluate(v));
        if (values.length > 0 && !returnsInGlobals(this.fn))
          return `(return (block (result i64) ${this.#returnValues(values)}))`;
        return `${this.#returnValues(values)}\n(return)`;
      }
      case 'revert':
        return this.#revert(stmt.reason);
      case 'emit':
        return this.#emit(stmt.event, stmt.args);
      case 'block':
        return this.#stmts(stmt.body);
    }
  }

  /** `emit E(…)`: the arguments (left to right), then the profile's event (NEAR: NEP-297 log line). */
  #emit(signature: string, args: readonly Expr[]): string {
    const event = this.contract.events.find((e) => e.signature === signature);
    if (event === undefined) throw new Error(`IR emits unknown event ${signature}`);
    const { code, members } = this.#jsonMembers(event.params, args);
    return `${code}\n${this.profile.emit(this.contract, event, members, this.strings)}`;
  }

  /** Evaluates `args` (left to right); each member's key and the WAT writing its value as JSON. */
  #jsonMembers(
    params: readonly { name: string; type: IrType }[],
    args: readonly Expr[],
  ): { code: string; members: JsonMember[] } {
    const temps = args.map((a) => this.#evaluate(a));
    const members = params.map((p, i) => ({
      key: this.profile.fieldName(p.name || `arg${i}`),
      value: this.types.writeJson(p.type, gets(temps[i]!.parts)),
    }));
    return { code: temps.map((x) => x.code).join('\n'), members };
  }

  #innerLoop(): [string, string] {
    const loop = this.#loops.at(-1);
    if (loop === undefined) throw new Error('break/continue outside a loop in the IR');
    return loop;
  }

  /** `let`/`assign`: one value per target, or one call whose results land in the `$ret` globals. */
  #assignFrom(targets: readonly (readonly string[] | null)[], values: readonly Expr[]): string {
    if (values.length === 1 && targets.length > 1) {
      const call = values[0]!;
      if (call.kind !== 'call') unsupported('tuple assignment from a non-call expression');
      const callee = this.#callee(call);
      const sets = targets.flatMap((t, i) => {
        if (t === null) return [];
        const globals = returnGlobals(i, callee.returns[i]!.type);
        return t.map((n, k) => `(local.set ${n} (global.get ${globals[k]}))`);
      });
      return `${this.#call(call)}\n${sets.join('\n')}`;
    }
    // Every value first (left to right), then the assignments: `(a, b) = (b, a)` swaps.
    const temps = values.map((v) => this.#evaluate(v));
    const sets = targets.flatMap((t, i) =>
      t === null ? [] : t.map((n, k) => `(local.set ${n} ${get(temps[i]!.parts[k]!)})`),
    );
    return [...temps.map((x) => x.code), ...sets].join('\n');
  }

  /** A multi-valued call's results copied from the `$ret` globals into temporaries (the first carries the call). */
  #callResults(call: Expr, count: number): Evaluated[] {
    if (call.kind !== 'call') unsupported('tuple assignment from a non-call expression');
    const callee = this.#callee(call);
    return Array.from({ length: count }, (_, i) => {
      const globals = returnGlobals(i, callee.returns[i]!.type);
      const temps = globals.map(() => this.#temp());
      const copy = temps.map((t, k) => `(local.set ${t} (global.get ${globals[k]}))`).join(' ');
      return { code: i === 0 ? `${this.#call(call)} ${copy}` : copy, parts: temps };
    });
  }

  #callee(call: Expr & { kind: 'call' }): IrFunction {
    const callee = this.contract.functions.find((f) => f.id === call.function);
    if (callee === undefined) throw new Error(`IR calls unknown function ${call.function}`);
    return callee;
  }

  /** The call instruction (arguments evaluated left to right into temporaries). */
  #call(call: Expr & { kind: 'call' }): string {
    const args = call.args.map((a) => this.#evaluate(a));
    const instruction = `(call ${functionSymbol(this.contract, this.#callee(call))} ${args.map((a) => gets(a.parts)).join(' ')})`;
    return `${args.map((a) => a.code).join(' ')} ${instruction} ${this.#propagate()}`;
  }

  /**
   * After a call that may revert (a compiled function, `$element`, `$k_pop`): when the profile
   * returns errors, a pending revert returns at once (Rust's `?`); a result stays on the stack below.
   */
  #propagate(): string {
    return this.profile.errorResults ? `(if (global.get $err) (then ${this.#bail()}))` : '';
  }

  /** Leaves the function after a recorded revert (its results are never read). */
  #bail(): string {
    return returnsInGlobals(this.fn) ? '(return)' : '(return (i64.const 0))';
  }

  /** `$revert` with the reason's code (pointer, length), then, when the profile returns errors, the function's exit. */
  #revertWith(call: string): string {
    return this.profile.errorResults ? `${call} ${this.#bail()}` : call;
  }

  #revert(reason: RevertReason): string {
    switch (reason.kind) {
      case 'empty':
        return this.#panicWith(new Uint8Array());
      case 'panic':
        return this.#panic(reason.code);
      case 'error': {
        if (reason.message.kind === 'stringConst') return this.#panicWith(reason.message.value);
        const message = this.#evaluate(reason.message);
        return `${message.code} ${this.#revertWith(`(call $revert_string ${get(message.parts[0]!)})`)}`;
      }
      case 'custom': {
        // `ERROR_JSON:{"error":"<name>","args":{…}}`, parsed back by the target adapter.
        const error = this.contract.errors.find((e) => e.signature === reason.error);
        if (error === undefined) throw new Error(`IR reverts with unknown error ${reason.error}`);
        const head = this.strings.text(`${ERROR_JSON_PREFIX}{"error":${JSON.stringify(error.name)},"args":{`);
        const tail = this.strings.text('}}');
        const { code, members } = this.#jsonMembers(error.params, reason.args);
        return `${code} (call $log_begin) (call $w_bytes (i32.const ${head.ptr}) (i32.const ${head.len}))
          ${objectMembers(members, this.strings)} (call $w_bytes (i32.const ${tail.ptr}) (i32.const ${tail.len})) ${this.#revertWith('(call $log_revert)')}`;
      }
    }
  }

  #panicWith(message: Uint8Array): string {
    const ref = this.strings.intern(message);
    return this.#revertWith(`(call $revert (i32.const ${ref.ptr}) (i32.const ${ref.len}))`);
  }

  #panic(code: number): string {
    return this.#panicWith(new TextEncoder().encode(panicMessage(code)));
  }

  /** An i32 condition from a bool expression. */
  #condition(expr: Expr): string {
    return `(i32.wrap_i64 ${this.#expr(expr)})`;
  }

  /**
   * Code leaving the storage key of a path in `KEY[0..$kp)` (see README): the variable's name (or a
   * storage pointer's saved key), then per step `:` ‖ mapping key bytes (8 or 32 bytes, a string key
   * as u32 length ‖ bytes), `[` ‖ 32-byte index, or `.` ‖ field name. Key and index expressions are
   * evaluated root outwards into temporaries first, each index checked against its array's length
   * (Panic 0x32) right after it is evaluated; the whole key is assembled after the last one, so
   * internal calls inside key expressions cannot clobber it.
   */
  #key(ref: StorageRef): string {
    const steps: StorageRef[] = [];
    let node = ref;
    while (node.kind !== 'var' && node.kind !== 'local') {
      steps.unshift(node);
      node = node.base;
    }
    const code: string[] = [];
    const writes: string[] = [];
    const text = (value: string) => {
      const r = this.strings.text(value);
      writes.push(`(call $k_bytes (i32.const ${r.ptr}) (i32.const ${r.len}))`);
    };
    if (node.kind === 'local') writes.push(`(call $k_load (local.get $l${node.local}))`);
    else {
      writes.push('(call $k_reset)');
      text(this.contract.storage[node.variable]!.name);
    }
    for (const step of steps) {
      if (step.kind === 'mapping') {
        const key = this.#evaluate(step.key);
        code.push(key.code);
        text(':');
        const keyType = step.key.type!;
        if (isRef(keyType)) writes.push(`(call $k_string ${get(key.parts[0]!)})`);
        else if (isWide(keyType)) writes.push(`(call $k_256 ${gets(key.parts)})`);
        else writes.push(`(call $k_i64 ${get(key.parts[0]!)})`);
      } else if (step.kind === 'index') {
        const array = step.base.type;
        if (array.kind !== 'array') unsupported(`index access into ${array.kind}`);
        const index = this.#evaluateWide(step.index);
        // Checked as soon as the index is known (the IR's order): a dynamic array's length is read
        // at the key built so far, rebuilt here as later key expressions may use the key buffer.
        code.push(
          index.code,
          ...(array.length === null ? writes : []),
          this.#boundCheck(array.length, index.parts),
        );
        text('[');
        writes.push(`(call $k_256 ${gets(index.parts)})`);
      } else if (step.kind === 'field') {
        text(`.${step.field}`);
      }
    }
    return [...code, ...writes].join('\n');
  }

  /** Panic(0x32) unless the wide index in `parts` is below the array's length (stored at the current key). */
  #boundCheck(fixedLength: number | null, index: readonly string[]): string {
    const length =
      fixedLength === null ? '(call $sload256)' : setW(wideLimbs(BigInt(fixedLength)).map(i64Const));
    const inBounds = `(call $lt256 ${gets(index)} ${W.join(' ')})`;
    return `${length} (if (i32.eqz ${inBounds}) (then ${this.#panic(PANIC_INDEX)}))`;
  }

  /** Evaluates an unsigned index of any width as four limbs. */
  #evaluateWide(expr: Expr): Evaluated {
    const t = nativeInt(expr.type, 'index');
    if (t.wide) return this.#evaluate(expr);
    const temps = this.#temps4();
    return {
      code: `(local.set ${temps[0]} ${this.#expr(expr)}) ${temps
        .slice(1)
        .map((x) => `(local.set ${x} (i64.const 0))`)
        .join(' ')}`,
      parts: temps,
    };
  }

  /** Evaluates an unsigned index as one i64 (a wide index ≥ 2^64 becomes 2^64 − 1, out of any bound). */
  #evaluateIndex(expr: Expr): Evaluated {
    if (!isWide(expr.type)) return this.#evaluate(expr);
    const x = this.#temp();
    const high = `(i64.or ${W[1]} (i64.or ${W[2]} ${W[3]}))`;
    return {
      code: `${this.#wide(expr)} (local.set ${x} (select (i64.const -1) ${W[0]} (i64.ne (i64.const 0) ${high})))`,
      parts: [x],
    };
  }

  /** Stores the value in `parts` (of `type`) at the current storage key. */
  #storeAtKey(type: IrType, parts: readonly string[]): string {
    if (isRef(type)) return `(call ${this.types.fn('ss', type)} ${get(parts[0]!)})`;
    return isWide(type) ? `(call $sstore256 ${gets(parts)})` : `(call $sstore ${get(parts[0]!)})`;
  }

  /** `arr.push(v)` / `arr.push()` / `arr.pop()` on a dynamic storage array. */
  #pushPop(ref: StorageRef, value: Expr | null | 'pop'): string {
    const array = ref.type;
    if (array.kind !== 'array' || array.length !== null) unsupported('push/pop on a non-dynamic array');
    const setup = this.#key(ref);
    if (value === 'pop') {
      const clear = isRef(array.element)
        ? `(call ${this.types.fn('sd', array.element)})`
        : '(call $st_remove)';
      return `${setup} (call $k_pop) ${this.#propagate()} ${clear}`;
    }
    // push(): the new element is zero, which storage holds as absence.
    if (value === null) return `${setup} (call $k_push)`;
    const v = this.#evaluate(value);
    return `${v.code} ${setup} (call $k_push) ${this.#storeAtKey(array.element, v.parts)}`;
  }

  /** Writes the evaluated `value` into a memory array element or struct field. */
  #assignTo(target: LValue, value: Evaluated): string {
    if (target.kind === 'local') {
      return this.#localParts(target.local)
        .map((n, k) => `(local.set ${n} ${get(value.parts[k]!)})`)
        .join(' ');
    }
    let setup: string;
    let addr: string;
    if (target.kind === 'memoryIndex') {
      const index = this.#evaluateIndex(target.index);
      const base = this.#evaluate(target.base);
      setup = `${index.code} ${base.code}`;
      addr = `(block (result i32) (call $element ${get(base.parts[0]!)} ${get(index.parts[0]!)} (i32.const ${slotSize(target.type)})) ${this.#propagate()})`;
    } else {
      const base = this.#evaluate(target.base);
      setup = base.code;
      addr = `(i32.add (i32.wrap_i64 ${get(base.parts[0]!)}) (i32.const ${fieldOffset(target.base.type, target.field)}))`;
    }
    if (isWide(target.type)) return `${setup} (call $mstore256 ${addr} ${gets(value.parts)})`;
    return `${setup} (i64.store ${addr} ${get(value.parts[0]!)})`;
  }

  /**
   * The address (i32) of a memory array element or struct field read: base first, then the index
   * (the IR's order); Panic(0x32) out of bounds.
   */
  #memoryAddress(expr: Expr & { kind: 'memoryIndex' | 'memoryField' }): string {
    const base = this.#evaluate(expr.base);
    if (expr.kind === 'memoryField') {
      return `(block (result i32) ${base.code} (i32.add (i32.wrap_i64 ${get(base.parts[0]!)}) (i32.const ${fieldOffset(expr.base.type, expr.field)})))`;
    }
    const baseType = expr.base.type;
    if (baseType === null || baseType.kind !== 'array')
      unsupported(`index access into ${baseType?.kind} in memory`);
    const index = this.#evaluateIndex(expr.index);
    return `(block (result i32) ${base.code} ${index.code} (call $element ${get(base.parts[0]!)} ${get(index.parts[0]!)} (i32.const ${slotSize(expr.type)})) ${this.#propagate()})`;
  }

  /** A reference (memory object or storage pointer) as an i64. */
  #ref(expr: Expr): string {
    const type = expr.type!;
    switch (expr.kind) {
      case 'local':
        return `(local.get $l${expr.local})`;
      case 'stringConst': {
        const r = this.strings.intern(expr.value);
        return `(call $bytes_from (i32.const ${r.ptr}) (i32.const ${r.len}))`;
      }
      case 'storageLoad':
        return `(block (result i64) ${this.#key(expr.ref)} (call ${this.types.fn('sl', type)}))`;
      case 'storageRef':
        return `(block (result i64) ${this.#key(expr.ref)} (call $k_save))`;
      case 'memoryIndex':
      case 'memoryField':
        return `(i64.load ${this.#memoryAddress(expr)})`;
      case 'conditional':
        return `(if (result i64) ${this.#condition(expr.condition)} (then ${this.#ref(expr.whenTrue)}) (else ${this.#ref(expr.whenFalse)}))`;
      case 'call':
        return `(block (result i64) ${this.#call(expr)})`;
      case 'cast':
        // string(b) / bytes(s): the same bytes.
        if (expr.operand.type?.kind === 'string' || expr.operand.type?.kind === 'bytes')
          return this.#ref(expr.operand);
        return unsupported(`conversion to ${typeName(type)}`);
      case 'newArray': {
        if (type.kind !== 'array') throw new Error('new of a non-array');
        const n = this.#temp();
        let length: string;
        if (isWide(expr.length.type)) {
          const high = `(i64.or ${W[1]} (i64.or ${W[2]} ${W[3]}))`;
          length = `${this.#wide(expr.length)} (if (i64.ne (i64.const 0) ${high}) (then ${this.#panic(PANIC_ALLOCATION)})) (local.set ${n} ${W[0]})`;
        } else length = `(local.set ${n} ${this.#expr(expr.length)})`;
        return `(block (result i64) ${length} (call ${this.types.newArray(type.element)} (local.get ${n})))`;
      }
      case 'structLiteral':
      case 'arrayLiteral': {
        const values = expr.values.map((v) => this.#evaluate(v));
        const object = this.#temp();
        const fieldTypes =
          type.kind === 'struct'
            ? type.fields.map((f) => f.type)
            : values.map(() => (type as { element: IrType }).element);
        const allocate =
          type.kind === 'struct'
            ? `(i64.extend_i32_u (call $alloc (i32.const ${fieldTypes.reduce((n, t) => n + slotSize(t), 0)})))`
            : `(call $alloc_array (i64.const ${values.length}) (i32.const ${slotSize(fieldTypes[0]!)}))`;
        let offset = type.kind === 'struct' ? 0 : 8;
        const stores = values.map((v, i) => {
          const t = fieldTypes[i]!;
          const addr = `(i32.add (i32.wrap_i64 (local.get ${object})) (i32.const ${offset}))`;
          offset += slotSize(t);
          return isWide(t)
            ? `(call $mstore256 ${addr} ${gets(v.parts)})`
            : `(i64.store ${addr} ${get(v.parts[0]!)})`;
        });
        return `(block (result i64) ${values.map((v) => v.code).join(' ')} (local.set ${object} ${allocate}) ${stores.join(' ')} (local.get ${object}))`;
      }
      default:
        return unsupported(`${expr.kind} of type ${typeName(type)}`);
    }
  }

  /** A ≤ 64-bit value as an i64 on the stack. */
  #expr(expr: Expr): string {
    if (nativeInt(expr.type, 'value').wide) throw new Error(`wide ${expr.kind} compiled as a narrow value`);
    switch (expr.kind) {
      case 'const':
        nativeInt(expr.type, 'constant');
        return i64Const(expr.value);
      case 'local':
        return `(local.get $l${expr.local})`;
      case 'binary':
        return this.#binary(expr);
      case 'compare': {
        const t = nativeInt(expr.operandType, 'comparison operand');
        if (t.wide) return this.#compareWide(expr.op, t, expr.left, expr.right);
        const op = { eq: 'eq', ne: 'ne', lt: 'lt', le: 'le', gt: 'gt', ge: 'ge' }[expr.op];
        const suffix = expr.op === 'eq' || expr.op === 'ne' ? '' : t.signed ? '_s' : '_u';
        return this.#rightFirst(
          expr.left,
          expr.right as Expr,
          (a, b) => `(i64.extend_i32_u (i64.${op}${suffix} ${a} ${b}))`,
        );
      }
      case 'logical': {
        const left = this.#condition(expr.left);
        const right = this.#expr(expr.right);
        return expr.op === 'and'
          ? `(if (result i64) ${left} (then ${right}) (else (i64.const 0)))`
          : `(if (result i64) ${left} (then (i64.const 1)) (else ${right}))`;
      }
      case 'unary': {
        const t = nativeInt(expr.type, `operand of ${expr.op}`);
        const operand = this.#expr(expr.operand);
        if (expr.op === 'not') return `(i64.xor ${operand} (i64.const 1))`;
        if (expr.op === 'bitnot') return normalize(t, `(i64.xor ${operand} (i64.const -1))`);
        if (!expr.checked) return normalize(t, `(i64.sub (i64.const 0) ${operand})`);
        const x = this.#temp();
        return `(block (result i64) (local.set ${x} ${operand})
          (if (i64.eq (local.get ${x}) ${i64Const(minValue(t))}) (then ${this.#panic(PANIC_OVERFLOW)}))
          (i64.sub (i64.const 0) (local.get ${x})))`;
      }
      case 'cast': {
        const to = nativeInt(expr.type, 'conversion target');
        if (expr.operand.type?.kind === 'bytes')
          return `(block (result i64) ${this.#bytesToFixed(expr.operand, to)} ${W[0]})`;
        const from = nativeInt(expr.operand.type, 'conversion operand');
        if (isBytesResize(from, to))
          return `(block (result i64) ${this.#bytesResize(expr.operand, from, to)} ${W[0]})`;
        if (from.wide) {
          return normalize(to, `(block (result i64) ${this.#wide(expr.operand)} ${W[0]})`);
        }
        return normalize(to, this.#expr(expr.operand));
      }
      case 'conditional':
        return `(if (result i64) ${this.#condition(expr.condition)} (then ${this.#expr(expr.whenTrue)}) (else ${this.#expr(expr.whenFalse)}))`;
      case 'storageLoad':
        return `(block (result i64) ${this.#key(expr.ref)} (call $sload))`;
      case 'memoryIndex':
      case 'memoryField':
        return `(i64.load ${this.#memoryAddress(expr)})`;
      case 'call':
        return `(block (result i64) ${this.#call(expr)})`;
      case 'env':
        return unsupported(`${expr.name} (addresses are not mapped yet)`);
      default:
        return unsupported(`${expr.kind} of type ${typeName(expr.type!)}`);
    }
  }

  /** Evaluates `right` (an expression or its i64 code) then `left` into temporaries and combines them. */
  #rightFirst(left: Expr, right: Expr | string, combine: (a: string, b: string) => string): string {
    const [a, b] = [this.#temp(), this.#temp()];
    const rightCode = typeof right === 'string' ? right : this.#expr(right);
    return `(block (result i64) (local.set ${b} ${rightCode}) (local.set ${a} ${this.#expr(left)})
      ${combine(`(local.get ${a})`, `(local.get ${b})`)})`;
  }

  #binary(expr: BinaryExpr): string {
    const t = nativeInt(expr.type, `operand of ${expr.op}`);
    const rt = nativeInt(expr.right.type, `right operand of ${expr.op}`);
    if (rt.wide && expr.op !== 'shl' && expr.op !== 'shr') unsupported(`an exponent wider than 64 bits`);
    const right = rt.wide ? this.#shiftAmount(expr.right) : this.#expr(expr.right);
    const r = this.#temp();
    const panicIf = (cond: string, code: number) => `(if ${cond} (then ${this.#panic(code)}))`;
    const overflow = (cond: string) => panicIf(cond, PANIC_OVERFLOW);
    return this.#rightFirst(expr.left, right, (a, b) => {
      const result = (code: string, ...checks: string[]) =>
        `(local.set ${r} ${code}) ${checks.join(' ')} (local.get ${r})`;
      const R = `(local.get ${r})`;
      const s = t.signed ? '_s' : '_u';
      switch (expr.op) {
        case 'add':
        case 'sub': {
          const raw = `(i64.${expr.op} ${a} ${b})`;
          if (!expr.checked) return normalize(t, raw);
          if (t.bits < 64) return result(raw, overflow(outOfRange(t, R)));
          if (!t.signed) {
            return result(raw, overflow(expr.op === 'add' ? `(i64.lt_u ${R} ${a})` : `(i64.gt_u ${b} ${a})`));
          }
          // Hacker's Delight 2-13: signed overflow iff the operands' and result's signs disagree.
          const signs =
            expr.op === 'add'
              ? `(i64.and (i64.xor ${a} ${R}) (i64.xor ${b} ${R}))`
              : `(i64.and (i64.xor ${a} ${b}) (i64.xor ${a} ${R}))`;
          return result(raw, overflow(`(i64.lt_s ${signs} (i64.const 0))`));
        }
        case 'mul': {
          const raw = `(i64.mul ${a} ${b})`;
          if (!expr.checked) return normalize(t, raw);
          if (t.bits <= 32) return result(raw, overflow(outOfRange(t, R)));
          if (!t.signed) {
            return result(
              raw,
              // `if`, not i32.and: wasm evaluates both operands and div_u by zero traps.
              overflow(
                `(if (result i32) (i64.eqz ${a}) (then (i32.const 0)) (else (i64.ne (i64.div_u ${R} ${a}) ${b})))`,
              ),
            );
          }
          // a = -1 first: i64.div_s(min, -1) traps.
          return result(
            raw,
            overflow(`(if (result i32) (i64.eq ${a} (i64.const -1)) (then (i64.eq ${b} ${i64Const(minValue(t))}))
              (else (if (result i32) (i64.eqz ${a}) (then (i32.const 0)) (else (i64.ne (i64.div_s ${R} ${a}) ${b})))))`),
          );
        }
        case 'div':
        case 'mod': {
          const zero = panicIf(`(i64.eqz ${b})`, PANIC_DIVISION);
          // i64.rem_s(min, -1) is 0 in wasm (no trap), as Solidity's `min % -1`.
          if (expr.op === 'mod') return `${zero} (i64.rem${s} ${a} ${b})`;
          if (!t.signed) return `${zero} (i64.div_u ${a} ${b})`;
          const minOverMinusOne = `(i32.and (i64.eq ${a} ${i64Const(minValue(t))}) (i64.eq ${b} (i64.const -1)))`;
          if (expr.checked) return `${zero} ${overflow(minOverMinusOne)} (i64.div_s ${a} ${b})`;
          // unchecked min / -1 wraps to min
          return `${zero} (if (result i64) ${minOverMinusOne} (then ${a}) (else ${normalize(t, `(i64.div_s ${a} ${b})`)}))`;
        }
        case 'and':
        case 'or':
        case 'xor':
          return `(i64.${expr.op} ${a} ${b})`;
        case 'shl':
        case 'shr': {
          if (rt.signed) unsupported('a signed shift amount');
          const big = `(i64.ge_u ${b} (i64.const ${t.bits}))`;
          if (expr.op === 'shl') {
            return `(if (result i64) ${big} (then (i64.const 0)) (else ${normalize(t, `(i64.shl ${a} ${b})`)}))`;
          }
          const saturated = t.signed ? `(i64.shr_s ${a} (i64.const 63))` : '(i64.const 0)';
          return `(if (result i64) ${big} (then ${saturated}) (else (i64.shr${s} ${a} ${b})))`;
        }
        case 'exp':
          return this.#exp(t, rt, expr.checked, a, b);
      }
    });
  }

  /** `a ** b` by repeated squaring; checked: each product must fit the type (Panic 0x11). */
  #exp(t: NativeInt, _rt: NativeInt, checked: boolean, a: string, b: string): string {
    const [base, exponent, acc] = [this.#temp(), this.#temp(), this.#temp()];
    const n = this.#labels++;
    const mul = (x: string, y: string) => {
      const product = `(i64.mul ${x} ${y})`;
      if (!checked) return normalize(t, product);
      const fits = this.#mulFits(t, x, y);
      return `(if (result i64) ${fits} (then ${product}) (else ${this.#panic(PANIC_OVERFLOW)} (i64.const 0)))`;
    };
    // Square only while bits of the exponent remain, so a fitting result never panics on a spare square.
    return `(local.set ${base} ${a}) (local.set ${exponent} ${b}) (local.set ${acc} (i64.const 1))
      (block $expdone${n} (loop $exp${n}
        (br_if $expdone${n} (i64.eqz (local.get ${exponent})))
        (if (i32.wrap_i64 (i64.and (local.get ${exponent}) (i64.const 1)))
          (then (local.set ${acc} ${mul(`(local.get ${acc})`, `(local.get ${base})`)})))
        (local.set ${exponent} (i64.shr_u (local.get ${exponent}) (i64.const 1)))
        (br_if $expdone${n} (i64.eqz (local.get ${exponent})))
        (local.set ${base} ${mul(`(local.get ${base})`, `(local.get ${base})`)})
        (br $exp${n})))
      ${normalize(t, `(local.get ${acc})`)}`;
  }

  /** i32: the exact product of two in-range values fits the type (operands are locals, read twice). */
  #mulFits(t: NativeInt, x: string, y: string): string {
    const product = `(i64.mul ${x} ${y})`;
    if (t.bits <= 32) return `(i32.eqz ${outOfRange(t, product)})`;
    if (!t.signed)
      return `(if (result i32) (i64.eqz ${x}) (then (i32.const 1)) (else (i64.eq (i64.div_u ${product} ${x}) ${y})))`;
    return `(if (result i32) (i64.eq ${x} (i64.const -1)) (then (i64.ne ${y} ${i64Const(minValue(t))}))
      (else (if (result i32) (i64.eqz ${x}) (then (i32.const 1)) (else (i64.eq (i64.div_s ${product} ${x}) ${y})))))`;
  }

  /** `bytesN(b)` of a `bytes` value: its first N bytes, zero-padded on the right (conversion.rst), into `$w`. */
  #bytesToFixed(operand: Expr, to: NativeInt): string {
    if (to.fixedBytes === undefined) unsupported(`conversion of bytes to ${to.bits}-bit integers`);
    return `(call $bytes_to_fixed ${this.#ref(operand)} (i32.const ${to.fixedBytes}))`;
  }

  /** `bytesM(bytesN x)`: pads with zero bytes or truncates on the right (conversion.rst), into `$w`. */
  #bytesResize(operand: Expr, from: NativeInt, to: NativeInt): string {
    const x = this.#temps4();
    const load = from.wide
      ? `${this.#wide(operand)} ${x.map((p, k) => `(local.set ${p} ${W[k]})`).join(' ')}`
      : `(local.set ${x[0]} ${this.#expr(operand)}) ${x
          .slice(1)
          .map((p) => `(local.set ${p} (i64.const 0))`)
          .join(' ')}`;
    const bits = 8 * Math.abs(to.fixedBytes! - from.fixedBytes!);
    const shift =
      to.fixedBytes! > from.fixedBytes!
        ? `(call $shl256 ${gets(x)} (i64.const ${bits}))`
        : `(call $shr256 ${gets(x)} (i64.const ${bits}) (i32.const 0))`;
    return `${load} ${shift} ${normalizeWide(to)}`;
  }

  /**
   * `keccak256`/`sha256` of `abi.encodePacked(…)` or `abi.encode(…)`: the arguments are evaluated
   * (left to right), then the preimage is written big-endian from the top of the heap (packed: each
   * value in its own size, strings/bytes raw, arrays element-wise as 32-byte words; standard: 32-byte
   * words, bytesN left-aligned), hashed by the profile's `$hash` and read back as a bytes32 into `$w`.
   */
  #hash(expr: Expr & { kind: 'hash' }): string {
    const values = expr.args.map((a) => ({ type: a.type!, v: this.#evaluate(a) }));
    const algorithm = expr.algorithm === 'keccak256' ? KECCAK256 : SHA256;
    const encode =
      expr.encoding === 'packed' ? this.#packed(values, expr.algorithm) : this.#abiEncoded(values);
    return `${values.map((x) => x.v.code).join(' ')} (call $h_begin) ${encode} (call $h_end (i32.const ${algorithm}))`;
  }

  /** `abi.encodePacked`: value types in their own size, strings/bytes raw, arrays as 32-byte words. */
  #packed(values: readonly { type: IrType; v: Evaluated }[], algorithm: string): string {
    return values
      .map(({ type, v }) => {
        if (isRef(type)) return `(call ${this.types.fn('hp', type)} ${get(v.parts[0]!)})`;
        const t = nativeInt(type, `${algorithm} argument`);
        return hashValue(t, t.wide ? v.parts.map(get) : narrowLimbs(t, get(v.parts[0]!)), true);
      })
      .join(' ');
  }

  /**
   * `abi.encode` (the ABI spec's head/tail layout): static values in place as 32-byte words, each
   * dynamic value (string, bytes, T[] of value types) as its offset in the head and its length and
   * words (strings zero-padded to 32 bytes) in the tail. Fixed arrays and structs of value types are
   * static (their words in place).
   */
  #abiEncoded(values: readonly { type: IrType; v: Evaluated }[]): string {
    const sizes = values.map(({ type }) => abiStaticSize(type));
    const head = sizes.reduce<number>((n, size) => n + (size ?? 32), 0);
    const offset = this.#temp();
    const word = (code: string) =>
      `(call $h_be ${code} (i64.const 0) (i64.const 0) (i64.const 0) (i32.const 32))`;
    const length = (v: Evaluated) => `(i64.load (i32.wrap_i64 ${get(v.parts[0]!)}))`;
    const heads = values.map(({ type, v }, i) => {
      if (!isRef(type)) {
        const t = nativeInt(type, 'abi.encode argument');
        return hashValue(t, t.wide ? v.parts.map(get) : narrowLimbs(t, get(v.parts[0]!)), false);
      }
      if (sizes[i] !== null) return `(call ${this.types.fn('hp', type)} ${get(v.parts[0]!)})`;
      // The tail: a length word, then the bytes padded to a word or one word per element.
      const tail =
        type.kind === 'array'
          ? `(i64.add (i64.const 32) (i64.shl ${length(v)} (i64.const 5)))`
          : `(i64.add (i64.const 32) (i64.and (i64.add ${length(v)} (i64.const 31)) (i64.const -32)))`;
      return `${word(`(local.get ${offset})`)} (local.set ${offset} (i64.add (local.get ${offset}) ${tail}))`;
    });
    const tails = values.flatMap(({ type, v }, i) => {
      if (sizes[i] !== null) return [];
      if (type.kind === 'array' && abiStaticSize(type.element) !== 32) {
        unsupported(`abi.encode of ${typeName(type)} in a hash`);
      }
      const pad = type.kind === 'array' ? '' : `(call $h_pad ${length(v)})`;
      return [`${word(length(v))} (call ${this.types.fn('hp', type)} ${get(v.parts[0]!)}) ${pad}`];
    });
    return `(local.set ${offset} (i64.const ${head})) ${heads.join(' ')} ${tails.join(' ')}`;
  }

  /** A wide shift amount as an i64: its low limb, or 256 when any higher limb is set (both saturate). */
  #shiftAmount(amount: Expr): string {
    return `(block (result i64) ${this.#wide(amount)}
      (if (result i64) (i64.eqz (i64.or ${W[1]} (i64.or ${W[2]} ${W[3]}))) (then ${W[0]}) (else (i64.const 256))))`;
  }

  /** A comparison of wide operands (right evaluated first), as an i64 bool. */
  #compareWide(op: string, t: NativeInt, left: Expr, right: Expr): string {
    const b = this.#evaluate(right);
    const a = this.#evaluate(left);
    // Signed order is unsigned order with the sign bit flipped.
    const flip = (parts: readonly string[]) =>
      parts.map((p, k) =>
        k === 3 && t.signed ? `(i64.xor ${get(p)} (i64.const 0x8000000000000000))` : get(p),
      );
    const lt = (x: readonly string[], y: readonly string[]) =>
      `(call $lt256 ${flip(x).join(' ')} ${flip(y).join(' ')})`;
    const eq = LIMBS.map((k) => `(i64.eq ${get(a.parts[k]!)} ${get(b.parts[k]!)})`).reduce(
      (x, y) => `(i32.and ${x} ${y})`,
    );
    const test = {
      eq,
      ne: `(i32.eqz ${eq})`,
      lt: lt(a.parts, b.parts),
      gt: lt(b.parts, a.parts),
      le: `(i32.eqz ${lt(b.parts, a.parts)})`,
      ge: `(i32.eqz ${lt(a.parts, b.parts)})`,
    }[op]!;
    return `(block (result i64) ${b.code} ${a.code} (i64.extend_i32_u ${test}))`;
  }

  /** Code leaving a wide value in `$w0…$w3`. */
  #wide(expr: Expr): string {
    const t = nativeInt(expr.type, 'value');
    if (!t.wide) throw new Error(`narrow ${expr.kind} compiled as a wide value`);
    switch (expr.kind) {
      case 'const':
        return setW(wideLimbs(expr.value).map(i64Const));
      case 'local':
        return setW(this.#localParts(expr.local).map(get));
      case 'binary':
        return this.#binaryWide(expr, t);
      case 'unary': {
        if (expr.op === 'not') throw new Error('bool not on a wide value');
        const x = this.#evaluate(expr.operand);
        if (expr.op === 'bitnot') {
          return `${x.code} ${setW(x.parts.map((p) => `(i64.xor ${get(p)} (i64.const -1))`))} ${normalizeWide(t)}`;
        }
        const negate = `(call $sub256 ${ZERO4.join(' ')} ${gets(x.parts)})`;
        if (!expr.checked) return `${x.code} ${negate} ${normalizeWide(t)}`;
        // −min is the only overflow: it is out of range (N < 256) or stays negative (N = 256).
        const overflow =
          t.bits < 256
            ? outOfRangeWide(t)
            : `(i32.and (i64.lt_s ${W[3]} (i64.const 0)) (i64.lt_s ${get(x.parts[3]!)} (i64.const 0)))`;
        return `${x.code} ${negate} (if ${overflow} (then ${this.#panic(PANIC_OVERFLOW)}))`;
      }
      case 'cast': {
        if (expr.operand.type?.kind === 'bytes') return this.#bytesToFixed(expr.operand, t);
        const from = nativeInt(expr.operand.type, 'conversion operand');
        if (isBytesResize(from, t)) return this.#bytesResize(expr.operand, from, t);
        if (from.wide) return `${this.#wide(expr.operand)} ${normalizeWide(t)}`;
        const x = this.#temp();
        const ext = from.signed ? `(i64.shr_s ${get(x)} (i64.const 63))` : '(i64.const 0)';
        return `(local.set ${x} ${this.#expr(expr.operand)}) ${setW([get(x), ext, ext, ext])} ${normalizeWide(t)}`;
      }
      case 'conditional':
        return `(if ${this.#condition(expr.condition)} (then ${this.#wide(expr.whenTrue)}) (else ${this.#wide(expr.whenFalse)}))`;
      case 'storageLoad':
        return `${this.#key(expr.ref)} (call $sload256)`;
      case 'memoryIndex':
      case 'memoryField':
        return `(call $mload256 ${this.#memoryAddress(expr)})`;
      case 'memoryLength': {
        const base = this.#ref(expr.base);
        return setW([`(i64.load (i32.wrap_i64 ${base}))`, ...ZERO4.slice(1)]);
      }
      case 'call': {
        const globals = returnGlobals(0, expr.type!);
        return `${this.#call(expr)} ${setW(globals.map((g) => `(global.get ${g})`))}`;
      }
      case 'storageLength': {
        const array = expr.ref.type;
        if (array.kind === 'string' || array.kind === 'bytes') {
          return setW([
            `(block (result i64) ${this.#key(expr.ref)} (call $slength_bytes))`,
            ...ZERO4.slice(1),
          ]);
        }
        if (array.kind !== 'array') return unsupported(`length of storage ${array.kind}`);
        if (array.length !== null) return setW(wideLimbs(BigInt(array.length)).map(i64Const));
        return `${this.#key(expr.ref)} (call $sload256)`;
      }
      case 'hash':
        return this.#hash(expr);
      case 'env':
        if (expr.name === 'msg.sender') return '(call $sender)';
        return setW([blockValue(expr.name), '(i64.const 0)', '(i64.const 0)', '(i64.const 0)']);
      default:
        return unsupported(`${expr.kind} of type ${expr.type.kind}`);
    }
  }

  #binaryWide(expr: BinaryExpr, t: NativeInt): string {
    const rt = nativeInt(expr.right.type, `right operand of ${expr.op}`);
    if (expr.op === 'shl' || expr.op === 'shr') {
      if (rt.signed) unsupported('a signed shift amount');
      const n = this.#temp();
      const amount = rt.wide ? this.#shiftAmount(expr.right) : this.#expr(expr.right);
      const a = this.#evaluate(expr.left);
      const setN = `(local.set ${n} ${amount})`;
      if (expr.op === 'shl')
        return `${setN} ${a.code} (call $shl256 ${gets(a.parts)} ${get(n)}) ${normalizeWide(t)}`;
      return `${setN} ${a.code} (call $shr256 ${gets(a.parts)} ${get(n)} (i32.const ${t.signed ? 1 : 0}))`;
    }
    if (expr.op === 'exp') {
      if (rt.wide) unsupported('an exponent wider than 64 bits');
      const e = this.#temp();
      const setE = `(local.set ${e} ${this.#expr(expr.right)})`;
      const a = this.#evaluate(expr.left);
      return `${setE} ${a.code} ${this.#expWide(t, expr.checked, a.parts, e)}`;
    }
    const b = this.#evaluate(expr.right);
    const a = this.#evaluate(expr.left);
    const [A, B] = [gets(a.parts), gets(b.parts)];
    const both = `${b.code} ${a.code}`;
    const overflowIf = (cond: string) => `(if ${cond} (then ${this.#panic(PANIC_OVERFLOW)}))`;
    const isZero = (parts: readonly string[]) =>
      `(i64.eqz (i64.or (i64.or ${get(parts[0]!)} ${get(parts[1]!)}) (i64.or ${get(parts[2]!)} ${get(parts[3]!)})))`;
    switch (expr.op) {
      case 'add':
      case 'sub': {
        const op = `(call ${expr.op === 'add' ? '$add256' : '$sub256'} ${A} ${B})`;
        if (!expr.checked) return `${both} ${op} ${normalizeWide(t)}`;
        if (t.bits < 256) return `${both} ${op} ${overflowIf(outOfRangeWide(t))}`;
        if (!t.signed) return `${both} ${op} ${overflowIf('(global.get $flag)')}`;
        const [a3, b3] = [get(a.parts[3]!), get(b.parts[3]!)];
        const signs =
          expr.op === 'add'
            ? `(i64.and (i64.xor ${a3} ${W[3]}) (i64.xor ${b3} ${W[3]}))`
            : `(i64.and (i64.xor ${a3} ${b3}) (i64.xor ${a3} ${W[3]}))`;
        return `${both} ${op} ${overflowIf(`(i64.lt_s ${signs} (i64.const 0))`)}`;
      }
      case 'mul':
        return `${both} ${this.#mulWide(t, expr.checked, a.parts, b.parts)}`;
      case 'div':
      case 'mod': {
        const zero = `(if ${isZero(b.parts)} (then ${this.#panic(PANIC_DIVISION)}))`;
        const remainder = setW(LIMBS.map((k) => `(global.get $r${k})`));
        if (!t.signed) {
          return `${both} ${zero} (call $divmod256 ${A} ${B}) ${expr.op === 'mod' ? remainder : ''}`;
        }
        if (expr.op === 'mod') return `${both} ${zero} (call $sdivmod256 ${A} ${B}) ${remainder}`;
        // Only min / −1 overflows: its quotient is out of range (N < 256) or comes out negative with
        // operands of equal signs (N = 256, flagged by $sdivmod256).
        const overflow =
          t.bits < 256 ? outOfRangeWide(t) : `(i32.and (global.get $flag) (i64.lt_s ${W[3]} (i64.const 0)))`;
        const check = expr.checked ? overflowIf(overflow) : normalizeWide(t);
        return `${both} ${zero} (call $sdivmod256 ${A} ${B}) ${check}`;
      }
      case 'and':
      case 'or':
      case 'xor':
        return `${both} ${setW(LIMBS.map((k) => `(i64.${expr.op} ${get(a.parts[k]!)} ${get(b.parts[k]!)})`))}`;
    }
    throw new Error(`unhandled ${expr.op}`);
  }

  /**
   * `$w = x · y` for wide values with Solidity's checks: an unsigned product overflows when its high
   * half is non-zero or it exceeds N bits; a signed product of N ≤ 128 bits is exact in 256 bits, so
   * the range check suffices; wider signed products go through magnitudes (`$smul256`).
   */
  #mulWide(t: NativeInt, checked: boolean, x: readonly string[], y: readonly string[]): string {
    const product = `(call $mul256 ${gets(x)} ${gets(y)})`;
    if (!checked) return `${product} ${normalizeWide(t)}`;
    if (t.signed && t.bits > 128) {
      return `(call $smul256 ${gets(x)} ${gets(y)}) (if (i32.or (global.get $flag) ${outOfRangeWide(t)}) (then ${this.#panic(PANIC_OVERFLOW)}))`;
    }
    const overflow = t.signed ? outOfRangeWide(t) : `(i32.or (global.get $flag) ${outOfRangeWide(t)})`;
    return `${product} (if ${overflow} (then ${this.#panic(PANIC_OVERFLOW)}))`;
  }

  /** `base ** e` (e an unsigned i64 local) by repeated squaring, into `$w`. */
  #expWide(t: NativeInt, checked: boolean, base: readonly string[], e: string): string {
    const acc = this.#temps4();
    const b = this.#temps4();
    const n = this.#labels++;
    const copyFromW = (parts: readonly string[]) => parts.map((p, k) => `(local.set ${p} ${W[k]})`).join(' ');
    return `${b.map((p, k) => `(local.set ${p} ${get(base[k]!)})`).join(' ')}
      ${acc.map((p, k) => `(local.set ${p} (i64.const ${k === 0 ? 1 : 0}))`).join(' ')}
      (block $expdone${n} (loop $exp${n}
        (br_if $expdone${n} (i64.eqz ${get(e)}))
        (if (i32.wrap_i64 (i64.and ${get(e)} (i64.const 1)))
          (then ${this.#mulWide(t, checked, acc, b)} ${copyFromW(acc)}))
        (local.set ${e} (i64.shr_u ${get(e)} (i64.const 1)))
        (br_if $expdone${n} (i64.eqz ${get(e)}))
        ${this.#mulWide(t, checked, b, b)} ${copyFromW(b)}
        (br $exp${n})))
      ${setW(acc.map(get))}`;
  }
}
