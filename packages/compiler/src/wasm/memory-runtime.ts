/**
 * The runtime library's memory, storage-key, storage-value, string and hashing helpers, shared by
 * every profile (they reach the chain only through the profile primitives named in `runtime-wat.ts`).
 *
 * Memory objects live on a bump heap from `HEAP` up: `$alloc` never frees, as a contract instance
 * lives for one call (near-sdk contracts built with wee_alloc or Rust's default allocator pay
 * similarly little: nothing is freed back to the host either). Fresh memory is zero, so a new
 * object needs no clearing. `memory.grow` adds pages on demand; failing to grow is Panic(0x41),
 * solc's "too much memory" panic.
 *
 * Layouts: a string/bytes is its length (i64) then the bytes; an array (dynamic or fixed) is its
 * length (i64) then one 8-byte slot per element (32 bytes for integers wider than 64 bits; a
 * reference-typed element is a pointer); a struct is one such slot per field.
 */
import { HEAP, KEY, KEY_CAPACITY, panicCode, SCRATCH, SCRATCH2 } from './runtime-wat.js';
import type { StringTable } from './strings.js';

const L = [0, 1, 2, 3];
const params = (name: string) => L.map((i) => `(param $${name}${i} i64)`).join(' ');
const get = (name: string, i: number) => `(local.get $${name}${i})`;
const W = L.map((i) => `(global.get $w${i})`);
const setW = (values: readonly string[]) => values.map((v, i) => `(global.set $w${i} ${v})`).join(' ');

/** Keccak-256 and SHA-256 as the `algorithm` argument of the profile's `$hash`. */
export const KECCAK256 = 0;
export const SHA256 = 1;

export function memoryFunctions(strings: StringTable): string {
  const outOfMemory = panicCode(strings, 'Panic(0x41)');
  const keyTooLong = panicCode(strings, `storage key longer than ${KEY_CAPACITY} bytes`);
  const badArgs = '(call $bad_args)';
  return `
  (global $heap (mut i32) (i32.const ${HEAP}))
  (global $kp (mut i32) (i32.const ${KEY}))
  (global $hp (mut i32) (i32.const 0))

  ;; makes [0, end) addressable, growing memory by whole pages
  (func $reserve (param $end i32) (local $pages i32)
    (local.set $pages (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16)))
    (if (i32.gt_u (local.get $pages) (memory.size)) (then
      (if (i32.eq (memory.grow (i32.sub (local.get $pages) (memory.size))) (i32.const -1)) (then ${outOfMemory})))))

  ;; n bytes of fresh (zero) memory, 8-aligned
  (func $alloc (param $n i32) (result i32) (local $p i32) (local $end i32)
    (local.set $p (global.get $heap))
    (local.set $end (i32.and (i32.add (i32.add (local.get $p) (local.get $n)) (i32.const 7)) (i32.const -8)))
    (if (i32.or (i32.lt_u (local.get $end) (local.get $p)) (i32.gt_u (local.get $n) (i32.const 0x40000000)))
      (then ${outOfMemory}))
    (call $reserve (local.get $end))
    (global.set $heap (local.get $end))
    (local.get $p))

  ;; a memory array of n slots of size s (length set)
  (func $alloc_array (param $n i64) (param $s i32) (result i64) (local $p i32)
    (if (i64.gt_u (local.get $n) (i64.const 0x8000000)) (then ${outOfMemory}))
    (local.set $p (call $alloc (i32.add (i32.const 8) (i32.mul (i32.wrap_i64 (local.get $n)) (local.get $s)))))
    (i64.store (local.get $p) (local.get $n))
    (i64.extend_i32_u (local.get $p)))

  ;; a copy of n bytes at ptr as a string/bytes object
  (func $bytes_from (param $ptr i32) (param $n i32) (result i64) (local $p i32)
    (local.set $p (call $alloc (i32.add (local.get $n) (i32.const 8))))
    (i64.store (local.get $p) (i64.extend_i32_u (local.get $n)))
    (memory.copy (i32.add (local.get $p) (i32.const 8)) (local.get $ptr) (local.get $n))
    (i64.extend_i32_u (local.get $p)))

  (func $mload256 (param $a i32)
    ${setW(L.map((i) => `(i64.load offset=${8 * i} (local.get $a))`))})
  (func $mstore256 (param $a i32) ${params('x')}
    ${L.map((i) => `(i64.store offset=${8 * i} (local.get $a) ${get('x', i)})`).join(' ')})

  ;; the address of element i of the array at v (slot size s); Panic(0x32) out of bounds (a revert:
  ;; the caller checks $err when the profile returns errors)
  (func $element (param $v i64) (param $i i64) (param $s i32) (result i32) (local $p i32)
    (local.set $p (i32.wrap_i64 (local.get $v)))
    (if (i64.ge_u (local.get $i) (i64.load (local.get $p))) (then ${panicCode(strings, 'Panic(0x32)', '$revert')} (return (local.get $p))))
    (i32.add (i32.add (local.get $p) (i32.const 8)) (i32.mul (i32.wrap_i64 (local.get $i)) (local.get $s))))

  ;; the storage key KEY[0..$kp), built step by step
  (func $k_room (param $n i32)
    (if (i32.gt_u (i32.add (global.get $kp) (local.get $n)) (i32.const ${KEY + KEY_CAPACITY})) (then ${keyTooLong})))
  (func $k_reset (global.set $kp (i32.const ${KEY})))
  (func $k_bytes (param $ptr i32) (param $n i32)
    (call $k_room (local.get $n))
    (memory.copy (global.get $kp) (local.get $ptr) (local.get $n))
    (global.set $kp (i32.add (global.get $kp) (local.get $n))))
  (func $k_i64 (param $v i64)
    (call $k_room (i32.const 8))
    (i64.store (global.get $kp) (local.get $v))
    (global.set $kp (i32.add (global.get $kp) (i32.const 8))))
  (func $k_256 ${params('x')}
    (call $k_room (i32.const 32))
    (call $mstore256 (global.get $kp) ${L.map((i) => get('x', i)).join(' ')})
    (global.set $kp (i32.add (global.get $kp) (i32.const 32))))
  ;; a string/bytes key: its length (u32 little-endian, as Borsh) then its bytes
  (func $k_string (param $v i64) (local $p i32)
    (local.set $p (i32.wrap_i64 (local.get $v)))
    (call $k_room (i32.const 4))
    (i32.store (global.get $kp) (i32.wrap_i64 (i64.load (local.get $p))))
    (global.set $kp (i32.add (global.get $kp) (i32.const 4)))
    (call $k_bytes (i32.add (local.get $p) (i32.const 8)) (i32.wrap_i64 (i64.load (local.get $p)))))
  ;; a storage pointer: the key so far saved as a bytes object; $k_load starts a key from one
  (func $k_save (result i64)
    (call $bytes_from (i32.const ${KEY}) (i32.sub (global.get $kp) (i32.const ${KEY}))))
  (func $k_load (param $v i64)
    (global.set $kp (i32.const ${KEY}))
    (call $k_bytes (i32.add (i32.wrap_i64 (local.get $v)) (i32.const 8)) (i32.wrap_i64 (i64.load (i32.wrap_i64 (local.get $v))))))
  ;; appends "[" ‖ the 32-byte index i (an array element's key)
  (func $k_index (param $i i64)
    (call $k_room (i32.const 33))
    (i32.store8 (global.get $kp) (i32.const 91))
    (global.set $kp (i32.add (global.get $kp) (i32.const 1)))
    (call $k_256 (local.get $i) (i64.const 0) (i64.const 0) (i64.const 0)))

  ;; bytesN(b): the first n bytes of the bytes object v, right-padded with zeros → $w
  (func $bytes_to_fixed (param $v i64) (param $n i32) (local $p i32) (local $len i32)
    (local.set $p (i32.wrap_i64 (local.get $v)))
    (local.set $len (i32.wrap_i64 (i64.load (local.get $p))))
    (if (i32.gt_u (local.get $len) (local.get $n)) (then (local.set $len (local.get $n))))
    (memory.fill (i32.const ${SCRATCH2}) (i32.const 0) (i32.const 32))
    (memory.copy (i32.const ${SCRATCH2}) (i32.add (local.get $p) (i32.const 8)) (local.get $len))
    (call $be32 (i32.const ${SCRATCH2}))
    (call $shr256 ${W.join(' ')} (i64.extend_i32_u (i32.shl (i32.sub (i32.const 32) (local.get $n)) (i32.const 3))) (i32.const 0)))

  ;; a dynamic storage array at the current key grows by one; the key becomes the new element's
  (func $k_push (local $k i32) (local $n i64)
    (local.set $k (global.get $kp))
    (call $sload256) (local.set $n (global.get $w0))
    (call $sstore256 (i64.add (local.get $n) (i64.const 1)) (i64.const 0) (i64.const 0) (i64.const 0))
    (global.set $kp (local.get $k)) (call $k_index (local.get $n)))
  ;; … shrinks by one (Panic(0x31) when empty, a revert as in $element); the key becomes the removed element's
  (func $k_pop (local $k i32) (local $n i64)
    (local.set $k (global.get $kp))
    (call $sload256) (local.set $n (global.get $w0))
    (if (i64.eqz (local.get $n)) (then ${panicCode(strings, 'Panic(0x31)', '$revert')} (return)))
    (local.set $n (i64.sub (local.get $n) (i64.const 1)))
    (call $sstore256 (local.get $n) (i64.const 0) (i64.const 0) (i64.const 0))
    (global.set $kp (local.get $k)) (call $k_index (local.get $n)))

  ;; revert with a string object's bytes as the reason
  (func $revert_string (param $v i64)
    (call $revert (i32.add (i32.wrap_i64 (local.get $v)) (i32.const 8)) (i32.wrap_i64 (i64.load (i32.wrap_i64 (local.get $v))))))

  ;; storage values at the current key: 8 bytes (≤ 64-bit values) or 32 bytes little-endian; zero is absence
  (func $sload (result i64)
    (if (result i64) (i64.lt_s (call $st_read) (i64.const 0))
      (then (i64.const 0))
      (else (call $st_copy (i32.const ${SCRATCH})) (i64.load (i32.const ${SCRATCH})))))
  (func $sstore (param $v i64)
    (if (i64.eqz (local.get $v))
      (then (call $st_remove))
      (else (i64.store (i32.const ${SCRATCH}) (local.get $v)) (call $st_write (i32.const ${SCRATCH}) (i32.const 8)))))
  (func $sload256
    (if (i64.lt_s (call $st_read) (i64.const 0))
      (then ${setW(L.map(() => '(i64.const 0)'))})
      (else (call $st_copy (i32.const ${SCRATCH})) (call $mload256 (i32.const ${SCRATCH})))))
  (func $sstore256 ${params('x')}
    (if (i64.eqz (i64.or (i64.or ${get('x', 0)} ${get('x', 1)}) (i64.or ${get('x', 2)} ${get('x', 3)})))
      (then (call $st_remove))
      (else
        (call $mstore256 (i32.const ${SCRATCH}) ${L.map((i) => get('x', i)).join(' ')})
        (call $st_write (i32.const ${SCRATCH}) (i32.const 32)))))
  ;; string/bytes values: the raw bytes; empty is absence
  (func $sload_bytes (result i64) (local $n i64) (local $p i32)
    (local.set $n (call $st_read))
    (if (i64.lt_s (local.get $n) (i64.const 0)) (then (local.set $n (i64.const 0))))
    (local.set $p (call $alloc (i32.add (i32.wrap_i64 (local.get $n)) (i32.const 8))))
    (i64.store (local.get $p) (local.get $n))
    (if (i64.gt_s (local.get $n) (i64.const 0)) (then (call $st_copy (i32.add (local.get $p) (i32.const 8)))))
    (i64.extend_i32_u (local.get $p)))
  (func $sstore_bytes (param $v i64) (local $p i32)
    (local.set $p (i32.wrap_i64 (local.get $v)))
    (if (i64.eqz (i64.load (local.get $p)))
      (then (call $st_remove))
      (else (call $st_write (i32.add (local.get $p) (i32.const 8)) (i32.wrap_i64 (i64.load (local.get $p)))))))
  (func $slength_bytes (result i64) (local $n i64)
    (local.set $n (call $st_read))
    (if (result i64) (i64.lt_s (local.get $n) (i64.const 0)) (then (i64.const 0)) (else (local.get $n))))

  ;; a hash preimage is written at $hp from the top of the heap (nothing is allocated meanwhile)
  (func $h_begin (global.set $hp (global.get $heap)))
  (func $h_bytes (param $ptr i32) (param $n i32)
    (call $reserve (i32.add (global.get $hp) (local.get $n)))
    (memory.copy (global.get $hp) (local.get $ptr) (local.get $n))
    (global.set $hp (i32.add (global.get $hp) (local.get $n))))
  (func $h_string (param $v i64)
    (call $h_bytes (i32.add (i32.wrap_i64 (local.get $v)) (i32.const 8)) (i32.wrap_i64 (i64.load (i32.wrap_i64 (local.get $v))))))
  ;; zero bytes up to the next multiple of 32 after n bytes (abi.encode pads strings)
  (func $h_pad (param $n i64) (local $k i32)
    (local.set $k (i32.and (i32.sub (i32.const 0) (i32.wrap_i64 (local.get $n))) (i32.const 31)))
    (call $reserve (i32.add (global.get $hp) (local.get $k)))
    (memory.fill (global.get $hp) (i32.const 0) (local.get $k))
    (global.set $hp (i32.add (global.get $hp) (local.get $k))))
  ;; the low n bytes of the 256-bit x, big-endian
  (func $h_be ${params('x')} (param $n i32) (local $i i32)
    (call $mstore256 (i32.const ${SCRATCH2}) ${L.map((i) => get('x', i)).join(' ')})
    (call $reserve (i32.add (global.get $hp) (local.get $n)))
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (i32.store8 (global.get $hp) (i32.load8_u (i32.add (i32.const ${SCRATCH2}) (local.get $n))))
      (global.set $hp (i32.add (global.get $hp) (i32.const 1)))
      (br $next))))
  ;; hashes the preimage into $w (a bytes32: its 32 bytes big-endian)
  (func $h_end (param $algorithm i32)
    (call $hash (local.get $algorithm) (global.get $heap) (i32.sub (global.get $hp) (global.get $heap)) (i32.const ${SCRATCH}))
    (call $be32 (i32.const ${SCRATCH})))
  ;; 32 bytes big-endian at p → $w
  (func $be32 (param $p i32) (local $i i32) (local $b i64)
    ${setW(L.map(() => '(i64.const 0)'))}
    (loop $next
      (local.set $b (i64.load8_u (i32.add (local.get $p) (local.get $i))))
      ${[3, 2, 1].map((i) => `(global.set $w${i} (i64.or (i64.shl (global.get $w${i}) (i64.const 8)) (i64.shr_u (global.get $w${i - 1}) (i64.const 56))))`).join(' ')}
      (global.set $w0 (i64.or (i64.shl (global.get $w0) (i64.const 8)) (local.get $b)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (i32.const 32)))))

  ;; JSON strings: serde_json's escapes out (\\" \\\\ \\b \\t \\n \\f \\r, other controls \\u00XX)
  (func $hex_digit (param $d i32) (result i32)
    (i32.add (local.get $d) (select (i32.const 48) (i32.const 87) (i32.lt_u (local.get $d) (i32.const 10)))))
  (func $w_escape (param $b i32)
    (call $w_byte (i32.const 92))
    (if (i32.eq (local.get $b) (i32.const 8)) (then (call $w_byte (i32.const 98)) (return)))
    (if (i32.eq (local.get $b) (i32.const 9)) (then (call $w_byte (i32.const 116)) (return)))
    (if (i32.eq (local.get $b) (i32.const 10)) (then (call $w_byte (i32.const 110)) (return)))
    (if (i32.eq (local.get $b) (i32.const 12)) (then (call $w_byte (i32.const 102)) (return)))
    (if (i32.eq (local.get $b) (i32.const 13)) (then (call $w_byte (i32.const 114)) (return)))
    (call $w_byte (i32.const 117)) (call $w_byte (i32.const 48)) (call $w_byte (i32.const 48))
    (call $w_byte (call $hex_digit (i32.shr_u (local.get $b) (i32.const 4))))
    (call $w_byte (call $hex_digit (i32.and (local.get $b) (i32.const 15)))))
  (func $w_string (param $v i64)
    (call $w_escaped (i32.add (i32.wrap_i64 (local.get $v)) (i32.const 8)) (i32.wrap_i64 (i64.load (i32.wrap_i64 (local.get $v))))))
  ;; n bytes at p as a JSON string
  (func $w_escaped (param $p i32) (param $n i32) (local $end i32) (local $b i32)
    (local.set $end (i32.add (local.get $p) (local.get $n)))
    (call $w_byte (i32.const 34))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $b (i32.load8_u (local.get $p)))
      (if (i32.or (i32.eq (local.get $b) (i32.const 34)) (i32.eq (local.get $b) (i32.const 92)))
        (then (call $w_byte (i32.const 92)) (call $w_byte (local.get $b)))
        (else (if (i32.lt_u (local.get $b) (i32.const 32))
          (then (call $w_escape (local.get $b)))
          (else (call $w_byte (local.get $b))))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $next)))
    (call $w_byte (i32.const 34)))
  ;; bytes: "0x" ‖ lowercase hex
  (func $w_hex_bytes (param $v i64) (local $p i32) (local $end i32)
    (local.set $p (i32.add (i32.wrap_i64 (local.get $v)) (i32.const 8)))
    (local.set $end (i32.add (local.get $p) (i32.wrap_i64 (i64.load (i32.wrap_i64 (local.get $v))))))
    (call $w_byte (i32.const 34)) (call $w_byte (i32.const 48)) (call $w_byte (i32.const 120))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (call $w_byte (call $hex_digit (i32.shr_u (i32.load8_u (local.get $p)) (i32.const 4))))
      (call $w_byte (call $hex_digit (i32.and (i32.load8_u (local.get $p)) (i32.const 15))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $next)))
    (call $w_byte (i32.const 34)))

  ;; one hex digit (either case) → 0..15, or -1
  (func $hex_value (param $c i32) (result i32)
    (if (i32.le_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 9)) (then (return (i32.sub (local.get $c) (i32.const 48)))))
    (local.set $c (i32.or (local.get $c) (i32.const 32)))
    (if (i32.le_u (i32.sub (local.get $c) (i32.const 97)) (i32.const 5)) (then (return (i32.sub (local.get $c) (i32.const 87)))))
    (i32.const -1))
  (func $hex4 (param $p i32) (result i32) (local $i i32) (local $v i32) (local $d i32)
    (loop $next
      (local.set $d (call $hex_value (call $byte (i32.add (local.get $p) (local.get $i)))))
      (if (i32.lt_s (local.get $d) (i32.const 0)) (then ${badArgs}))
      (local.set $v (i32.or (i32.shl (local.get $v) (i32.const 4)) (local.get $d)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (i32.const 4))))
    (local.get $v))

  ;; a JSON string at p → a string object (escapes decoded, \\u as UTF-8, surrogate pairs joined)
  (func $r_string (param $p i32) (result i64) (local $end i32) (local $o i32) (local $q i32) (local $b i32) (local $c i32) (local $lo i32)
    (if (i32.ne (call $byte (local.get $p)) (i32.const 34)) (then ${badArgs}))
    (local.set $end (i32.sub (call $skip_string (local.get $p)) (i32.const 1)))
    (local.set $o (call $alloc (i32.add (i32.sub (local.get $end) (local.get $p)) (i32.const 8))))
    (local.set $q (i32.add (local.get $o) (i32.const 8)))
    (local.set $p (i32.add (local.get $p) (i32.const 1)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $b (i32.load8_u (local.get $p)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (if (i32.lt_u (local.get $b) (i32.const 32)) (then ${badArgs}))
      (if (i32.ne (local.get $b) (i32.const 92)) (then
        (i32.store8 (local.get $q) (local.get $b))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $next)))
      (local.set $b (i32.load8_u (local.get $p)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (local.set $c (i32.const -1))
      (if (i32.or (i32.eq (local.get $b) (i32.const 34)) (i32.or (i32.eq (local.get $b) (i32.const 92)) (i32.eq (local.get $b) (i32.const 47))))
        (then (local.set $c (local.get $b))))
      (if (i32.eq (local.get $b) (i32.const 98)) (then (local.set $c (i32.const 8))))
      (if (i32.eq (local.get $b) (i32.const 102)) (then (local.set $c (i32.const 12))))
      (if (i32.eq (local.get $b) (i32.const 110)) (then (local.set $c (i32.const 10))))
      (if (i32.eq (local.get $b) (i32.const 114)) (then (local.set $c (i32.const 13))))
      (if (i32.eq (local.get $b) (i32.const 116)) (then (local.set $c (i32.const 9))))
      (if (i32.eq (local.get $b) (i32.const 117)) (then
        (local.set $c (call $hex4 (local.get $p)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        ;; a high surrogate followed by \\uDC00–\\uDFFF is one code point
        (if (i32.and (i32.eq (i32.and (local.get $c) (i32.const 0xfc00)) (i32.const 0xd800))
              (i32.and (i32.eq (call $byte (local.get $p)) (i32.const 92)) (i32.eq (call $byte (i32.add (local.get $p) (i32.const 1))) (i32.const 117))))
          (then
            (local.set $lo (call $hex4 (i32.add (local.get $p) (i32.const 2))))
            (if (i32.eq (i32.and (local.get $lo) (i32.const 0xfc00)) (i32.const 0xdc00)) (then
              (local.set $c (i32.add (i32.const 0x10000)
                (i32.or (i32.shl (i32.and (local.get $c) (i32.const 0x3ff)) (i32.const 10)) (i32.and (local.get $lo) (i32.const 0x3ff)))))
              (local.set $p (i32.add (local.get $p) (i32.const 6)))))))
        (local.set $q (call $utf8 (local.get $q) (local.get $c)))
        (br $next)))
      (if (i32.lt_s (local.get $c) (i32.const 0)) (then ${badArgs}))
      (i32.store8 (local.get $q) (local.get $c))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (br $next)))
    (i64.store (local.get $o) (i64.extend_i32_u (i32.sub (local.get $q) (i32.add (local.get $o) (i32.const 8)))))
    (i64.extend_i32_u (local.get $o)))
  ;; code point c as UTF-8 at q → position after it
  (func $utf8 (param $q i32) (param $c i32) (result i32)
    (if (i32.lt_u (local.get $c) (i32.const 0x80)) (then
      (i32.store8 (local.get $q) (local.get $c))
      (return (i32.add (local.get $q) (i32.const 1)))))
    (if (i32.lt_u (local.get $c) (i32.const 0x800)) (then
      (i32.store8 (local.get $q) (i32.or (i32.const 0xc0) (i32.shr_u (local.get $c) (i32.const 6))))
      (i32.store8 offset=1 (local.get $q) (i32.or (i32.const 0x80) (i32.and (local.get $c) (i32.const 0x3f))))
      (return (i32.add (local.get $q) (i32.const 2)))))
    (if (i32.lt_u (local.get $c) (i32.const 0x10000)) (then
      (i32.store8 (local.get $q) (i32.or (i32.const 0xe0) (i32.shr_u (local.get $c) (i32.const 12))))
      (i32.store8 offset=1 (local.get $q) (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $c) (i32.const 6)) (i32.const 0x3f))))
      (i32.store8 offset=2 (local.get $q) (i32.or (i32.const 0x80) (i32.and (local.get $c) (i32.const 0x3f))))
      (return (i32.add (local.get $q) (i32.const 3)))))
    (i32.store8 (local.get $q) (i32.or (i32.const 0xf0) (i32.shr_u (local.get $c) (i32.const 18))))
    (i32.store8 offset=1 (local.get $q) (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $c) (i32.const 12)) (i32.const 0x3f))))
    (i32.store8 offset=2 (local.get $q) (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $c) (i32.const 6)) (i32.const 0x3f))))
    (i32.store8 offset=3 (local.get $q) (i32.or (i32.const 0x80) (i32.and (local.get $c) (i32.const 0x3f))))
    (i32.add (local.get $q) (i32.const 4)))

  ;; "0x" ‖ an even number of hex digits → a bytes object
  (func $r_hex_bytes (param $p i32) (result i64) (local $end i32) (local $n i32) (local $o i32) (local $i i32) (local $hi i32) (local $lo i32)
    (if (i32.ne (call $byte (local.get $p)) (i32.const 34)) (then ${badArgs}))
    (if (i32.ne (call $byte (i32.add (local.get $p) (i32.const 1))) (i32.const 48)) (then ${badArgs}))
    (if (i32.ne (call $byte (i32.add (local.get $p) (i32.const 2))) (i32.const 120)) (then ${badArgs}))
    (local.set $end (i32.sub (call $skip_string (local.get $p)) (i32.const 1)))
    (local.set $n (i32.sub (local.get $end) (i32.add (local.get $p) (i32.const 3))))
    (if (i32.and (local.get $n) (i32.const 1)) (then ${badArgs}))
    (local.set $n (i32.shr_u (local.get $n) (i32.const 1)))
    (local.set $o (call $alloc (i32.add (local.get $n) (i32.const 8))))
    (i64.store (local.get $o) (i64.extend_i32_u (local.get $n)))
    (local.set $p (i32.add (local.get $p) (i32.const 3)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $hi (call $hex_value (i32.load8_u (local.get $p))))
      (local.set $lo (call $hex_value (i32.load8_u offset=1 (local.get $p))))
      (if (i32.lt_s (i32.or (local.get $hi) (local.get $lo)) (i32.const 0)) (then ${badArgs}))
      (i32.store8 (i32.add (i32.add (local.get $o) (i32.const 8)) (local.get $i))
        (i32.or (i32.shl (local.get $hi) (i32.const 4)) (local.get $lo)))
      (local.set $p (i32.add (local.get $p) (i32.const 2)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (i64.extend_i32_u (local.get $o)))

  ;; elements of the JSON array at p (a bad array reverts as invalid arguments)
  (func $array_count (param $p i32) (result i64) (local $n i64)
    (if (i32.ne (call $byte (local.get $p)) (i32.const 91)) (then ${badArgs}))
    (local.set $p (call $ws (i32.add (local.get $p) (i32.const 1))))
    (if (i32.eq (call $byte (local.get $p)) (i32.const 93)) (then (return (i64.const 0))))
    (loop $next
      (local.set $p (call $ws (call $skip_value (local.get $p))))
      (local.set $n (i64.add (local.get $n) (i64.const 1)))
      (if (i32.eq (call $byte (local.get $p)) (i32.const 44)) (then
        (local.set $p (call $ws (i32.add (local.get $p) (i32.const 1))))
        (br $next))))
    (if (i32.ne (call $byte (local.get $p)) (i32.const 93)) (then ${badArgs}))
    (local.get $n))
  ;; the position of the next element after the one at p
  (func $array_next (param $p i32) (result i32)
    (local.set $p (call $ws (call $skip_value (local.get $p))))
    (if (result i32) (i32.eq (call $byte (local.get $p)) (i32.const 44))
      (then (call $ws (i32.add (local.get $p) (i32.const 1))))
      (else (local.get $p))))
`;
}
