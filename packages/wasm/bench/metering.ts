import { bench, group, summary } from 'mitata';
import { compileInstrumented, prepareModule } from '../src/engine/compile.js';
import { GAS_EXPORT } from '../src/instrument/options.js';
import { NEAR_PROFILE } from '../src/profile.js';
import { watToWasm } from '../src/wat.js';

/** Insertion sort of n u64 and naive fib(n): branchy and call-heavy code, metered vs plain V8. */
const KERNELS = `(module
  (memory (export "memory") 1)
  (func $fib (export "fib") (param $n i64) (result i64)
    (if (result i64) (i64.lt_u (local.get $n) (i64.const 2))
      (then (local.get $n))
      (else (i64.add (call $fib (i64.sub (local.get $n) (i64.const 1)))
                     (call $fib (i64.sub (local.get $n) (i64.const 2)))))))
  (func (export "sort") (param $n i32) (result i64)
    (local $i i32) (local $j i32) (local $x i64) (local $key i64) (local $sum i64)
    (local.set $x (i64.const 7))
    (loop $fill
      (local.set $x (i64.add (i64.mul (local.get $x) (i64.const 6364136223846793005)) (i64.const 1442695040888963407)))
      (i64.store (i32.shl (local.get $i) (i32.const 3)) (i64.shr_u (local.get $x) (i64.const 32)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $fill (i32.lt_u (local.get $i) (local.get $n))))
    (local.set $i (i32.const 1))
    (loop $outer
      (local.set $key (i64.load (i32.shl (local.get $i) (i32.const 3))))
      (local.set $j (local.get $i))
      (block $placed
        (loop $shift
          (br_if $placed (i32.eqz (local.get $j)))
          (br_if $placed (i64.le_u (i64.load (i32.shl (i32.sub (local.get $j) (i32.const 1)) (i32.const 3))) (local.get $key)))
          (i64.store (i32.shl (local.get $j) (i32.const 3)) (i64.load (i32.shl (i32.sub (local.get $j) (i32.const 1)) (i32.const 3))))
          (local.set $j (i32.sub (local.get $j) (i32.const 1)))
          (br $shift)))
      (i64.store (i32.shl (local.get $j) (i32.const 3)) (local.get $key))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get $i) (local.get $n))))
    (i64.load (i32.const 8))))`;

export async function meteringKernels() {
  const wasm = await watToWasm(KERNELS);
  const plain = new WebAssembly.Instance(new WebAssembly.Module(wasm), {}).exports;
  const metered = new WebAssembly.Instance(compileInstrumented(prepareModule(wasm, NEAR_PROFILE)), {}).exports;
  const gas = metered[GAS_EXPORT] as WebAssembly.Global;
  const refill = () => {
    gas.value = 10n ** 18n;
  };
  return {
    plainSort: plain.sort as (n: number) => bigint,
    meteredSort: metered.sort as (n: number) => bigint,
    plainFib: plain.fib as (n: bigint) => bigint,
    meteredFib: metered.fib as (n: bigint) => bigint,
    refill,
  };
}

export async function meteringGroups(): Promise<void> {
  const k = await meteringKernels();
  group('metering overhead: insertion sort of 500 u64 (branchy)', () => {
    summary(() => {
      bench('V8, uninstrumented', () => k.plainSort(500));
      bench('V8, metered', () => {
        k.refill();
        return k.meteredSort(500);
      });
    });
  });
  group('metering overhead: fib(20) by recursion (call-heavy)', () => {
    summary(() => {
      bench('V8, uninstrumented', () => k.plainFib(20n));
      bench('V8, metered', () => {
        k.refill();
        return k.meteredFib(20n);
      });
    });
  });
}
