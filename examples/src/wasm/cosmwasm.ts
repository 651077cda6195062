import { TOKEN } from '../spec.js';
import { arithFunc, FIB_CALL, FIB_FUNC, SORT_MIN_AT, sortFunc, sortMaxAt } from './kernels.js';

/**
 * The seven workloads as CosmWasm contracts in WebAssembly text: the CosmWasm ABI (Regions,
 * `allocate`, `instantiate`/`execute` taking JSON) on a bump allocator, with results returned as
 * `Response` attributes (decimal or hex strings), which the runtime turns into `key=value` logs.
 * CosmWasm has no hashing host function, so compute-hash carries its own SHA-256 (FIPS 180-4).
 */

/** A WAT string literal with every byte escaped, so any content is safe. */
function watBytes(bytes: Uint8Array): string {
  return `"${Array.from(bytes, (b) => `\\${b.toString(16).padStart(2, '0')}`).join('')}"`;
}
const text = (s: string) => new TextEncoder().encode(s);

const RESPONSE_HEAD = text('{"ok":{"messages":[],"attributes":[');
const RESPONSE_TAIL = text('],"events":[],"data":null}}');
const KEY_HEAD = text('{"key":"');
const VALUE_HEAD = text('","value":"');
const ATTR_TAIL = text('"}');
const HEX = text('0123456789abcdef');

/** Fixed memory: constants below 2048, SHA-256 work area 2048–3071, output at 8192, heap from 64 KiB. */
const PRELUDE = `
  (import "env" "db_read" (func $db_read (param i32) (result i32)))
  (import "env" "db_write" (func $db_write (param i32 i32)))
  (import "env" "abort" (func $abort (param i32)))
  (memory (export "memory") 4)
  (data (i32.const 1024) ${watBytes(RESPONSE_HEAD)})
  (data (i32.const 1100) ${watBytes(RESPONSE_TAIL)})
  (data (i32.const 1200) ${watBytes(KEY_HEAD)})
  (data (i32.const 1220) ${watBytes(VALUE_HEAD)})
  (data (i32.const 1240) ${watBytes(ATTR_TAIL)})
  (data (i32.const 1300) ${watBytes(HEX)})
  (global $heap (mut i32) (i32.const 65536))
  (global $out (mut i32) (i32.const 8192))
  (func (export "interface_version_8"))
  (func (export "deallocate") (param i32))
  ;; Region { offset, capacity, length } followed by its data, 8-byte aligned.
  (func $allocate (export "allocate") (param $size i32) (result i32)
    (local $r i32)
    (local.set $r (global.get $heap))
    (i32.store (local.get $r) (i32.add (local.get $r) (i32.const 12)))
    (i32.store offset=4 (local.get $r) (local.get $size))
    (i32.store offset=8 (local.get $r) (i32.const 0))
    (global.set $heap (i32.and (i32.add (i32.add (local.get $r) (i32.const 19)) (local.get $size)) (i32.const -8)))
    (local.get $r))
  (func $region (param $ptr i32) (param $len i32) (result i32)
    (local $r i32)
    (local.set $r (call $allocate (i32.const 0)))
    (i32.store (local.get $r) (local.get $ptr))
    (i32.store offset=4 (local.get $r) (local.get $len))
    (i32.store offset=8 (local.get $r) (local.get $len))
    (local.get $r))
  (func $data (param $region i32) (result i32) (i32.load (local.get $region)))
  (func $emit (param $src i32) (param $len i32)
    (memory.copy (global.get $out) (local.get $src) (local.get $len))
    (global.set $out (i32.add (global.get $out) (local.get $len))))
  (func $emit_byte (param $b i32)
    (i32.store8 (global.get $out) (local.get $b))
    (global.set $out (i32.add (global.get $out) (i32.const 1))))
  (func $emit_u64 (param $v i64)
    (local $p i32)
    (local.set $p (i32.const 4096))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $digit (i64.ne (local.get $v) (i64.const 0))))
    (call $emit (local.get $p) (i32.sub (i32.const 4096) (local.get $p))))
  (func $emit_hex (param $src i32) (param $len i32)
    (local $i i32) (local $b i32)
    (loop $byte
      (local.set $b (i32.load8_u (i32.add (local.get $src) (local.get $i))))
      (call $emit_byte (i32.load8_u offset=1300 (i32.shr_u (local.get $b) (i32.const 4))))
      (call $emit_byte (i32.load8_u offset=1300 (i32.and (local.get $b) (i32.const 15))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $byte (i32.lt_u (local.get $i) (local.get $len)))))
  (func $attr_head (param $key i32) (param $first i32)
    (if (i32.eqz (local.get $first)) (then (call $emit_byte (i32.const 44))))
    (call $emit (i32.const 1200) (i32.const ${KEY_HEAD.length}))
    (call $emit_byte (local.get $key))
    (call $emit (i32.const 1220) (i32.const ${VALUE_HEAD.length})))
  (func $attr_u64 (param $key i32) (param $first i32) (param $v i64)
    (call $attr_head (local.get $key) (local.get $first))
    (call $emit_u64 (local.get $v))
    (call $emit (i32.const 1240) (i32.const ${ATTR_TAIL.length})))
  (func $begin (call $emit (i32.const 1024) (i32.const ${RESPONSE_HEAD.length})))
  (func $finish (result i32)
    (call $emit (i32.const 1100) (i32.const ${RESPONSE_TAIL.length}))
    (call $region (i32.const 8192) (i32.sub (global.get $out) (i32.const 8192))))
  (func $empty_response (result i32) (call $begin) (call $finish))
  ;; u64 stored under a key: db_read, or 0 when absent.
  (func $read_u64 (param $key i32) (param $len i32) (result i64)
    (local $r i32)
    (local.set $r (call $db_read (call $region (local.get $key) (local.get $len))))
    (if (result i64) (local.get $r) (then (i64.load (call $data (local.get $r)))) (else (i64.const 0))))
  (func $write_u64 (param $key i32) (param $len i32) (param $v i64)
    (i64.store (i32.const 4200) (local.get $v))
    (call $db_write (call $region (local.get $key) (local.get $len)) (call $region (i32.const 4200) (i32.const 8))))`;

export const CW_COUNTER_WAT = `(module ${PRELUDE}
  (data (i32.const 1400) "c")
  (func (export "instantiate") (param i32 i32 i32) (result i32)
    (call $write_u64 (i32.const 1400) (i32.const 1) (i64.const 0))
    (call $empty_response))
  (func (export "execute") (param i32 i32 i32) (result i32)
    (local $v i64)
    (local.set $v (i64.add (call $read_u64 (i32.const 1400) (i32.const 1)) (i64.const 1)))
    (call $write_u64 (i32.const 1400) (i32.const 1) (local.get $v))
    (call $begin)
    (call $attr_u64 (i32.const 99) (i32.const 1) (local.get $v))
    (call $finish)))`;

/**
 * Balances under "b:" ++ bech32 address. The sender comes from \`info\` ({"sender":"…",…}); the
 * message is {"amount":"<decimal>","to":"<address>"} in that order.
 */
export const CW_TOKEN_WAT = `(module ${PRELUDE}
  (data (i32.const 1400) "insufficient balance")
  ;; Copies the JSON string starting at $src (up to its closing quote) after "b:" at $dst; returns the key length.
  (func $key (param $src i32) (param $dst i32) (result i32)
    (local $n i32)
    (i32.store16 (local.get $dst) (i32.const 0x3a62))
    (block $done
      (loop $copy
        (br_if $done (i32.eq (i32.load8_u (i32.add (local.get $src) (local.get $n))) (i32.const 34)))
        (i32.store8 (i32.add (i32.add (local.get $dst) (i32.const 2)) (local.get $n))
          (i32.load8_u (i32.add (local.get $src) (local.get $n))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $copy)))
    (i32.add (local.get $n) (i32.const 2)))
  (func (export "instantiate") (param $env i32) (param $info i32) (param $msg i32) (result i32)
    (local $len i32)
    (local.set $len (call $key (i32.add (call $data (local.get $info)) (i32.const 11)) (i32.const 5000)))
    (call $write_u64 (i32.const 5000) (local.get $len) (i64.const ${TOKEN.initialSupply}))
    (call $empty_response))
  (func (export "execute") (param $env i32) (param $info i32) (param $msg i32) (result i32)
    (local $p i32) (local $amount i64) (local $from i32) (local $to i32) (local $balance i64)
    (local.set $from (call $key (i32.add (call $data (local.get $info)) (i32.const 11)) (i32.const 5000)))
    ;; {"amount":" is 11 bytes; digits up to the quote; then ","to":" (8 bytes) and the address.
    (local.set $p (i32.add (call $data (local.get $msg)) (i32.const 11)))
    (block $digits_done
      (loop $digits
        (br_if $digits_done (i32.eq (i32.load8_u (local.get $p)) (i32.const 34)))
        (local.set $amount (i64.add (i64.mul (local.get $amount) (i64.const 10))
          (i64.extend_i32_u (i32.sub (i32.load8_u (local.get $p)) (i32.const 48)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $digits)))
    (local.set $to (call $key (i32.add (local.get $p) (i32.const 8)) (i32.const 5200)))
    (local.set $balance (call $read_u64 (i32.const 5000) (local.get $from)))
    (if (i64.lt_u (local.get $balance) (local.get $amount))
      (then (call $abort (call $region (i32.const 1400) (i32.const 20)))))
    (call $write_u64 (i32.const 5000) (local.get $from) (i64.sub (local.get $balance) (local.get $amount)))
    (call $write_u64 (i32.const 5200) (local.get $to)
      (i64.add (call $read_u64 (i32.const 5200) (local.get $to)) (local.get $amount)))
    (call $empty_response)))`;

/** The storage workload over `slots` keys. */
export const cwStorageWat = (slots: number): string => `(module ${PRELUDE}
  (func (export "instantiate") (param i32 i32 i32) (result i32) (call $empty_response))
  (func (export "execute") (param i32 i32 i32) (result i32)
    (local $i i64) (local $sum i64)
    (i32.store8 (i32.const 1400) (i32.const 0x73))
    (loop $write
      (i64.store (i32.const 1401) (local.get $i))
      (call $write_u64 (i32.const 1400) (i32.const 9) (i64.add (i64.mul (local.get $i) (local.get $i)) (i64.const 7)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br_if $write (i64.lt_u (local.get $i) (i64.const ${slots}))))
    (local.set $i (i64.const 0))
    (loop $read
      (i64.store (i32.const 1401) (local.get $i))
      (local.set $sum (i64.add (local.get $sum) (call $read_u64 (i32.const 1400) (i32.const 9))))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br_if $read (i64.lt_u (local.get $i) (i64.const ${slots}))))
    (call $begin)
    (call $attr_u64 (i32.const 115) (i32.const 1) (local.get $sum))
    (call $finish)))`;

export const cwArithWat = (iterations: number): string => `(module ${PRELUDE}
  ${arithFunc(iterations)}
  (func (export "instantiate") (param i32 i32 i32) (result i32) (call $empty_response))
  (func (export "execute") (param i32 i32 i32) (result i32)
    (call $begin)
    (call $attr_u64 (i32.const 120) (i32.const 1) (call $arith))
    (call $finish)))`;

/** SHA-256 round constants and initial hash (FIPS 180-4 §4.2.2, §5.3.3), from the primes' roots. */
function primes(n: number): number[] {
  const out: number[] = [];
  for (let k = 2; out.length < n; k++) if (out.every((p) => k % p !== 0)) out.push(k);
  return out;
}
const fraction32 = (x: number) => Math.floor((x - Math.floor(x)) * 2 ** 32) >>> 0;
const K = primes(64).map((p) => fraction32(Math.cbrt(p)));
const H0 = primes(8).map((p) => fraction32(Math.sqrt(p)));
const kBytes = new Uint8Array(256);
K.forEach((k, i) => {
  new DataView(kBytes.buffer).setUint32(i * 4, k, true);
});
const rotr = (x: string, n: number) => `(i32.rotr ${x} (i32.const ${n}))`;
const xor3 = (a: string, b: string, c: string) => `(i32.xor (i32.xor ${a} ${b}) ${c})`;
const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

/** One-block SHA-256 of the 32 bytes at 1536, written back there (block: 1536–1599, W: 2048, K: 2560). */
export const cwHashWat = (rounds: number): string => `(module ${PRELUDE}
  (data (i32.const 2560) ${watBytes(kBytes)})
  (data (i32.const 1568) "\\80")
  (data (i32.const 1598) "\\01")
  (func $bswap (param $x i32) (result i32)
    (i32.or (i32.rotl (i32.and (local.get $x) (i32.const 0xff00ff00)) (i32.const 8))
            (i32.rotr (i32.and (local.get $x) (i32.const 0x00ff00ff)) (i32.const 8))))
  (func $big_s0 (param $x i32) (result i32) ${xor3(rotr('(local.get $x)', 2), rotr('(local.get $x)', 13), rotr('(local.get $x)', 22))})
  (func $big_s1 (param $x i32) (result i32) ${xor3(rotr('(local.get $x)', 6), rotr('(local.get $x)', 11), rotr('(local.get $x)', 25))})
  (func $small_s0 (param $x i32) (result i32) ${xor3(rotr('(local.get $x)', 7), rotr('(local.get $x)', 18), '(i32.shr_u (local.get $x) (i32.const 3))')})
  (func $small_s1 (param $x i32) (result i32) ${xor3(rotr('(local.get $x)', 17), rotr('(local.get $x)', 19), '(i32.shr_u (local.get $x) (i32.const 10))')})
  (func $compress
    (local $i i32) (local $w i32) (local $t1 i32) (local $t2 i32)
    ${LETTERS.map((l) => `(local $${l} i32)`).join(' ')}
    (loop $load
      (i32.store offset=2048 (i32.shl (local.get $i) (i32.const 2))
        (call $bswap (i32.load offset=1536 (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $load (i32.lt_u (local.get $i) (i32.const 16))))
    (loop $expand
      (local.set $w (i32.shl (local.get $i) (i32.const 2)))
      (i32.store offset=2048 (local.get $w)
        (i32.add
          (i32.add (call $small_s1 (i32.load offset=2040 (local.get $w))) (i32.load offset=2020 (local.get $w)))
          (i32.add (call $small_s0 (i32.load offset=1988 (local.get $w))) (i32.load offset=1984 (local.get $w)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $expand (i32.lt_u (local.get $i) (i32.const 64))))
    ${LETTERS.map((l, i) => `(local.set $${l} (i32.const ${H0[i]}))`).join('\n    ')}
    (local.set $i (i32.const 0))
    (loop $round
      (local.set $w (i32.shl (local.get $i) (i32.const 2)))
      (local.set $t1 (i32.add
        (i32.add (local.get $h) (call $big_s1 (local.get $e)))
        (i32.add
          (i32.xor (i32.and (local.get $e) (local.get $f)) (i32.and (i32.xor (local.get $e) (i32.const -1)) (local.get $g)))
          (i32.add (i32.load offset=2560 (local.get $w)) (i32.load offset=2048 (local.get $w))))))
      (local.set $t2 (i32.add (call $big_s0 (local.get $a))
        ${xor3('(i32.and (local.get $a) (local.get $b))', '(i32.and (local.get $a) (local.get $c))', '(i32.and (local.get $b) (local.get $c))')}))
      (local.set $h (local.get $g))
      (local.set $g (local.get $f))
      (local.set $f (local.get $e))
      (local.set $e (i32.add (local.get $d) (local.get $t1)))
      (local.set $d (local.get $c))
      (local.set $c (local.get $b))
      (local.set $b (local.get $a))
      (local.set $a (i32.add (local.get $t1) (local.get $t2)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $round (i32.lt_u (local.get $i) (i32.const 64))))
    ${LETTERS.map((l, i) => `(i32.store offset=${1536 + i * 4} (i32.const 0) (call $bswap (i32.add (local.get $${l}) (i32.const ${H0[i]}))))`).join('\n    ')})
  (func (export "instantiate") (param i32 i32 i32) (result i32) (call $empty_response))
  (func (export "execute") (param i32 i32 i32) (result i32)
    (local $round i32)
    (loop $next
      (call $compress)
      (local.set $round (i32.add (local.get $round) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $round) (i32.const ${rounds}))))
    (call $begin)
    (call $attr_head (i32.const 104) (i32.const 1))
    (call $emit_hex (i32.const 1536) (i32.const 32))
    (call $emit (i32.const 1240) (i32.const ${ATTR_TAIL.length}))
    (call $finish)))`;

export const cwSortWat = (length: number): string => `(module ${PRELUDE}
  ${sortFunc(length)}
  (func (export "instantiate") (param i32 i32 i32) (result i32) (call $empty_response))
  (func (export "execute") (param i32 i32 i32) (result i32)
    (local $sum i64)
    (local.set $sum (call $sort))
    (call $begin)
    (call $attr_u64 (i32.const 115) (i32.const 1) (local.get $sum))
    (call $attr_u64 (i32.const 108) (i32.const 0) (i64.load (i32.const ${SORT_MIN_AT})))
    (call $attr_u64 (i32.const 104) (i32.const 0) (i64.load (i32.const ${sortMaxAt(length)})))
    (call $finish)))`;

export const CW_FIB_WAT = `(module ${PRELUDE}
  ${FIB_FUNC}
  (func (export "instantiate") (param i32 i32 i32) (result i32) (call $empty_response))
  (func (export "execute") (param i32 i32 i32) (result i32)
    (call $begin)
    (call $attr_u64 (i32.const 102) (i32.const 1) ${FIB_CALL})
    (call $finish)))`;
