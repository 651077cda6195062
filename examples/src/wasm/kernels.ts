import { ARITH, CALLS, LCG_A, LCG_C, SORT } from '../spec.js';

/**
 * The compute kernels shared by the NEAR and CosmWasm contracts (WAT function definitions), so
 * both profiles run the very same instructions and differ only in their host ABI.
 */

/** Wasm's i64 arithmetic wraps mod 2^64, exactly the reference model's. */
const lcgStep = (x: string) => `(i64.add (i64.mul ${x} (i64.const ${LCG_A})) (i64.const ${LCG_C}))`;

/** `$arith: [] -> [i64]`, the LCG iterated `iterations` times from the seed. */
export const arithFunc = (iterations: number): string => `(func $arith (result i64)
    (local $x i64) (local $i i32)
    (local.set $x (i64.const ${ARITH.seed}))
    (loop $next
      (local.set $x ${lcgStep('(local.get $x)')})
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (i32.const ${iterations}))))
    (local.get $x))`;

/** `$fib: [i64] -> [i64]` by naive recursion; `FIB_CALL` is the call the workload makes. */
export const FIB_FUNC = `(func $fib (param $n i64) (result i64)
    (if (result i64) (i64.lt_u (local.get $n) (i64.const 2))
      (then (local.get $n))
      (else (i64.add
        (call $fib (i64.sub (local.get $n) (i64.const 1)))
        (call $fib (i64.sub (local.get $n) (i64.const 2)))))))`;
export const FIB_CALL = `(call $fib (i64.const ${CALLS.n}))`;

/** Where the sort keeps its u64 array, and where min and max end up after sorting. */
export const SORT_BASE = 16384;
export const SORT_MIN_AT = SORT_BASE;
export const sortMaxAt = (length: number): number => SORT_BASE + (length - 1) * 8;

/** `$sort: [] -> [i64]`: fills `length` values, insertion-sorts them in place, returns the checksum. */
export const sortFunc = (length: number): string => `(func $sort (result i64)
    (local $i i32) (local $j i32) (local $x i64) (local $key i64) (local $sum i64)
    (local.set $x (i64.const ${SORT.seed}))
    (loop $fill
      (local.set $x ${lcgStep('(local.get $x)')})
      (i64.store offset=${SORT_BASE} (i32.shl (local.get $i) (i32.const 3)) (i64.shr_u (local.get $x) (i64.const 32)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $fill (i32.lt_u (local.get $i) (i32.const ${length}))))
    (local.set $i (i32.const 1))
    (loop $outer
      (local.set $key (i64.load offset=${SORT_BASE} (i32.shl (local.get $i) (i32.const 3))))
      (local.set $j (local.get $i))
      (block $placed
        (loop $shift
          (br_if $placed (i32.eqz (local.get $j)))
          (br_if $placed (i64.le_u (i64.load offset=${SORT_BASE - 8} (i32.shl (local.get $j) (i32.const 3))) (local.get $key)))
          (i64.store offset=${SORT_BASE} (i32.shl (local.get $j) (i32.const 3))
            (i64.load offset=${SORT_BASE - 8} (i32.shl (local.get $j) (i32.const 3))))
          (local.set $j (i32.sub (local.get $j) (i32.const 1)))
          (br $shift)))
      (i64.store offset=${SORT_BASE} (i32.shl (local.get $j) (i32.const 3)) (local.get $key))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get $i) (i32.const ${length}))))
    (local.set $i (i32.const 0))
    (loop $checksum
      (local.set $sum (i64.add (local.get $sum)
        (i64.mul (i64.extend_i32_u (i32.add (local.get $i) (i32.const 1)))
                 (i64.load offset=${SORT_BASE} (i32.shl (local.get $i) (i32.const 3))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $checksum (i32.lt_u (local.get $i) (i32.const ${length}))))
    (local.get $sum))`;
