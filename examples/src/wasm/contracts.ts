import { TOKEN } from '../spec.js';
import { arithFunc, FIB_CALL, FIB_FUNC, SORT_MIN_AT, sortFunc, sortMaxAt } from './kernels.js';

/**
 * The seven workloads as NEAR contracts in WebAssembly text. Every method is an exported
 * `[] -> []` function that talks to the host through NEAR's register ABI; results come back via
 * `value_return` (little-endian u64s) or live in contract storage.
 */
const NEAR_IMPORTS = `
  (import "env" "input" (func $input (param i64)))
  (import "env" "register_len" (func $register_len (param i64) (result i64)))
  (import "env" "read_register" (func $read_register (param i64 i64)))
  (import "env" "predecessor_account_id" (func $predecessor_account_id (param i64)))
  (import "env" "storage_read" (func $storage_read (param i64 i64 i64) (result i64)))
  (import "env" "storage_write" (func $storage_write (param i64 i64 i64 i64 i64) (result i64)))
  (import "env" "value_return" (func $value_return (param i64 i64)))
  (import "env" "sha256" (func $sha256 (param i64 i64 i64)))
  (import "env" "panic_utf8" (func $panic_utf8 (param i64 i64)))
  (memory (export "memory") 1)`;

/** Storage key "c" holds the counter (u64 LE); `increment` adds one and returns the new value. */
export const COUNTER_WAT = `(module ${NEAR_IMPORTS}
  (data (i32.const 0) "c")
  (func (export "init")
    (i64.store (i32.const 16) (i64.const 0))
    (drop (call $storage_write (i64.const 1) (i64.const 0) (i64.const 8) (i64.const 16) (i64.const 1))))
  (func (export "increment")
    (i64.store (i32.const 16) (i64.const 0))
    (if (i64.eq (call $storage_read (i64.const 1) (i64.const 0) (i64.const 0)) (i64.const 1))
      (then (call $read_register (i64.const 0) (i64.const 16))))
    (i64.store (i32.const 16) (i64.add (i64.load (i32.const 16)) (i64.const 1)))
    (drop (call $storage_write (i64.const 1) (i64.const 0) (i64.const 8) (i64.const 16) (i64.const 1)))
    (call $value_return (i64.const 8) (i64.const 16))))`;

/**
 * Balances under "b:" ++ account id. \`init\` mints to the caller; \`transfer\` takes
 * input = amount (u64 LE) ++ recipient account id, and panics on insufficient balance.
 * Memory: sender key at 64, recipient key at 256, balances at 16 and 24, input at 512.
 */
export const TOKEN_WAT = `(module ${NEAR_IMPORTS}
  (data (i32.const 0) "insufficient balance")
  (func $sender_key (result i64)
    (call $predecessor_account_id (i64.const 0))
    (i32.store16 (i32.const 64) (i32.const 0x3a62))
    (call $read_register (i64.const 0) (i64.const 66))
    (i64.add (call $register_len (i64.const 0)) (i64.const 2)))
  (func (export "init")
    (local $key_len i64)
    (local.set $key_len (call $sender_key))
    (i64.store (i32.const 16) (i64.const ${TOKEN.initialSupply}))
    (drop (call $storage_write (local.get $key_len) (i64.const 64) (i64.const 8) (i64.const 16) (i64.const 1))))
  (func (export "transfer")
    (local $from_len i64) (local $to_len i64) (local $amount i64) (local $balance i64)
    (local.set $from_len (call $sender_key))
    (call $input (i64.const 0))
    (call $read_register (i64.const 0) (i64.const 512))
    (local.set $amount (i64.load (i32.const 512)))
    (local.set $to_len (i64.sub (call $register_len (i64.const 0)) (i64.const 6)))
    (i32.store16 (i32.const 256) (i32.const 0x3a62))
    (memory.copy (i32.const 258) (i32.const 520) (i32.wrap_i64 (i64.sub (local.get $to_len) (i64.const 2))))
    (if (i64.eqz (call $storage_read (local.get $from_len) (i64.const 64) (i64.const 1)))
      (then (call $panic_utf8 (i64.const 20) (i64.const 0))))
    (call $read_register (i64.const 1) (i64.const 16))
    (local.set $balance (i64.load (i32.const 16)))
    (if (i64.lt_u (local.get $balance) (local.get $amount))
      (then (call $panic_utf8 (i64.const 20) (i64.const 0))))
    (i64.store (i32.const 24) (i64.const 0))
    (if (i64.eq (call $storage_read (local.get $to_len) (i64.const 256) (i64.const 1)) (i64.const 1))
      (then (call $read_register (i64.const 1) (i64.const 24))))
    (i64.store (i32.const 16) (i64.sub (local.get $balance) (local.get $amount)))
    (i64.store (i32.const 24) (i64.add (i64.load (i32.const 24)) (local.get $amount)))
    (drop (call $storage_write (local.get $from_len) (i64.const 64) (i64.const 8) (i64.const 16) (i64.const 1)))
    (drop (call $storage_write (local.get $to_len) (i64.const 256) (i64.const 8) (i64.const 24) (i64.const 1)))))`;

/** Key "s" ++ i (u64 LE) = i*i + 7 for every slot, then reads all back and returns the sum. */
export const storageWat = (slots: number): string => `(module ${NEAR_IMPORTS}
  (func (export "run")
    (local $i i64) (local $sum i64)
    (i32.store8 (i32.const 0) (i32.const 0x73))
    (loop $write
      (i64.store (i32.const 1) (local.get $i))
      (i64.store (i32.const 16) (i64.add (i64.mul (local.get $i) (local.get $i)) (i64.const 7)))
      (drop (call $storage_write (i64.const 9) (i64.const 0) (i64.const 8) (i64.const 16) (i64.const 1)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br_if $write (i64.lt_u (local.get $i) (i64.const ${slots}))))
    (local.set $i (i64.const 0))
    (loop $read
      (i64.store (i32.const 1) (local.get $i))
      (drop (call $storage_read (i64.const 9) (i64.const 0) (i64.const 0)))
      (call $read_register (i64.const 0) (i64.const 16))
      (local.set $sum (i64.add (local.get $sum) (i64.load (i32.const 16))))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br_if $read (i64.lt_u (local.get $i) (i64.const ${slots}))))
    (i64.store (i32.const 32) (local.get $sum))
    (call $value_return (i64.const 8) (i64.const 32))))`;

export const arithWat = (iterations: number): string => `(module ${NEAR_IMPORTS}
  ${arithFunc(iterations)}
  (func (export "run")
    (i64.store (i32.const 0) (call $arith))
    (call $value_return (i64.const 8) (i64.const 0))))`;

/** h starts as the 32 zero bytes at address 0; each round hashes it with the host's sha256. */
export const hashWat = (rounds: number): string => `(module ${NEAR_IMPORTS}
  (func (export "run")
    (local $i i32)
    (loop $round
      (call $sha256 (i64.const 32) (i64.const 0) (i64.const 0))
      (call $read_register (i64.const 0) (i64.const 0))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $round (i32.lt_u (local.get $i) (i32.const ${rounds}))))
    (call $value_return (i64.const 32) (i64.const 0))))`;

/** Returns checksum, min and max as three u64s. */
export const sortWat = (length: number): string => `(module ${NEAR_IMPORTS}
  ${sortFunc(length)}
  (func (export "run")
    (i64.store (i32.const 0) (call $sort))
    (i64.store (i32.const 8) (i64.load (i32.const ${SORT_MIN_AT})))
    (i64.store (i32.const 16) (i64.load (i32.const ${sortMaxAt(length)})))
    (call $value_return (i64.const 24) (i64.const 0))))`;

export const FIB_WAT = `(module ${NEAR_IMPORTS}
  ${FIB_FUNC}
  (func (export "run")
    (i64.store (i32.const 0) ${FIB_CALL})
    (call $value_return (i64.const 8) (i64.const 0))))`;
