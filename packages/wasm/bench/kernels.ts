/**
 * Metering kernels: naive fib (call-heavy), insertion sort (branchy, early exits from an inner
 * loop), and a br_table switch with bulk memory. The metering bench measures them metered vs
 * plain; `src/instrument/gas-pin.test.ts` pins the gas they are charged.
 */
export const KERNELS = `(module
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
          (br_if $placed (i64.le_u (i64.load offset=0 (i32.shl (i32.sub (local.get $j) (i32.const 1)) (i32.const 3))) (local.get $key)))
          (i64.store (i32.shl (local.get $j) (i32.const 3)) (i64.load (i32.shl (i32.sub (local.get $j) (i32.const 1)) (i32.const 3))))
          (local.set $j (i32.sub (local.get $j) (i32.const 1)))
          (br $shift)))
      (i64.store (i32.shl (local.get $j) (i32.const 3)) (local.get $key))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get $i) (local.get $n))))
    (local.set $i (i32.const 0))
    (loop $sum
      (local.set $sum (i64.add (local.get $sum) (i64.mul (i64.extend_i32_u (i32.add (local.get $i) (i32.const 1)))
        (i64.load (i32.shl (local.get $i) (i32.const 3))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $sum (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $sum))
  (func (export "switch") (param $n i32) (result i32) (local $acc i32)
    (loop $l
      (block $c (block $b (block $a
        (br_table $a $b $c (i32.rem_u (local.get $n) (i32.const 3))))
        (local.set $acc (i32.add (local.get $acc) (i32.const 1))) (br $c))
        (local.set $acc (i32.mul (local.get $acc) (i32.const 3))))
      (memory.fill (i32.const 0) (local.get $n) (i32.const 16))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))
    (local.get $acc)))`;
