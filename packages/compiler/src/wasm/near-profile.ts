/**
 * The NEAR profile: near-sdk's default conventions. One exported `() -> ()` method per public
 * function reading a JSON object of named arguments (`input` → register 0 → INPUT) and returning
 * JSON with `value_return`; `new` for the constructor (`#[init]`); `panic_utf8` for reverts;
 * NEP-297 `EVENT_JSON:` logs for events; storage through `storage_read`/`storage_write`/
 * `storage_remove`; `msg.sender` from `predecessor_account_id` (an implicit account id).
 *
 * Host imports and their signatures follow nearcore's `near-vm-runner/src/logic/logic.rs` (all
 * pointers and lengths are u64; register 0 is the only register used).
 */
import { UnsupportedError } from '@polyvm/core';
import type { IrContract, IrEvent, IrFunction } from '../ir/contract.js';
import { eventName, type JsonMember, objectMembers } from './function-compiler.js';
import { KECCAK256 } from './memory-runtime.js';
import type { Method, Profile } from './profile.js';
import { ACCOUNT_BUFFER, INPUT, INPUT_CAPACITY, KEY, OUT, panicCode } from './runtime-wat.js';
import type { StringTable } from './strings.js';

/** nearcore `max_memory_pages` (core/parameters/res/runtime_configs/parameters.yaml). */
export const NEAR_MAX_PAGES = 2048;
const NANOS_PER_SECOND = 1_000_000_000;
/** The `version` member of NEP-297 events (polyvm's event schema version). */
export const NEP297_VERSION = '1.0.0';

const key = `(i64.extend_i32_u (i32.sub (global.get $kp) (i32.const ${KEY}))) (i64.const ${KEY})`;
const L = [0, 1, 2, 3];
const params = (name: string) => L.map((i) => `(param $${name}${i} i64)`).join(' ');
const get = (name: string, i: number) => `(local.get $${name}${i})`;
const u64 = (name: string) => `(i64.extend_i32_u (local.get $${name}))`;

/** The init method deploy calls (near-sdk's `#[init]` convention is `new`). */
export const CONSTRUCTOR_METHOD = 'new';

export const nearProfile: Profile = {
  target: 'wasm',
  // near-sdk-macros' wrapper: `serde_json::from_slice(…).expect("Failed to deserialize input from JSON.")`
  // (near-sdk 5 appends serde's error text, which a generated parser cannot reproduce).
  invalidArguments: 'Failed to deserialize input from JSON.',
  fieldName: (name) => name,
  methodName(fn: IrFunction): string {
    if (fn.kind === 'constructor') return CONSTRUCTOR_METHOD;
    // The module exports its memory as `memory`: a method cannot take that name.
    if (fn.name === 'memory') throw new UnsupportedError('unsupported on wasm: a function named memory');
    return fn.name;
  },
  maxPages: NEAR_MAX_PAGES,
  errorResults: false,
  imports: () => `
  (import "env" "input" (func $input (param i64)))
  (import "env" "register_len" (func $register_len (param i64) (result i64)))
  (import "env" "read_register" (func $read_register (param i64 i64)))
  (import "env" "value_return" (func $value_return (param i64 i64)))
  (import "env" "panic_utf8" (func $panic_utf8 (param i64 i64)))
  (import "env" "log_utf8" (func $log_utf8 (param i64 i64)))
  (import "env" "block_height" (func $block_height (result i64)))
  (import "env" "keccak256" (func $keccak256 (param i64 i64 i64)))
  (import "env" "sha256" (func $sha256 (param i64 i64 i64)))
  (import "env" "predecessor_account_id" (func $predecessor_account_id (param i64)))
  (import "env" "block_timestamp" (func $block_timestamp (result i64)))
  (import "env" "storage_read" (func $storage_read (param i64 i64 i64) (result i64)))
  (import "env" "storage_write" (func $storage_write (param i64 i64 i64 i64 i64) (result i64)))
  (import "env" "storage_remove" (func $storage_remove (param i64 i64 i64) (result i64)))`,
  primitives: (strings: StringTable) => {
    const notImplicit = panicCode(strings, 'msg.sender: the predecessor is not an implicit account');
    return `
  (func $panic (param $ptr i32) (param $len i32)
    (call $panic_utf8 ${u64('len')} ${u64('ptr')})
    (unreachable))
  ;; a near-sdk contract panics on an error: the host discards the receipt's state changes
  (func $revert (param $ptr i32) (param $len i32) (call $panic (local.get $ptr) (local.get $len)))
  (func $st_read (result i64)
    (if (result i64) (i64.eq (call $storage_read ${key} (i64.const 0)) (i64.const 1))
      (then (call $register_len (i64.const 0)))
      (else (i64.const -1))))
  (func $st_copy (param $dst i32) (call $read_register (i64.const 0) ${u64('dst')}))
  (func $st_write (param $ptr i32) (param $len i32)
    (drop (call $storage_write ${key} ${u64('len')} ${u64('ptr')} (i64.const 0))))
  (func $st_remove (drop (call $storage_remove ${key} (i64.const 0))))
  (func $hash (param $algorithm i32) (param $ptr i32) (param $len i32) (param $dst i32)
    (if (i32.eq (local.get $algorithm) (i32.const ${KECCAK256}))
      (then (call $keccak256 ${u64('len')} ${u64('ptr')} (i64.const 0)))
      (else (call $sha256 ${u64('len')} ${u64('ptr')} (i64.const 0))))
    (call $read_register (i64.const 0) ${u64('dst')}))
  (func $block_number (result i64) (call $block_height))
  ;; block_timestamp is in nanoseconds
  (func $block_seconds (result i64) (i64.div_u (call $block_timestamp) (i64.const ${NANOS_PER_SECOND})))
  (func $log_line (param $ptr i32) (param $len i32) (call $log_utf8 ${u64('len')} ${u64('ptr')}))

  ;; msg.sender: the predecessor's implicit account id → its address (named accounts panic)
  (func $sender (local $len i64)
    (call $predecessor_account_id (i64.const 0))
    (local.set $len (call $register_len (i64.const 0)))
    (if (i64.ne (local.get $len) (i64.const 64)) (then ${notImplicit}))
    (call $read_register (i64.const 0) (i64.const ${ACCOUNT_BUFFER}))
    (if (i32.eqz (call $hex (i32.const ${ACCOUNT_BUFFER}) (i32.const 64))) (then ${notImplicit}))
    (if (i32.eqz (call $is_address)) (then ${notImplicit})))

  ;; a JSON string holding an implicit account id → the address in w
  (func $parse_account (param $p i32)
    (if (i32.ne (call $byte (local.get $p)) (i32.const 34)) (then (call $bad_args)))
    (if (i32.ne (call $byte (i32.add (local.get $p) (i32.const 65))) (i32.const 34)) (then (call $bad_args)))
    (if (i32.eqz (call $hex (i32.add (local.get $p) (i32.const 1)) (i32.const 64))) (then (call $bad_args)))
    (if (i32.eqz (call $is_address)) (then (call $bad_args))))

  (func $w_account ${params('a')}
    (call $w_byte (i32.const 34))
    (call $w_hex ${L.map((i) => get('a', i)).join(' ')} (i32.const 64))
    (call $w_byte (i32.const 34)))

  ;; input() → register 0 → INPUT; $args at its top-level object
  (func $load_input
    (call $input (i64.const 0))
    (global.set $in_len (i32.wrap_i64 (call $register_len (i64.const 0))))
    (if (i32.gt_u (global.get $in_len) (i32.const ${INPUT_CAPACITY})) (then (call $bad_args)))
    (call $read_register (i64.const 0) (i64.const ${INPUT}))
    (global.set $args (call $ws (i32.const ${INPUT}))))`;
  },
  emit(contract: IrContract, event: IrEvent, members: readonly JsonMember[], strings: StringTable): string {
    const head = strings.text(
      `EVENT_JSON:{"standard":${JSON.stringify(contract.name)},"version":"${NEP297_VERSION}","event":${JSON.stringify(eventName(contract, event))},"data":{`,
    );
    const tail = strings.text('}}');
    return `(call $log_begin) (call $w_bytes (i32.const ${head.ptr}) (i32.const ${head.len}))
      ${objectMembers(members, strings)} (call $w_bytes (i32.const ${tail.ptr}) (i32.const ${tail.len})) (call $log_end)`;
  },
  entries(_contract: IrContract, ctor: Method, methods: readonly Method[]): string {
    return [ctor, ...methods]
      .map((m) => {
        const load = m.fn.params.length > 0 ? '(call $load_input)' : '';
        const finish = m.returns
          ? `(call $value_return (i64.extend_i32_u (i32.sub (global.get $out) (i32.const ${OUT}))) (i64.const ${OUT}))`
          : '';
        return `(func (export "${m.name}") ${m.locals}\n${load}\n${m.body}\n${finish})`;
      })
      .join('\n');
  },
};
