import { ValidationError } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { compileInstrumented, prepareModule } from '../engine/compile.js';
import '../engine/webassembly.js';
import { Interpreter } from '../interp/machine.js';
import { TrapError } from '../interp/numeric.js';
import { decodeModule } from '../module/decode.js';
import { I32, I64 } from '../module/types.js';
import { SPEC_PROFILE } from '../profile.js';
import { watToWasm } from '../wat.js';
import { GAS_EXPORT, STACK_EXPORT, START_EXPORT } from './options.js';

const GAS = 1_000_000n;

async function load(wat: string) {
  const prepared = prepareModule(await watToWasm(wat), SPEC_PROFILE);
  const instance = new WebAssembly.Instance(compileInstrumented(prepared), {});
  const exports = instance.exports;
  const gas = exports[GAS_EXPORT] as WebAssembly.Global;
  const stack = exports[STACK_EXPORT] as WebAssembly.Global;
  const interp = new Interpreter(prepared.module, prepared.codes, {}, { metering: SPEC_PROFILE.instrument });
  return {
    prepared,
    exports,
    /** Gas the instrumented module spends on `name(...args)`. */
    spent(name: string, ...args: number[]): number {
      gas.value = GAS;
      stack.value = 0;
      (exports[name] as (...a: number[]) => unknown)(...args);
      return Number(GAS - (gas.value as bigint));
    },
    /** The same call on the interpreter. */
    interpreted(name: string, ...args: number[]): number {
      const g = interp.exports[GAS_EXPORT] as WebAssembly.Global;
      g.value = GAS;
      (interp.exports[name] as (...a: number[]) => unknown)(...args);
      return Number(GAS - (g.value as bigint));
    },
    gas,
    stack,
    interp,
  };
}

describe('gas instrumentation (unit cost per instruction)', () => {
  it('charges a straight-line function its instruction count', async () => {
    const m = await load(
      '(module (func (export "f") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))',
    );
    // local.get, i32.const, i32.add, end
    expect(m.spent('f', 41)).toBe(4);
    expect(m.interpreted('f', 41)).toBe(4);
    expect((m.exports.f as (x: number) => number)(41)).toBe(42);
  });

  it('charges each loop iteration its body: 8n + 4 for this loop', async () => {
    const m = await load(`(module (func (export "count") (param $n i32) (result i32) (local $i i32)
      (loop $l
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
      (local.get $i)))`);
    for (const n of [1, 2, 10, 1000]) {
      expect(m.spent('count', n)).toBe(8 * n + 4);
      expect(m.interpreted('count', n)).toBe(8 * n + 4);
    }
  });

  it('refunds early loop exits through landing pads, with every branch across them relabelled', async () => {
    // Two br_ifs leave the loop's prepaid chain for $placed with different refunds (two pads);
    // br, br_table and return cross the pads. Gas must match the per-instruction interpreter and
    // results the uninstrumented module.
    const wat = `(module (func (export "f") (param $n i32) (result i32) (local $i i32) (local $acc i32)
      (block $out
        (block $placed
          (loop $l
            (br_if $placed (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $acc (i32.add (local.get $acc) (local.get $i)))
            (br_if $placed (i32.and (i32.and (local.get $n) (i32.const 1)) (i32.gt_u (local.get $acc) (i32.const 10))))
            (if (i32.eq (local.get $acc) (i32.const 21)) (then (br $out)))
            (block $c (block $b
              (br_table $b $c $c $out (i32.rem_u (local.get $i) (i32.const 3))))
              (local.set $acc (i32.add (local.get $acc) (i32.const 100))))
            (if (i32.eq (local.get $i) (i32.const 40)) (then (return (i32.const -1))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $l)))
        (local.set $acc (i32.add (local.get $acc) (i32.const 1000))))
      (local.get $acc)))`;
    const m = await load(wat);
    const plain = new WebAssembly.Instance(new WebAssembly.Module(await watToWasm(wat)), {}).exports.f as (
      n: number,
    ) => number;
    for (const n of [0, 1, 2, 3, 5, 6, 7, 8, 9, 20, 41, 60]) {
      const metered = m.spent('f', n);
      expect(metered, `gas of f(${n})`).toBe(m.interpreted('f', n));
      expect((m.exports.f as (x: number) => number)(n)).toBe(plain(n));
    }
  });

  it('charges only the branch taken of an if/else', async () => {
    const m = await load(`(module (func (export "pick") (param i32) (result i32)
      (if (result i32) (local.get 0)
        (then (i32.const 1) (i32.const 2) (i32.add))
        (else (i32.const 7)))))`);
    // then: local.get, if | const, const, add, else | end(func) = 7 (the if's `end` closes the else segment)
    expect(m.spent('pick', 1)).toBe(7);
    // else: local.get, if | const, end(if) | end(func) = 5
    expect(m.spent('pick', 0)).toBe(5);
    expect(m.interpreted('pick', 1)).toBe(7);
    expect(m.interpreted('pick', 0)).toBe(5);
  });

  it('charges bulk memory operations per byte', async () => {
    const m = await load(`(module (memory 1) (func (export "fill") (param $n i32)
      (memory.fill (i32.const 0) (i32.const 7) (local.get $n))))`);
    // i32.const, i32.const, local.get, memory.fill, end = 5, plus one per byte filled
    expect(m.spent('fill', 0)).toBe(5);
    expect(m.spent('fill', 1000)).toBe(1005);
    expect(m.interpreted('fill', 1000)).toBe(1005);
  });

  it('traps with the counter negative when gas runs out, mid-loop', async () => {
    const m = await load(`(module (func (export "spin") (loop $l (br $l))))`);
    m.gas.value = 10_000n;
    expect(() => (m.exports.spin as () => void)()).toThrow(WebAssembly.RuntimeError);
    expect(m.gas.value as bigint).toBeLessThan(0n);
  });

  it('limits the stack height: unbounded recursion trips the limiter when it is below V8 own depth', async () => {
    const bytes = await watToWasm(`(module (func $f (export "down") (param i32) (result i32)
      (i32.add (call $f (local.get 0)) (i32.const 1))))`);
    const profile = { ...SPEC_PROFILE, instrument: { ...SPEC_PROFILE.instrument, maxStackHeight: 4_000 } };
    const exports = new WebAssembly.Instance(compileInstrumented(prepareModule(bytes, profile)), {}).exports;
    (exports[GAS_EXPORT] as WebAssembly.Global).value = 1n << 60n;
    expect(() => (exports.down as (x: number) => number)(0)).toThrow(WebAssembly.RuntimeError);
    // frame cost = 1 + 1 param + 2 operand slots = 4: the 1001st nested call crosses 4000.
    expect((exports[STACK_EXPORT] as WebAssembly.Global).value).toBe(4_004);
  });

  it('keeps the stack counter balanced across returns and branches out of the body', async () => {
    const m = await load(`(module (func $g (param i32) (result i32)
        (block (drop (br_if 1 (i32.const 5) (local.get 0))))
        (if (local.get 0) (then (return (i32.const 6))))
        (i32.const 7))
      (func (export "h") (param i32) (result i32) (call $g (local.get 0))))`);
    for (const arg of [0, 1]) {
      m.stack.value = 0;
      m.gas.value = GAS;
      expect((m.exports.h as (x: number) => number)(arg)).toBe(arg ? 5 : 7);
      expect(m.stack.value).toBe(0);
    }
  });

  it('passes the counter and the height to internal calls; exports and tables go through entry wrappers', async () => {
    const m = await load(`(module (type $t (func (param i32) (result i32)))
      (table 1 funcref) (elem (i32.const 0) $down)
      (func $down (export "down") (type $t)
        (if (result i32) (local.get 0)
          (then (i32.add (call $down (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))
          (else (i32.const 0))))
      (func (export "viaTable") (param i32) (result i32)
        (call_indirect (type $t) (local.get 0) (i32.const 0))))`);
    const instrumented = decodeModule(m.prepared.instrumented);
    // Defined functions take (…, i64 gas, i32 height) and return the gas last.
    expect(instrumented.types[instrumented.functions[0]!]).toEqual({
      params: [I32, I64, I32],
      results: [I32, I64],
    });
    // Two wrappers (for $down, exported and in the table; for viaTable) keep the original type.
    expect(instrumented.functions.slice(2).map((t) => instrumented.types[t])).toEqual([
      { params: [I32], results: [I32] },
      { params: [I32], results: [I32] },
    ]);
    for (const n of [0, 1, 50]) {
      expect(m.spent('down', n)).toBe(m.interpreted('down', n));
      expect(m.spent('viaTable', n)).toBe(m.interpreted('viaTable', n));
      expect(m.stack.value).toBe(0);
    }
  });

  it('rejects a function whose parameters leave no room for the two added ones under V8 limits', async () => {
    const fits = await watToWasm(`(module (func (export "f") (param ${'i32 '.repeat(998)})))`);
    expect(() => compileInstrumented(prepareModule(fits, SPEC_PROFILE))).not.toThrow();
    const full = await watToWasm(`(module (func (export "f") (param ${'i32 '.repeat(999)})))`);
    expect(() => prepareModule(full, SPEC_PROFILE)).toThrow(/no room for the metering counters/);
  });

  it('exports the start function instead of running it unmetered at instantiation', async () => {
    const m = await load(`(module (global $g (export "g") (mut i32) (i32.const 0))
      (func $s (global.set $g (i32.const 9))) (start $s))`);
    expect((m.exports.g as WebAssembly.Global).value).toBe(0);
    m.gas.value = GAS;
    (m.exports[START_EXPORT] as () => void)();
    expect((m.exports.g as WebAssembly.Global).value).toBe(9);
  });

  it('reports interpreter traps by kind', async () => {
    const m = await load(`(module (func (export "spin") (loop $l (br $l))))`);
    (m.interp.exports[GAS_EXPORT] as WebAssembly.Global).value = 100n;
    try {
      (m.interp.exports.spin as () => void)();
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(TrapError);
      expect((err as TrapError).kind).toBe('out-of-gas');
    }
  });

  it('refuses modules that already use the counters export names', async () => {
    const bytes = await watToWasm(`(module (func (export "${GAS_EXPORT}")))`);
    expect(() => prepareModule(bytes, SPEC_PROFILE)).toThrow(ValidationError);
  });

  it('canonicalizes NaNs from arithmetic but leaves bit-moving instructions alone', async () => {
    const wat = `(module
      (func (export "div") (param f32 f32) (result i32) (i32.reinterpret_f32 (f32.div (local.get 0) (local.get 1))))
      (func (export "neg") (param i32) (result i32) (i32.reinterpret_f32 (f32.neg (f32.reinterpret_i32 (local.get 0)))))
      (func (export "sqrt") (param f64) (result i64) (i64.reinterpret_f64 (f64.sqrt (local.get 0)))))`;
    const profile = { ...SPEC_PROFILE, instrument: { ...SPEC_PROFILE.instrument, canonicalizeNaNs: true } };
    const exports = new WebAssembly.Instance(
      compileInstrumented(prepareModule(await watToWasm(wat), profile)),
      {},
    ).exports;
    (exports[GAS_EXPORT] as WebAssembly.Global).value = GAS;
    expect((exports.div as (a: number, b: number) => number)(0, 0) >>> 0).toBe(0x7fc00000);
    expect((exports.div as (a: number, b: number) => number)(1, 4)).toBe(0x3e800000);
    expect((exports.sqrt as (a: number) => bigint)(-1)).toBe(0x7ff8000000000000n);
    // f32.neg flips the sign bit of whatever NaN it is given: 0x7fc00001 -> 0xffc00001.
    expect((exports.neg as (a: number) => number)(0x7fc00001) >>> 0).toBe(0xffc00001);
  });

  it('handles multi-value functions and block types when a profile enables them', async () => {
    const wat = `(module
      (type $pair (func (param i32) (result i32 i32)))
      (func $split (export "split") (type $pair) (local.get 0) (i32.const 1) (i32.add) (local.get 0) (i32.const 2) (i32.mul))
      (func (export "sum") (param i32) (result i32)
        (local.get 0)
        (block (type $pair) (call $split) (br 0))
        (i32.add)))`;
    const profile = { ...SPEC_PROFILE, features: { multiValue: true } };
    const prepared = prepareModule(await watToWasm(wat, 'multi.wat', { multiValue: true }), profile);
    const exports = new WebAssembly.Instance(compileInstrumented(prepared), {}).exports;
    (exports[GAS_EXPORT] as WebAssembly.Global).value = GAS;
    expect((exports.split as (x: number) => number[])(5)).toEqual([6, 10]);
    expect((exports.sum as (x: number) => number)(5)).toBe(16);
    const interp = new Interpreter(prepared.module, prepared.codes, {}, { metering: profile.instrument });
    (interp.exports[GAS_EXPORT] as WebAssembly.Global).value = GAS;
    expect(interp.invokeRaw(0, [5])).toEqual([6, 10]);
    expect(interp.invokeRaw(1, [5])).toEqual([16]);
    expect(() => prepareModule(prepared.module.bytes, SPEC_PROFILE)).toThrow(ValidationError);
  });
});
