/**
 * The CosmWasm profile: cosmwasm-std's conventions (CosmWasm/cosmwasm packages/std, fact sheet §3).
 * - Exports `interface_version_8`, `allocate`/`deallocate` (Regions on the bump heap; nothing is
 *   freed), `instantiate(env, info, msg)`, `execute(env, info, msg)` and `query(env, msg)`, every
 *   value a Region `{offset, capacity, length}` of JSON.
 * - `instantiate` takes the constructor's parameters as the InstantiateMsg object; `execute` takes
 *   `{"<snake_case function>": {<snake_case params>}}` (an ExecuteMsg enum variant per
 *   state-changing function), `query` the same for view/pure functions (QueryMsg).
 * - Results: execute/instantiate return `{"ok": Response}` with the function's JSON result as
 *   base64 `data` and one event per `emit` (type = event name, one attribute per argument whose
 *   value is the argument's JSON text, a JSON string as is); query returns `{"ok": "<base64 JSON>"}`.
 * - A revert is an `Err` result, as a Rust contract's `?` makes it: `$revert` records the reason and
 *   sets the pending-error flag `$err`, each compiled function returns at once and every call site
 *   checks the flag after the call (`Profile.errorResults`), and the entry point returns
 *   `{"error":"<reason>"}` (cosmwasm-std's `ContractResult::Err`; wasmd discards the state changes).
 *   An unknown message variant is an `Err` too. Failures inside the rest of the runtime library
 *   (malformed arguments, memory exhausted, over-long keys or output) still call `abort`: the host
 *   fails the transaction with the reason and discards its state just the same.
 * - Storage through `db_read`/`db_write`/`db_remove`; keccak256/sha256 run in the module (the host
 *   has no hash imports); addresses are bech32 strings in JSON, converted with
 *   `addr_canonicalize`/`addr_humanize` (a 32-byte canonical address is 12 zero bytes ‖ the
 *   Solidity address, as on NEAR); `msg.sender` is `info.sender`; block height and time from `env`.
 */
import { UnsupportedError } from '@polyvm/core';
import type { IrContract, IrEvent, IrFunction } from '../ir/contract.js';
import { cryptoFunctions } from './crypto-wat.js';
import { eventName, type JsonMember } from './function-compiler.js';
import { KECCAK256 } from './memory-runtime.js';
import type { Method, Profile } from './profile.js';
import {
  ACCOUNT_BUFFER,
  INPUT,
  INPUT_CAPACITY,
  KEY,
  LOG,
  LOG_CAPACITY,
  OUT,
  OUT_CAPACITY,
  panicCode,
  VALUE_TMP,
  VALUE_TMP_CAPACITY,
} from './runtime-wat.js';
import type { StringTable } from './strings.js';

/** cosmwasm-vm's memory limit as polyvm's profile caps it (512 pages, `gas/cosmwasm.ts`). */
export const COSMWASM_MAX_PAGES = 512;
const NANOS_PER_SECOND = 1_000_000_000;
/** Three Regions used to pass keys, values and addresses to the host. */
const REGION_A = 80;
const REGION_B = 96;
/** A human address returned by `addr_humanize` (cosmwasm-vm reads at most 256 bytes of one). */
const HUMAN_BUFFER = 256;
const HUMAN_CAPACITY = 256;

/** serde's `rename_all = "snake_case"` of a Rust name: `_` before every upper-case letter but the first. */
export function snakeCase(name: string): string {
  return [...name]
    .map((c, i) => (c >= 'A' && c <= 'Z' ? `${i > 0 ? '_' : ''}${c.toLowerCase()}` : c))
    .join('');
}

const L = [0, 1, 2, 3];
const params = (name: string) => L.map((i) => `(param $${name}${i} i64)`).join(' ');
const get = (name: string, i: number) => `(local.get $${name}${i})`;
const keyRegion = `(call $region (i32.const ${REGION_A}) (i32.const ${KEY}) (i32.sub (global.get $kp) (i32.const ${KEY})))`;

export const cosmwasmProfile: Profile = {
  target: 'cosmwasm',
  maxPages: COSMWASM_MAX_PAGES,
  errorResults: true,
  // cosmwasm-std's `StdError::ParseErr` ("Error parsing into type {target}: {msg}") without serde's text.
  invalidArguments: 'Error parsing into type Msg',
  fieldName: snakeCase,
  methodName(fn: IrFunction): string {
    if (fn.kind === 'constructor') return 'instantiate';
    // A Rust variant is PascalCase; serde writes it snake_case.
    return snakeCase(fn.name.charAt(0).toUpperCase() + fn.name.slice(1));
  },
  imports: () => `
  (import "env" "db_read" (func $db_read (param i32) (result i32)))
  (import "env" "db_write" (func $db_write (param i32 i32)))
  (import "env" "db_remove" (func $db_remove (param i32)))
  (import "env" "addr_canonicalize" (func $addr_canonicalize (param i32 i32) (result i32)))
  (import "env" "addr_humanize" (func $addr_humanize (param i32 i32) (result i32)))
  (import "env" "abort" (func $abort (param i32)))`,
  primitives: (strings: StringTable) => `
  (global $st_ptr (mut i32) (i32.const 0))
  (global $st_len (mut i32) (i32.const 0))
  (global $env (mut i32) (i32.const 0))
  (global $info (mut i32) (i32.const 0))
  (global $events (mut i32) (i32.const 0))
  (global $event_at (mut i32) (i32.const 0))

  ;; a Region at r describing [ptr, ptr + len)
  (func $region (param $r i32) (param $ptr i32) (param $len i32) (result i32)
    (i32.store (local.get $r) (local.get $ptr))
    (i32.store offset=4 (local.get $r) (local.get $len))
    (i32.store offset=8 (local.get $r) (local.get $len))
    (local.get $r))
  (func $panic (param $ptr i32) (param $len i32)
    (call $abort (call $region (i32.const ${REGION_A}) (local.get $ptr) (local.get $len)))
    (unreachable))
  ;; a revert: the reason is kept until the entry point writes the Err result (nothing runs between)
  (global $err (mut i32) (i32.const 0))
  (global $err_ptr (mut i32) (i32.const 0))
  (global $err_len (mut i32) (i32.const 0))
  (func $revert (param $ptr i32) (param $len i32)
    (global.set $err_ptr (local.get $ptr))
    (global.set $err_len (local.get $len))
    (global.set $err (i32.const 1)))
  (func $st_read (result i64) (local $r i32)
    (local.set $r (call $db_read ${keyRegion}))
    (if (i32.eqz (local.get $r)) (then (return (i64.const -1))))
    (global.set $st_ptr (i32.load (local.get $r)))
    (global.set $st_len (i32.load offset=8 (local.get $r)))
    (i64.extend_i32_u (global.get $st_len)))
  (func $st_copy (param $dst i32) (memory.copy (local.get $dst) (global.get $st_ptr) (global.get $st_len)))
  (func $st_write (param $ptr i32) (param $len i32)
    (call $db_write ${keyRegion} (call $region (i32.const ${REGION_B}) (local.get $ptr) (local.get $len))))
  (func $st_remove (call $db_remove ${keyRegion}))
  (func $hash (param $algorithm i32) (param $ptr i32) (param $len i32) (param $dst i32)
    (if (i32.eq (local.get $algorithm) (i32.const ${KECCAK256}))
      (then (call $keccak256 (local.get $ptr) (local.get $len) (local.get $dst)))
      (else (call $sha256_ (local.get $ptr) (local.get $len) (local.get $dst)))))
  ${cryptoFunctions(strings)}
  ;; env.block.height; env.block.time (nanoseconds, a decimal string) in seconds
  (func $env_block (result i32)
    (call $find_member (global.get $env) ${text(strings, 'block')}))
  (func $block_number (result i64)
    (call $parse_number (call $find_member (call $env_block) ${text(strings, 'height')})))
  (func $block_seconds (result i64)
    (i64.div_u (call $parse_number (call $find_member (call $env_block) ${text(strings, 'time')})) (i64.const ${NANOS_PER_SECOND})))
  ;; NEP-297-style log lines are not used on CosmWasm (events go into the Response)
  (func $log_line (param $ptr i32) (param $len i32))
  (func $sender (call $parse_account (call $find_member (global.get $info) ${text(strings, 'sender')})))

  ;; a bech32 address string at p → the address in w (addr_canonicalize; 20-byte canonical
  ;; addresses as they are, 32-byte ones must be 12 zero bytes ‖ the address)
  (func $parse_account (param $p i32) (local $end i32) (local $n i32)
    (if (i32.ne (call $byte (local.get $p)) (i32.const 34)) (then (call $bad_args)))
    (local.set $end (i32.sub (call $skip_string (local.get $p)) (i32.const 1)))
    (call $region (i32.const ${REGION_B}) (i32.const ${ACCOUNT_BUFFER}) (i32.const 64)) (drop)
    (i32.store offset=8 (i32.const ${REGION_B}) (i32.const 0))
    (if (call $addr_canonicalize
          (call $region (i32.const ${REGION_A}) (i32.add (local.get $p) (i32.const 1)) (i32.sub (local.get $end) (i32.add (local.get $p) (i32.const 1))))
          (i32.const ${REGION_B}))
      (then (call $bad_args)))
    (local.set $n (i32.load offset=8 (i32.const ${REGION_B})))
    (if (i32.eq (local.get $n) (i32.const 20)) (then
      (memory.copy (i32.const ${ACCOUNT_BUFFER + 12}) (i32.const ${ACCOUNT_BUFFER}) (i32.const 20))
      (memory.fill (i32.const ${ACCOUNT_BUFFER}) (i32.const 0) (i32.const 12))
      (local.set $n (i32.const 32))))
    (if (i32.ne (local.get $n) (i32.const 32)) (then (call $bad_args)))
    (call $be32 (i32.const ${ACCOUNT_BUFFER}))
    (if (i32.eqz (call $is_address)) (then (call $bad_args))))

  ;; the address a as its bech32 string (addr_humanize of 12 zero bytes ‖ the address)
  (func $w_account ${params('a')}
    (call $h_begin) (call $h_be ${L.map((i) => get('a', i)).join(' ')} (i32.const 32))
    (call $region (i32.const ${REGION_B}) (i32.const ${HUMAN_BUFFER}) (i32.const ${HUMAN_CAPACITY})) (drop)
    (i32.store offset=8 (i32.const ${REGION_B}) (i32.const 0))
    (if (call $addr_humanize (call $region (i32.const ${REGION_A}) (global.get $heap) (i32.const 32)) (i32.const ${REGION_B}))
      (then ${panicCode(strings, 'addr_humanize failed')}))
    (call $w_byte (i32.const 34))
    (call $w_bytes (i32.const ${HUMAN_BUFFER}) (i32.load offset=8 (i32.const ${REGION_B})))
    (call $w_byte (i32.const 34)))

  ;; events: Response events accumulate at LOG; an attribute value is first written at VALUE_TMP
  (func $event_begin
    (global.set $out_saved (global.get $out))
    (global.set $out (i32.add (i32.const ${LOG}) (global.get $events)))
    (global.set $out_end (i32.const ${LOG + LOG_CAPACITY}))
    (if (global.get $events) (then (call $w_byte (i32.const 44)))))
  (func $event_end
    (global.set $events (i32.sub (global.get $out) (i32.const ${LOG})))
    (global.set $out (global.get $out_saved))
    (global.set $out_end (i32.const ${OUT + OUT_CAPACITY})))
  (func $value_begin
    (global.set $event_at (global.get $out))
    (global.set $out (i32.const ${VALUE_TMP}))
    (global.set $out_end (i32.const ${VALUE_TMP + VALUE_TMP_CAPACITY})))
  ;; the value's JSON as the attribute's string: a JSON string as it is, anything else quoted
  (func $value_end (local $n i32)
    (local.set $n (i32.sub (global.get $out) (i32.const ${VALUE_TMP})))
    (global.set $out (global.get $event_at))
    (global.set $out_end (i32.const ${LOG + LOG_CAPACITY}))
    (if (i32.eq (i32.load8_u (i32.const ${VALUE_TMP})) (i32.const 34))
      (then (call $w_bytes (i32.const ${VALUE_TMP}) (local.get $n)))
      (else (call $w_escaped (i32.const ${VALUE_TMP}) (local.get $n)))))

  ;; standard base64 (with padding) of n bytes at p
  (func $w_base64 (param $p i32) (param $n i32) (local $end i32) (local $x i32) (local $i i32)
    (local.set $end (i32.add (local.get $p) (local.get $n)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $x (i32.shl (i32.load8_u (local.get $p)) (i32.const 16)))
      (if (i32.lt_u (i32.add (local.get $p) (i32.const 1)) (local.get $end))
        (then (local.set $x (i32.or (local.get $x) (i32.shl (i32.load8_u offset=1 (local.get $p)) (i32.const 8))))))
      (if (i32.lt_u (i32.add (local.get $p) (i32.const 2)) (local.get $end))
        (then (local.set $x (i32.or (local.get $x) (i32.load8_u offset=2 (local.get $p))))))
      (local.set $i (i32.const 0))
      (loop $digit
        (if (i32.le_u (i32.add (local.get $p) (local.get $i)) (local.get $end))
          (then (call $w_byte (call $b64 (i32.and (i32.shr_u (local.get $x) (i32.sub (i32.const 18) (i32.mul (local.get $i) (i32.const 6)))) (i32.const 63)))))
          (else (call $w_byte (i32.const 61))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $digit (i32.lt_u (local.get $i) (i32.const 4))))
      (local.set $p (i32.add (local.get $p) (i32.const 3)))
      (br $next))))
  (func $b64 (param $d i32) (result i32)
    (if (i32.lt_u (local.get $d) (i32.const 26)) (then (return (i32.add (local.get $d) (i32.const 65)))))
    (if (i32.lt_u (local.get $d) (i32.const 52)) (then (return (i32.add (local.get $d) (i32.const 71)))))
    (if (i32.lt_u (local.get $d) (i32.const 62)) (then (return (i32.sub (local.get $d) (i32.const 4)))))
    (select (i32.const 43) (i32.const 47) (i32.eq (local.get $d) (i32.const 62))))

  ;; copies a Region's bytes to the end of INPUT (JSON is read from there) → position of its value
  (func $take (param $r i32) (result i32) (local $n i32) (local $p i32)
    (local.set $n (i32.load offset=8 (local.get $r)))
    (local.set $p (i32.add (i32.const ${INPUT}) (global.get $in_len)))
    (if (i32.gt_u (i32.add (i32.add (global.get $in_len) (local.get $n)) (i32.const 1)) (i32.const ${INPUT_CAPACITY}))
      (then (call $bad_args)))
    (memory.copy (local.get $p) (i32.load (local.get $r)) (local.get $n))
    (i32.store8 (i32.add (local.get $p) (local.get $n)) (i32.const 32))
    (global.set $in_len (i32.add (i32.add (global.get $in_len) (local.get $n)) (i32.const 1)))
    (call $ws (local.get $p)))
  ;; msg {"variant": value}: compares the variant's name; $args becomes the value's position
  (func $variant (param $name i32) (param $len i32) (result i32) (local $p i32) (local $k i32)
    (local.set $p (global.get $message))
    (if (i32.ne (call $byte (local.get $p)) (i32.const 123)) (then (call $bad_args)))
    (local.set $p (call $ws (i32.add (local.get $p) (i32.const 1))))
    (if (i32.ne (call $byte (local.get $p)) (i32.const 34)) (then (call $bad_args)))
    (local.set $k (i32.add (local.get $p) (i32.const 1)))
    (local.set $p (call $skip_string (local.get $p)))
    (if (i32.ne (i32.sub (i32.sub (local.get $p) (i32.const 1)) (local.get $k)) (local.get $len)) (then (return (i32.const 0))))
    (if (i32.eqz (call $mem_eq (local.get $k) (local.get $name) (local.get $len))) (then (return (i32.const 0))))
    (local.set $p (call $ws (local.get $p)))
    (if (i32.ne (call $byte (local.get $p)) (i32.const 58)) (then (call $bad_args)))
    (global.set $args (call $ws (i32.add (local.get $p) (i32.const 1))))
    (i32.const 1))
  (global $message (mut i32) (i32.const 0))
  ;; a Region holding [start, $out)
  (func $result_region (param $start i32) (result i32)
    (call $region (call $alloc (i32.const 12)) (local.get $start) (i32.sub (global.get $out) (local.get $start))))
  ;; {"ok":{"messages":[],"attributes":[],"events":[…],"data":"<base64 of the result>"|null}}
  (func $response (param $returns i32) (result i32) (local $n i32) (local $start i32)
    (local.set $n (i32.sub (global.get $out) (i32.const ${OUT})))
    (local.set $start (call $alloc (i32.add (i32.add (i32.mul (i32.div_u (i32.add (local.get $n) (i32.const 2)) (i32.const 3)) (i32.const 4)) (global.get $events)) (i32.const 96))))
    (global.set $out (local.get $start))
    (global.set $out_end (global.get $heap))
    (call $w_bytes ${text(strings, '{"ok":{"messages":[],"attributes":[],"events":[')})
    (call $w_bytes (i32.const ${LOG}) (global.get $events))
    (call $w_bytes ${text(strings, '],"data":')})
    (if (local.get $returns)
      (then (call $w_byte (i32.const 34)) (call $w_base64 (i32.const ${OUT}) (local.get $n)) (call $w_byte (i32.const 34)))
      (else (call $w_bytes ${text(strings, 'null')})))
    (call $w_bytes ${text(strings, '}}')})
    (call $result_region (local.get $start)))
  ;; {"error":"<the revert reason, JSON-escaped>"} (an escaped byte takes at most 6)
  (func $error_result (result i32) (local $start i32)
    (local.set $start (call $alloc (i32.add (i32.mul (global.get $err_len) (i32.const 6)) (i32.const 16))))
    (global.set $out (local.get $start))
    (global.set $out_end (global.get $heap))
    (call $w_bytes ${text(strings, '{"error":')})
    (call $w_escaped (global.get $err_ptr) (global.get $err_len))
    (call $w_byte (i32.const 125))
    (call $result_region (local.get $start)))
  ;; {"ok":"<base64 of the result>"}
  (func $query_response (result i32) (local $n i32) (local $start i32)
    (local.set $n (i32.sub (global.get $out) (i32.const ${OUT})))
    (local.set $start (call $alloc (i32.add (i32.mul (i32.div_u (i32.add (local.get $n) (i32.const 2)) (i32.const 3)) (i32.const 4)) (i32.const 16))))
    (global.set $out (local.get $start))
    (global.set $out_end (global.get $heap))
    (call $w_bytes ${text(strings, '{"ok":"')})
    (call $w_base64 (i32.const ${OUT}) (local.get $n))
    (call $w_bytes ${text(strings, '"}')})
    (call $result_region (local.get $start)))`,
  emit(_contract: IrContract, event: IrEvent, members: readonly JsonMember[], strings: StringTable): string {
    const head = `{"type":${JSON.stringify(eventName(_contract, event))},"attributes":[`;
    const attributes = members.map(
      (m, i) =>
        `(call $w_bytes ${text(strings, `${i > 0 ? ',' : ''}{"key":${JSON.stringify(m.key)},"value":`)})
         (call $value_begin) ${m.value} (call $value_end) (call $w_byte (i32.const 125))`,
    );
    return `(call $event_begin) (call $w_bytes ${text(strings, head)}) ${attributes.join('\n')}
      (call $w_bytes ${text(strings, ']}')}) (call $event_end)`;
  },
  entries(_contract: IrContract, ctor: Method, methods: readonly Method[], strings: StringTable): string {
    const names = new Map<string, Method>();
    for (const m of methods) {
      const clash = names.get(m.name);
      if (clash !== undefined) {
        throw new UnsupportedError(
          `unsupported on cosmwasm: ${clash.fn.signature} and ${m.fn.signature} are both the message variant ${m.name}`,
        );
      }
      names.set(m.name, m);
    }
    const dispatch = (list: readonly Method[], respond: (m: Method) => string) =>
      list
        .map((m) => `(if (call $variant ${text(strings, m.name)}) (then ${m.body} (return ${respond(m)})))`)
        .join('\n');
    const locals = [
      ...new Set(
        [ctor, ...methods].flatMap((m) =>
          m.locals
            .split(/(?=\(local )/)
            .map((l) => l.trim())
            .filter((l) => l !== ''),
        ),
      ),
    ].join(' ');
    const unknown = `(call $revert ${text(strings, 'unknown message variant')}) (call $error_result)`;
    return `
  (func (export "interface_version_8"))
  (func (export "allocate") (param $size i32) (result i32) (local $r i32)
    (local.set $r (call $alloc (i32.const 12)))
    (i32.store (local.get $r) (call $alloc (local.get $size)))
    (i32.store offset=4 (local.get $r) (local.get $size))
    (i32.store offset=8 (local.get $r) (i32.const 0))
    (local.get $r))
  ;; the bump heap frees nothing: an instance lives for one call
  (func (export "deallocate") (param $r i32))
  (func (export "instantiate") (param $e i32) (param $i i32) (param $m i32) (result i32) ${locals}
    (global.set $args (call $take (local.get $m)))
    (global.set $env (call $take (local.get $e)))
    (global.set $info (call $take (local.get $i)))
    ${ctor.body}
    (call $response (i32.const 0)))
  (func (export "execute") (param $e i32) (param $i i32) (param $m i32) (result i32) ${locals}
    (global.set $message (call $take (local.get $m)))
    (global.set $env (call $take (local.get $e)))
    (global.set $info (call $take (local.get $i)))
    ${dispatch(
      methods.filter((m) => !m.view),
      (m) => `(call $response (i32.const ${m.returns ? 1 : 0}))`,
    )}
    ${unknown})
  (func (export "query") (param $e i32) (param $m i32) (result i32) ${locals}
    (global.set $message (call $take (local.get $m)))
    (global.set $env (call $take (local.get $e)))
    ${dispatch(
      methods.filter((m) => m.view),
      () => '(call $query_response)',
    )}
    ${unknown})`;
  },
};

function text(strings: StringTable, value: string): string {
  const ref = strings.text(value);
  return `(i32.const ${ref.ptr}) (i32.const ${ref.len})`;
}
