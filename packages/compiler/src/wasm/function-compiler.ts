/**
 * IR function → one wasm function in WebAssembly text. Every IR local is an i64 wasm local
 * (`$l<id>`); intermediate values go through fresh temporaries (`$t<n>`) so operands are evaluated in
 * the IR's order (right operand first, arguments left to right, stored value before the storage path).
 * A function returns its single result as the wasm result; several results go through the globals
 * `$ret<i>` (the NEAR profile has no multi-value).
 */
import { UnsupportedError } from '@polyvm/core';
import type { IrContract, IrFunction } from '../ir/contract.js';
import type { BinaryExpr, Expr, RevertReason, SourceLoc, Stmt, StorageRef } from '../ir/nodes.js';
import { i64Const, minValue, type NativeInt, nativeInt, normalize, outOfRange } from './integers.js';
import { writeJsonValue } from './json-values.js';
import { KEY, KEY_CAPACITY } from './runtime-wat.js';
import type { StringTable } from './strings.js';

/** Panic codes (docs/control-structures.rst, "Panic via assert and Error via require"). */
const PANIC_OVERFLOW = 0x11;
const PANIC_DIVISION = 0x12;
const NANOS_PER_SECOND = 1_000_000_000;
/** The `version` member of NEP-297 events (polyvm's event schema version). */
export const NEP297_VERSION = '1.0.0';

/** The NEAR panic message of a revert; the target adapter parses it back (see README). */
export function panicMessage(code: number): string {
  return `Panic(0x${code.toString(16).padStart(2, '0')})`;
}

export function functionSymbol(contract: IrContract, fn: IrFunction): string {
  return `$f${contract.functions.indexOf(fn)}`;
}

/**
 * `block.number` is NEAR's block height; `block.timestamp` is NEAR's `block_timestamp` (nanoseconds)
 * in seconds. Both are uint256 in Solidity, so only their narrowing casts (`uint64(block.timestamp)`)
 * compile here.
 */
function blockValue(name: 'block.number' | 'block.timestamp'): string {
  return name === 'block.number'
    ? '(call $block_height)'
    : `(i64.div_u (call $block_timestamp) (i64.const ${NANOS_PER_SECOND}))`;
}

/** Prefixes an UnsupportedError with `file:line:col` (the innermost location wins). */
function locate(error: unknown, loc: SourceLoc): unknown {
  if (!(error instanceof UnsupportedError) || error.message.startsWith(`${loc.file}:`)) return error;
  return new UnsupportedError(`${loc.file}:${loc.line}:${loc.column}: ${error.message}`, { cause: error });
}

function unsupported(what: string): never {
  throw new UnsupportedError(`unsupported on wasm: ${what}`);
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
    for (const local of fn.locals) nativeInt(local.type, `local ${local.name || `#${local.id}`}`);
    const params = fn.params.map((p) => `(param $l${p.id} i64)`).join(' ');
    const result = fn.returns.length === 1 ? '(result i64)' : '';
    const paramIds = new Set(fn.params.map((p) => p.id));
    const body = this.#stmts(fn.body);
    const fallThrough = this.#returnValues(fn.returns.map((r) => `(local.get $l${r.id})`));
    const locals = [
      ...fn.locals.filter((l) => !paramIds.has(l.id)).map((l) => `(local $l${l.id} i64)`),
      ...Array.from({ length: this.#temps }, (_, i) => `(local $t${i} i64)`),
    ].join(' ');
    return `(func ${functionSymbol(this.contract, fn)} ${params} ${result} ${locals}\n${body}\n${fallThrough})`;
  }

  #temp(): string {
    return `$t${this.#temps++}`;
  }

  #returnValues(values: readonly string[]): string {
    if (values.length === 0) return '';
    if (values.length === 1) return values[0]!;
    const temps = values.map((v) => {
      const t = this.#temp();
      return { t, set: `(local.set ${t} ${v})` };
    });
    return [
      ...temps.map((x) => x.set),
      ...temps.map((x, i) => `(global.set $ret${i} (local.get ${x.t}))`),
    ].join('\n');
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
        const targets = stmt.locals.map((id) => (id === null ? null : `$l${id}`));
        if (stmt.value === null)
          return targets.map((t) => (t === null ? '' : `(local.set ${t} (i64.const 0))`)).join('');
        return this.#assignFrom(targets, [stmt.value]);
      }
      case 'assign': {
        const targets = stmt.targets.map((t) => {
          if (t === null) return null;
          if (t.kind !== 'local')
            unsupported(
              `assignment to a memory ${t.kind === 'memoryIndex' ? 'array element' : 'struct field'}`,
            );
          return `$l${t.local}`;
        });
        return this.#assignFrom(targets, stmt.values);
      }
      case 'store': {
        nativeInt(stmt.value.type, 'stored value');
        const value = this.#temp();
        const set = `(local.set ${value} ${this.#expr(stmt.value)})`;
        nativeInt(stmt.ref.type, 'storage variable');
        const { setup, length } = this.#key(stmt.ref);
        return `${set}\n${setup}\n(call $sstore (i32.const ${length}) (local.get ${value}))`;
      }
      case 'storageDelete': {
        nativeInt(stmt.ref.type, 'deleted storage variable');
        const { setup, length } = this.#key(stmt.ref);
        return `${setup}\n(call $sstore (i32.const ${length}) (i64.const 0))`;
      }
      case 'storagePush':
        return unsupported('storage array push');
      case 'storagePop':
        return unsupported('storage array pop');
      case 'expr': {
        const code = this.#expr(stmt.expr, true);
        return stmt.expr.kind === 'call' && stmt.expr.types.length !== 1 ? code : `(drop ${code})`;
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
            ? this.fn.returns.map((r) => `(local.get $l${r.id})`)
            : stmt.values.map((v) => this.#expr(v));
        if (values.length === 1) return `(return ${values[0]})`;
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

  /**
   * NEP-297: `EVENT_JSON:{"standard":"<contract>","version":"1.0.0","event":"<name>","data":{…}}`
   * with one member per event parameter (by name, `arg<i>` when unnamed), values as in results.
   */
  #emit(signature: string, args: readonly Expr[]): string {
    const event = this.contract.events.find((e) => e.signature === signature);
    if (event === undefined) throw new Error(`IR emits unknown event ${signature}`);
    if (this.contract.events.filter((e) => e.name === event.name).length > 1) {
      unsupported(`overloaded event ${signature} (NEP-297 events are named)`);
    }
    if (event.anonymous) unsupported(`anonymous event ${signature}`);
    const types = event.params.map((p) => nativeInt(p.type, `event parameter ${p.name}`));
    const temps = args.map((a) => {
      const t = this.#temp();
      return { t, set: `(local.set ${t} ${this.#expr(a)})` };
    });
    const text = (s: string) => {
      const ref = this.strings.text(s);
      return `(call $w_bytes (i32.const ${ref.ptr}) (i32.const ${ref.len}))`;
    };
    const head = `EVENT_JSON:{"standard":${JSON.stringify(this.contract.name)},"version":"${NEP297_VERSION}","event":${JSON.stringify(event.name)},"data":{`;
    const members = event.params.map(
      (p, i) =>
        `${text(`${i > 0 ? ',' : ''}${JSON.stringify(p.name || `arg${i}`)}:`)} ${writeJsonValue(types[i]!, `(local.get ${temps[i]!.t})`)}`,
    );
    return [
      ...temps.map((x) => x.set),
      '(call $log_begin)',
      text(head),
      ...members,
      text('}}'),
      '(call $log_end)',
    ].join('\n');
  }

  #innerLoop(): [string, string] {
    const loop = this.#loops.at(-1);
    if (loop === undefined) throw new Error('break/continue outside a loop in the IR');
    return loop;
  }

  /** `let`/`assign`: one value per target, or one call whose results land in `$ret<i>`. */
  #assignFrom(targets: readonly (string | null)[], values: readonly Expr[]): string {
    if (values.length === 1 && targets.length > 1) {
      const call = values[0]!;
      if (call.kind !== 'call') unsupported('tuple assignment from a non-call expression');
      const code = this.#expr(call, true);
      const sets = targets.map((t, i) => (t === null ? '' : `(local.set ${t} (global.get $ret${i}))`));
      return `${code}\n${sets.join('\n')}`;
    }
    // Every value first (left to right), then the assignments: `(a, b) = (b, a)` swaps.
    const temps = values.map((v) => {
      const t = this.#temp();
      return { t, set: `(local.set ${t} ${this.#expr(v)})` };
    });
    const sets = targets.map((t, i) => (t === null ? '' : `(local.set ${t} (local.get ${temps[i]!.t}))`));
    return [...temps.map((x) => x.set), ...sets].join('\n');
  }

  #revert(reason: RevertReason): string {
    switch (reason.kind) {
      case 'empty':
        return this.#panicWith(new Uint8Array());
      case 'panic':
        return this.#panic(reason.code);
      case 'error':
        if (reason.message.kind !== 'stringConst')
          unsupported('a revert reason that is not a string literal');
        return this.#panicWith(reason.message.value);
      case 'custom':
        return unsupported(`custom error ${reason.error}`);
    }
  }

  #panicWith(message: Uint8Array): string {
    const ref = this.strings.intern(message);
    return `(call $panic (i32.const ${ref.ptr}) (i32.const ${ref.len}))`;
  }

  #panic(code: number): string {
    return this.#panicWith(new TextEncoder().encode(panicMessage(code)));
  }

  /** An i32 condition from a bool expression. */
  #condition(expr: Expr): string {
    return `(i32.wrap_i64 ${this.#expr(expr)})`;
  }

  /**
   * Storage key of a value-type path into `KEY` (see README: state variable name, then `:` and each
   * mapping key's 8 bytes little-endian). Keys are evaluated root outwards into temporaries first, so
   * internal calls inside them cannot clobber the key buffer.
   */
  #key(ref: StorageRef): { setup: string; length: number } {
    const keys: string[] = [];
    let node = ref;
    while (node.kind === 'mapping') {
      nativeInt(node.key.type, 'mapping key');
      keys.unshift(this.#expr(node.key));
      node = node.base;
    }
    if (node.kind !== 'var')
      unsupported(`storage ${node.kind === 'local' ? 'pointer' : `${node.kind} access`}`);
    const variable = this.contract.storage[node.variable]!;
    const prefix = this.strings.text(keys.length === 0 ? variable.name : `${variable.name}:`);
    const length = prefix.len + 8 * keys.length;
    if (length > KEY_CAPACITY) unsupported(`a storage key longer than ${KEY_CAPACITY} bytes`);
    const temps = keys.map((k) => {
      const t = this.#temp();
      return { t, set: `(local.set ${t} ${k})` };
    });
    const copy = `(memory.copy (i32.const ${KEY}) (i32.const ${prefix.ptr}) (i32.const ${prefix.len}))`;
    const stores = temps.map(
      (x, i) => `(i64.store (i32.const ${KEY + prefix.len + 8 * i}) (local.get ${x.t}))`,
    );
    return { setup: [...temps.map((x) => x.set), copy, ...stores].join('\n'), length };
  }

  /** An i64 value. `allowMulti` lets a call with zero or several results stand as a statement. */
  #expr(expr: Expr, allowMulti = false): string {
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
        const op = { eq: 'eq', ne: 'ne', lt: 'lt', le: 'le', gt: 'gt', ge: 'ge' }[expr.op];
        const suffix = expr.op === 'eq' || expr.op === 'ne' ? '' : t.signed ? '_s' : '_u';
        return this.#rightFirst(
          expr.left,
          expr.right,
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
        if (expr.operand.kind === 'env' && expr.operand.name !== 'msg.sender') {
          return normalize(to, blockValue(expr.operand.name));
        }
        nativeInt(expr.operand.type, 'conversion operand');
        return normalize(to, this.#expr(expr.operand));
      }
      case 'conditional':
        return `(if (result i64) ${this.#condition(expr.condition)} (then ${this.#expr(expr.whenTrue)}) (else ${this.#expr(expr.whenFalse)}))`;
      case 'storageLoad': {
        nativeInt(expr.type, 'storage read');
        const { setup, length } = this.#key(expr.ref);
        return `(block (result i64) ${setup} (call $sload (i32.const ${length})))`;
      }
      case 'call': {
        if (expr.types.length !== 1 && !allowMulti)
          unsupported('a call with several results inside an expression');
        const callee = this.contract.functions.find((f) => f.id === expr.function);
        if (callee === undefined) throw new Error(`IR calls unknown function ${expr.function}`);
        const args = expr.args.map((a) => this.#expr(a)).join(' ');
        return `(call ${functionSymbol(this.contract, callee)} ${args})`;
      }
      case 'env':
        return unsupported(`${expr.name} (addresses and 256-bit block values are not mapped yet)`);
      case 'stringConst':
        return unsupported('string and bytes values');
      case 'hash':
        return unsupported(`${expr.algorithm}`);
      case 'storageLength':
        return unsupported('storage array length');
      case 'storageRef':
        return unsupported('storage pointers');
      case 'memoryIndex':
      case 'memoryField':
      case 'memoryLength':
      case 'newArray':
      case 'structLiteral':
      case 'arrayLiteral':
        return unsupported(`memory arrays and structs (${expr.kind})`);
    }
  }

  /** Evaluates `right` then `left` into temporaries and combines them. */
  #rightFirst(left: Expr, right: Expr, combine: (a: string, b: string) => string): string {
    const [a, b] = [this.#temp(), this.#temp()];
    return `(block (result i64) (local.set ${b} ${this.#expr(right)}) (local.set ${a} ${this.#expr(left)})
      ${combine(`(local.get ${a})`, `(local.get ${b})`)})`;
  }

  #binary(expr: BinaryExpr): string {
    const t = nativeInt(expr.type, `operand of ${expr.op}`);
    const rt = nativeInt(expr.right.type, `right operand of ${expr.op}`);
    const r = this.#temp();
    const panicIf = (cond: string, code: number) => `(if ${cond} (then ${this.#panic(code)}))`;
    const overflow = (cond: string) => panicIf(cond, PANIC_OVERFLOW);
    return this.#rightFirst(expr.left, expr.right, (a, b) => {
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
              overflow(`(i32.and (i64.ne ${a} (i64.const 0)) (i64.ne (i64.div_u ${R} ${a}) ${b}))`),
            );
          }
          // a = -1 first: i64.div_s(min, -1) traps.
          return result(
            raw,
            overflow(`(if (result i32) (i64.eq ${a} (i64.const -1)) (then (i64.eq ${b} ${i64Const(minValue(t))}))
              (else (i32.and (i64.ne ${a} (i64.const 0)) (i64.ne (i64.div_s ${R} ${a}) ${b}))))`),
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
    if (!t.signed) return `(i32.or (i64.eqz ${x}) (i64.eq (i64.div_u ${product} ${x}) ${y}))`;
    return `(if (result i32) (i64.eq ${x} (i64.const -1)) (then (i64.ne ${y} ${i64Const(minValue(t))}))
      (else (i32.or (i64.eqz ${x}) (i64.eq (i64.div_s ${product} ${x}) ${y}))))`;
  }
}
