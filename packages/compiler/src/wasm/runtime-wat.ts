/**
 * The runtime library every generated module carries, in WebAssembly text: argument JSON scanning
 * and integer parsing, result JSON writing, output buffers. Its cost is part of what the contract
 * pays in gas, as near-sdk's or cosmwasm-std's serde code is for a Rust contract.
 *
 * Memory layout (one linear memory; 4 pages at first, growing on demand):
 * - `SCRATCH` (16..47), `SCRATCH2` (48..79): a storage value; a value's bytes while hashing;
 * - 80..127: CosmWasm's Regions for host calls; `ACCOUNT_BUFFER` (128..191): an account id being
 *   parsed; 256..511: a human address (CosmWasm);
 * - `TMP_END` (1000): digits of a number are written backwards below it (≤ 78 digits);
 * - `KEY` (1024..4095): the storage key being built (`$kp` is its end);
 * - `DATA` (4096..65535): interned strings (argument names, storage prefixes, messages, constants);
 * - `INPUT` (64 KiB): the call's JSON (NEAR: `input`; CosmWasm: msg ‖ env ‖ info), at most 64 KiB;
 * - `OUT` (32 KiB): the JSON result being written;
 * - `LOG` (16 KiB): an `EVENT_JSON:` log line or error message (NEAR), the Response events (CosmWasm);
 * - `VALUE_TMP` (16 KiB): an event attribute's value being written (CosmWasm);
 * - `HEAP` (192 KiB..): bump-allocated memory objects (`memory-runtime.ts`), hash preimages at its top.
 */
import type { StringTable } from './strings.js';

export const SCRATCH = 16;
/** A second 32-byte buffer (a value's bytes while hashing). */
export const SCRATCH2 = 48;
export const ACCOUNT_BUFFER = 128;
export const TMP_END = 1000;
export const KEY = 1024;
export const KEY_CAPACITY = 3072;
export const DATA = 4096;
export const DATA_CAPACITY = 65536 - DATA;
export const INPUT = 65536;
export const INPUT_CAPACITY = 65536;
export const OUT = 131072;
export const OUT_CAPACITY = 32768;
export const LOG = OUT + OUT_CAPACITY;
export const LOG_CAPACITY = 16384;
/** A value's JSON while it is re-encoded as a string (CosmWasm event attributes). */
export const VALUE_TMP = LOG + LOG_CAPACITY;
export const VALUE_TMP_CAPACITY = 16384;
/** Bump-allocated memory objects (arrays, structs, strings, saved storage keys) from here up. */
export const HEAP = VALUE_TMP + VALUE_TMP_CAPACITY;
export const MEMORY_PAGES = 4;
/** Memory objects: a dynamic array, fixed array, string or bytes starts with its length (i64). */
export const HEADER = 8;

/**
 * `(call $panic …)` with an interned message, or `(call $revert …)` for a revert its caller
 * propagates (`Profile.errorResults`).
 */
export function panicCode(
  strings: StringTable,
  message: string,
  primitive: '$panic' | '$revert' = '$panic',
): string {
  const ref = strings.text(message);
  return `(call ${primitive} (i32.const ${ref.ptr}) (i32.const ${ref.len}))`;
}

/**
 * Helper functions shared by every profile. They reach the chain only through the profile's
 * primitives: `$panic(ptr, len)` (never returns), `$revert(ptr, len)` (see `Profile.errorResults`), `$st_read() → length or -1` / `$st_copy(dst)` / `$st_write(ptr,
 * len)` / `$st_remove()` on the key `KEY[0..$kp)`, and `$hash(algorithm, ptr, len, dst)`.
 */
export function runtimeFunctions(strings: StringTable, invalidArguments: string): string {
  const badArgs = strings.text(invalidArguments);
  const trueFalse = { t: strings.text('true').ptr, f: strings.text('false').ptr };
  return `
  (global $in_len (mut i32) (i32.const 0))
  (global $out (mut i32) (i32.const ${OUT}))
  (global $out_end (mut i32) (i32.const ${OUT + OUT_CAPACITY}))
  (global $neg (mut i32) (i32.const 0))

  (func $bad_args (call $panic (i32.const ${badArgs.ptr}) (i32.const ${badArgs.len})))

  ;; byte at absolute position p, 0 past the end of the input
  (func $byte (param $p i32) (result i32)
    (if (result i32) (i32.ge_u (local.get $p) (i32.add (i32.const ${INPUT}) (global.get $in_len)))
      (then (i32.const 0))
      (else (i32.load8_u (local.get $p)))))

  (func $is_ws (param $b i32) (result i32)
    (i32.or (i32.or (i32.eq (local.get $b) (i32.const 32)) (i32.eq (local.get $b) (i32.const 9)))
            (i32.or (i32.eq (local.get $b) (i32.const 10)) (i32.eq (local.get $b) (i32.const 13)))))

  (func $ws (param $p i32) (result i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (call $is_ws (call $byte (local.get $p)))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $next)))
    (local.get $p))

  ;; p at an opening quote → position after the closing quote (escapes skipped, not decoded)
  (func $skip_string (param $p i32) (result i32) (local $b i32)
    (local.set $p (i32.add (local.get $p) (i32.const 1)))
    (loop $next
      (local.set $b (call $byte (local.get $p)))
      (if (i32.eqz (local.get $b)) (then (call $bad_args)))
      (if (i32.eq (local.get $b) (i32.const 92))
        (then (local.set $p (i32.add (local.get $p) (i32.const 2))) (br $next)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $next (i32.ne (local.get $b) (i32.const 34))))
    (local.get $p))

  ;; p at a JSON value → position after it
  (func $skip_value (param $p i32) (result i32) (local $b i32) (local $depth i32)
    (loop $next
      (local.set $b (call $byte (local.get $p)))
      (if (i32.eqz (local.get $b)) (then (call $bad_args)))
      (if (i32.eq (local.get $b) (i32.const 34)) (then
        (local.set $p (call $skip_string (local.get $p)))
        (br_if $next (local.get $depth))
        (return (local.get $p))))
      (if (i32.or (i32.eq (local.get $b) (i32.const 123)) (i32.eq (local.get $b) (i32.const 91))) (then
        (local.set $depth (i32.add (local.get $depth) (i32.const 1)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $next)))
      (if (i32.or (i32.eq (local.get $b) (i32.const 125)) (i32.eq (local.get $b) (i32.const 93))) (then
        (if (i32.eqz (local.get $depth)) (then (return (local.get $p))))
        (local.set $depth (i32.sub (local.get $depth) (i32.const 1)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br_if $next (local.get $depth))
        (return (local.get $p))))
      (if (i32.eqz (local.get $depth)) (then
        (if (i32.or (i32.eq (local.get $b) (i32.const 44)) (call $is_ws (local.get $b)))
          (then (return (local.get $p))))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $next))
    (unreachable))

  (func $mem_eq (param $a i32) (param $b i32) (param $n i32) (result i32)
    (block $differ (loop $next
      (if (i32.eqz (local.get $n)) (then (return (i32.const 1))))
      (br_if $differ (i32.ne (i32.load8_u (local.get $a)) (i32.load8_u (local.get $b))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (i32.const 0))

  ;; the value of member "name" of the JSON object at p (a missing member is invalid arguments)
  (func $find_member (param $p i32) (param $name i32) (param $nlen i32) (result i32) (local $k i32) (local $klen i32)
    (if (i32.ne (call $byte (local.get $p)) (i32.const 123)) (then (call $bad_args)))
    (local.set $p (call $ws (i32.add (local.get $p) (i32.const 1))))
    (loop $next
      (if (i32.ne (call $byte (local.get $p)) (i32.const 34)) (then (call $bad_args)))
      (local.set $k (i32.add (local.get $p) (i32.const 1)))
      (local.set $p (call $skip_string (local.get $p)))
      (local.set $klen (i32.sub (i32.sub (local.get $p) (i32.const 1)) (local.get $k)))
      (local.set $p (call $ws (local.get $p)))
      (if (i32.ne (call $byte (local.get $p)) (i32.const 58)) (then (call $bad_args)))
      (local.set $p (call $ws (i32.add (local.get $p) (i32.const 1))))
      (if (i32.eq (local.get $klen) (local.get $nlen)) (then
        (if (call $mem_eq (local.get $k) (local.get $name) (local.get $nlen)) (then (return (local.get $p))))))
      (local.set $p (call $ws (call $skip_value (local.get $p))))
      (if (i32.eq (call $byte (local.get $p)) (i32.const 44)) (then
        (local.set $p (call $ws (i32.add (local.get $p) (i32.const 1))))
        (br $next))))
    (call $bad_args)
    (unreachable))

  ;; a JSON number or decimal string → magnitude (u64, checked), sign in $neg
  (func $parse_number (param $p i32) (result i64) (local $quoted i32) (local $v i64) (local $d i32) (local $n i32)
    (local.set $quoted (i32.eq (call $byte (local.get $p)) (i32.const 34)))
    (local.set $p (i32.add (local.get $p) (local.get $quoted)))
    (global.set $neg (i32.eq (call $byte (local.get $p)) (i32.const 45)))
    (local.set $p (i32.add (local.get $p) (global.get $neg)))
    (block $done (loop $next
      (local.set $d (i32.sub (call $byte (local.get $p)) (i32.const 48)))
      (br_if $done (i32.gt_u (local.get $d) (i32.const 9)))
      ;; v * 10 + d must stay ≤ 2^64 − 1 = 18446744073709551615
      (if (i64.gt_u (local.get $v) (i64.const 1844674407370955161)) (then (call $bad_args)))
      (if (i32.and (i64.eq (local.get $v) (i64.const 1844674407370955161)) (i32.gt_u (local.get $d) (i32.const 5)))
        (then (call $bad_args)))
      (local.set $v (i64.add (i64.mul (local.get $v) (i64.const 10)) (i64.extend_i32_u (local.get $d))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $next)))
    (if (i32.eqz (local.get $n)) (then (call $bad_args)))
    (if (local.get $quoted) (then
      (if (i32.ne (call $byte (local.get $p)) (i32.const 34)) (then (call $bad_args)))))
    (local.get $v))

  (func $arg_uint (param $p i32) (param $max i64) (result i64) (local $v i64)
    (local.set $v (call $parse_number (local.get $p)))
    (if (i32.and (global.get $neg) (i64.ne (local.get $v) (i64.const 0))) (then (call $bad_args)))
    (if (i64.gt_u (local.get $v) (local.get $max)) (then (call $bad_args)))
    (local.get $v))

  (func $arg_int (param $p i32) (param $min i64) (param $max i64) (result i64) (local $m i64) (local $v i64)
    (local.set $m (call $parse_number (local.get $p)))
    (if (global.get $neg)
      (then
        (if (i64.gt_u (local.get $m) (i64.const 0x8000000000000000)) (then (call $bad_args)))
        (local.set $v (i64.sub (i64.const 0) (local.get $m))))
      (else
        (if (i64.lt_s (local.get $m) (i64.const 0)) (then (call $bad_args)))
        (local.set $v (local.get $m))))
    (if (i32.or (i64.lt_s (local.get $v) (local.get $min)) (i64.gt_s (local.get $v) (local.get $max)))
      (then (call $bad_args)))
    (local.get $v))

  (func $arg_bool (param $p i32) (result i64)
    ;; "true" and "fals" read little-endian
    (if (i32.eq (i32.load (local.get $p)) (i32.const 0x65757274)) (then (return (i64.const 1))))
    (if (i32.and (i32.eq (i32.load (local.get $p)) (i32.const 0x736c6166))
                 (i32.eq (i32.load8_u (i32.add (local.get $p) (i32.const 4))) (i32.const 101)))
      (then (return (i64.const 0))))
    (call $bad_args)
    (unreachable))

  (func $w_byte (param $b i32)
    (if (i32.ge_u (global.get $out) (global.get $out_end)) (then ${panicCode(strings, 'output too long')}))
    (i32.store8 (global.get $out) (local.get $b))
    (global.set $out (i32.add (global.get $out) (i32.const 1))))

  (func $w_bytes (param $ptr i32) (param $len i32)
    (if (i32.gt_u (i32.add (global.get $out) (local.get $len)) (global.get $out_end))
      (then ${panicCode(strings, 'output too long')}))
    (memory.copy (global.get $out) (local.get $ptr) (local.get $len))
    (global.set $out (i32.add (global.get $out) (local.get $len))))

  (func $w_u64 (param $v i64) (local $p i32)
    (local.set $p (i32.const ${TMP_END}))
    (loop $next
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $next (i64.ne (local.get $v) (i64.const 0))))
    (call $w_bytes (local.get $p) (i32.sub (i32.const ${TMP_END}) (local.get $p))))

  (func $w_i64 (param $v i64)
    (if (i64.lt_s (local.get $v) (i64.const 0)) (then
      (call $w_byte (i32.const 45))
      (local.set $v (i64.sub (i64.const 0) (local.get $v)))))
    (call $w_u64 (local.get $v)))

  (func $w_bool (param $v i64)
    (if (i64.eqz (local.get $v))
      (then (call $w_bytes (i32.const ${trueFalse.f}) (i32.const 5)))
      (else (call $w_bytes (i32.const ${trueFalse.t}) (i32.const 4)))))

  ;; writes the next log line at LOG; $log_end emits it and points $out back at the result
  (global $out_saved (mut i32) (i32.const ${OUT}))
  (func $log_begin
    (global.set $out_saved (global.get $out))
    (global.set $out (i32.const ${LOG})) (global.set $out_end (i32.const ${LOG + LOG_CAPACITY})))
  (func $log_end
    (call $log_line (i32.const ${LOG}) (i32.sub (global.get $out) (i32.const ${LOG})))
    (global.set $out (global.get $out_saved)) (global.set $out_end (i32.const ${OUT + OUT_CAPACITY})))

  (func $log_revert
    (call $revert (i32.const ${LOG}) (i32.sub (global.get $out) (i32.const ${LOG}))))

`;
}
