/**
 * Reference types (string, bytes, arrays, structs): per-type helper functions generated on demand
 * into the module, each named by kind and a per-module type number:
 * - `$df_N () → v`: the zero value (a fresh object; nested fixed arrays and structs allocated too);
 * - `$wr_N (v)`: JSON as serde writes it: strings as JSON strings, bytes as `"0x…"`, arrays as
 *   arrays, structs as objects by field name;
 * - `$rd_N (p) → v`: the JSON value at input position p (invalid arguments when malformed);
 * - `$sl_N () → v`, `$ss_N (v)`, `$sd_N ()`: load, store (clearing a longer old tail) and delete
 *   the value at the storage key `KEY[0..$kp)` (README: key scheme);
 * - `$hp_N (v)`: appends its `abi.encodePacked` bytes to a hash preimage.
 * A memory object is one i64 holding its address (see `memory-runtime.ts` for the layouts).
 */
import { UnsupportedError } from '@polyvm/core';
import { type IrType, isValueType, typeName } from '../ir/types.js';
import { type NativeInt, nativeInt } from './integers.js';
import { readJsonValue, writeJsonValue } from './json-values.js';
import type { StringTable } from './strings.js';

const W = [0, 1, 2, 3].map((k) => `(global.get $w${k})`);
const ZERO3 = '(i64.const 0) (i64.const 0) (i64.const 0)';

/** Strings, bytes, arrays and structs (and mappings, as storage pointers) are held by reference. */
export function isRef(type: IrType): boolean {
  return !isValueType(type);
}

/** Bytes one element or field takes in a memory object: 32 for a wide integer, else 8. */
export function slotSize(type: IrType): number {
  return isValueType(type) && nativeInt(type, 'element').wide ? 32 : 8;
}

export type Kind = 'df' | 'wr' | 'rd' | 'sl' | 'ss' | 'sd' | 'hp';

/** The limbs of a value read from a slot at the i32 `addr` (a local): code leaving it in $w for wide types. */
export function loadSlot(type: IrType, addr: string): string {
  if (isValueType(type) && nativeInt(type, 'element').wide) return `(call $mload256 ${addr})`;
  return `(i64.load ${addr})`;
}

/** The WAT limbs of a value just loaded by `loadSlot` (`$w` for wide, else the load itself). */
function loaded(type: IrType, addr: string): string {
  return isValueType(type) && nativeInt(type, 'element').wide ? W.join(' ') : `(i64.load ${addr})`;
}

/** `abi.encodePacked`/`abi.encode` bytes of a value type (limbs as 4 codes) appended to the preimage. */
export function hashValue(t: NativeInt, limbs: readonly string[], packed: boolean): string {
  if (packed) return `(call $h_be ${limbs.join(' ')} (i32.const ${t.bool ? 1 : t.bits / 8}))`;
  if (t.fixedBytes !== undefined && t.fixedBytes < 32) {
    // abi.encode left-aligns bytesN in its word.
    return `(call $shl256 ${limbs.join(' ')} (i64.const ${8 * (32 - t.fixedBytes)})) (call $h_be ${W.join(' ')} (i32.const 32))`;
  }
  return `(call $h_be ${limbs.join(' ')} (i32.const 32))`;
}

/** The four limbs of a narrow value in the local `x` (sign- or zero-extended). */
export function narrowLimbs(t: NativeInt, x: string): string[] {
  const ext = t.signed ? `(i64.shr_s ${x} (i64.const 63))` : '(i64.const 0)';
  return [x, ext, ext, ext];
}

export class TypeLib {
  readonly #ids = new Map<string, number>();
  readonly #functions = new Map<string, string>();

  constructor(
    private readonly strings: StringTable,
    /** JSON member name of a struct field. */
    private readonly fieldName: (name: string) => string = (name) => name,
  ) {}

  /** The symbol of helper `kind` for `type`, generated on first use. */
  #id(type: IrType): number {
    const key = typeName(type);
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#ids.size;
      this.#ids.set(key, id);
    }
    return id;
  }

  fn(kind: Kind, type: IrType): string {
    const name = `$${kind}_${this.#id(type)}`;
    if (!this.#functions.has(name)) {
      this.#functions.set(name, '');
      this.#functions.set(name, this.#generate(kind, type, name));
    }
    return name;
  }

  /** `$nw_N (n) → v`: `new E[](n)`, every element its zero value. */
  newArray(element: IrType): string {
    const type: IrType = { kind: 'array', element, length: null };
    const name = `$nw_${this.#id(type)}`;
    if (!this.#functions.has(name)) {
      const fill = isRef(element)
        ? `(block $done (loop $next
            (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
            (i64.store (call $element (local.get $v) (local.get $i) (i32.const 8)) (call ${this.fn('df', element)}))
            (local.set $i (i64.add (local.get $i) (i64.const 1)))
            (br $next)))`
        : '';
      this.#functions.set(
        name,
        `(func ${name} (param $n i64) (result i64) (local $v i64) (local $i i64)
          (local.set $v (call $alloc_array (local.get $n) (i32.const ${slotSize(element)}))) ${fill} (local.get $v))`,
      );
    }
    return name;
  }

  /** Every generated helper. */
  functions(): string {
    return [...this.#functions.values()].join('\n');
  }

  /** WAT writing a value of any type as JSON (`code`: an i64, four limbs, or a reference). */
  writeJson(type: IrType, code: string): string {
    if (isRef(type)) return `(call ${this.fn('wr', type)} ${code})`;
    return writeJsonValue(nativeInt(type, 'value'), code);
  }

  #text(value: string): string {
    const ref = this.strings.text(value);
    return `(i32.const ${ref.ptr}) (i32.const ${ref.len})`;
  }

  #generate(kind: Kind, type: IrType, name: string): string {
    if (type.kind === 'mapping') {
      if (kind === 'sd') return `(func ${name})`;
      throw new UnsupportedError(`unsupported on wasm: a mapping as a value (${kind})`);
    }
    if (type.kind === 'string' || type.kind === 'bytes') return this.#bytes(kind, type.kind, name);
    if (type.kind === 'array') return this.#array(kind, type.element, type.length, name);
    if (type.kind === 'struct') return this.#struct(kind, type.fields, name);
    throw new Error(`${typeName(type)} is not a reference type`);
  }

  #bytes(kind: Kind, which: 'string' | 'bytes', name: string): string {
    const body = {
      df: '(result i64) (call $alloc_array (i64.const 0) (i32.const 1))',
      wr: `(param $v i64) (call ${which === 'string' ? '$w_string' : '$w_hex_bytes'} (local.get $v))`,
      rd: `(param $p i32) (result i64) (call ${which === 'string' ? '$r_string' : '$r_hex_bytes'} (local.get $p))`,
      sl: '(result i64) (call $sload_bytes)',
      ss: '(param $v i64) (call $sstore_bytes (local.get $v))',
      sd: '(call $st_remove)',
      hp: '(param $v i64) (call $h_string (local.get $v))',
    }[kind];
    return `(func ${name} ${body})`;
  }

  /** Reads element/field of `type` at JSON position `at` and stores it at the i32 `addr`. */
  #readInto(type: IrType, addr: string, at: string): string {
    if (isRef(type)) return `(i64.store ${addr} (call ${this.fn('rd', type)} ${at}))`;
    const t = nativeInt(type, 'element');
    if (t.wide) return `${readJsonValue(t, at)} (call $mstore256 ${addr} ${W.join(' ')})`;
    return `(i64.store ${addr} ${readJsonValue(t, at)})`;
  }

  #writeFrom(type: IrType, addr: string): string {
    if (isRef(type)) return this.writeJson(type, `(i64.load ${addr})`);
    return `${isValueType(type) && nativeInt(type, 'element').wide ? loadSlot(type, addr) : ''} ${this.writeJson(type, loaded(type, addr))}`;
  }

  /** Loads the value at the current storage key into the slot at `addr`. */
  #storageLoadInto(type: IrType, addr: string): string {
    if (isRef(type)) return `(i64.store ${addr} (call ${this.fn('sl', type)}))`;
    if (nativeInt(type, 'element').wide) return `(call $sload256) (call $mstore256 ${addr} ${W.join(' ')})`;
    return `(i64.store ${addr} (call $sload))`;
  }

  #storageStoreFrom(type: IrType, addr: string): string {
    if (isRef(type)) return `(call ${this.fn('ss', type)} (i64.load ${addr}))`;
    if (nativeInt(type, 'element').wide) return `(call $mload256 ${addr}) (call $sstore256 ${W.join(' ')})`;
    return `(call $sstore (i64.load ${addr}))`;
  }

  #storageDelete(type: IrType): string {
    return isRef(type) ? `(call ${this.fn('sd', type)})` : '(call $st_remove)';
  }

  #hashFrom(type: IrType, addr: string): string {
    if (isRef(type)) {
      throw new UnsupportedError(`unsupported on wasm: abi.encodePacked of an array of ${typeName(type)}`);
    }
    const t = nativeInt(type, 'element');
    if (t.wide) return `(call $mload256 ${addr}) ${hashValue(t, W, false)}`;
    // Packed arrays pad every element to 32 bytes (abi.encodePacked of an array).
    return `(local.set $x (i64.load ${addr})) ${hashValue(t, narrowLimbs(t, '(local.get $x)'), false)}`;
  }

  #array(kind: Kind, element: IrType, length: number | null, name: string): string {
    const s = slotSize(element);
    const at = '(local.get $a)';
    const locals =
      '(local $i i64) (local $n i64) (local $a i32) (local $k i32) (local $x i64) (local $old i64)';
    const setA = `(local.set $a (call $element (local.get $v) (local.get $i) (i32.const ${s})))`;
    /** for i in [from, n): body (with $a = element i when `withA`). */
    const loop = (body: string, withA = true) => `
      (block $done (loop $next
        (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
        ${withA ? setA : ''} ${body}
        (local.set $i (i64.add (local.get $i) (i64.const 1)))
        (br $next)))`;
    const fixedN = length === null ? '' : `(local.set $n (i64.const ${length}))`;
    const storedN = '(local.set $k (global.get $kp)) (call $sload256) (local.set $n (global.get $w0))';
    const elementKey = '(global.set $kp (local.get $k)) (call $k_index (local.get $i))';
    switch (kind) {
      case 'df': {
        const fill = isRef(element)
          ? `${fixedN} ${loop(`(i64.store ${at} (call ${this.fn('df', element)}))`)}`
          : '';
        return `(func ${name} (result i64) (local $v i64) ${locals}
          (local.set $v (call $alloc_array (i64.const ${length ?? 0}) (i32.const ${s}))) ${fill} (local.get $v))`;
      }
      case 'wr':
        return `(func ${name} (param $v i64) ${locals}
          (local.set $n (i64.load (i32.wrap_i64 (local.get $v))))
          (call $w_byte (i32.const 91))
          ${loop(`(if (i64.ne (local.get $i) (i64.const 0)) (then (call $w_byte (i32.const 44)))) ${this.#writeFrom(element, at)}`)}
          (call $w_byte (i32.const 93)))`;
      case 'rd': {
        const exact =
          length === null ? '' : `(if (i64.ne (local.get $n) (i64.const ${length})) (then (call $bad_args)))`;
        return `(func ${name} (param $p i32) (result i64) (local $v i64) ${locals}
          (local.set $n (call $array_count (local.get $p))) ${exact}
          (local.set $v (call $alloc_array (local.get $n) (i32.const ${s})))
          (local.set $p (call $ws (i32.add (local.get $p) (i32.const 1))))
          ${loop(`${this.#readInto(element, at, '(local.get $p)')} (local.set $p (call $array_next (local.get $p)))`)}
          (local.get $v))`;
      }
      case 'sl':
        return `(func ${name} (result i64) (local $v i64) ${locals}
          ${length === null ? storedN : `(local.set $k (global.get $kp)) ${fixedN}`}
          (local.set $v (call $alloc_array (local.get $n) (i32.const ${s})))
          ${loop(`${elementKey} ${this.#storageLoadInto(element, at)}`)}
          (global.set $kp (local.get $k)) (local.get $v))`;
      case 'ss': {
        // Elements first, then (dynamic) the tail beyond the new length cleared and the length stored.
        const tail =
          length === null
            ? `(local.set $n (local.get $old)) ${loop(`${elementKey} ${this.#storageDelete(element)}`, false)}
               (global.set $kp (local.get $k))
               (call $sstore256 (i64.load (i32.wrap_i64 (local.get $v))) ${ZERO3})`
            : '';
        return `(func ${name} (param $v i64) ${locals}
          (local.set $k (global.get $kp))
          ${length === null ? '(call $sload256) (local.set $old (global.get $w0))' : ''}
          (local.set $n (i64.load (i32.wrap_i64 (local.get $v))))
          ${loop(`${elementKey} ${this.#storageStoreFrom(element, at)}`)}
          ${tail} (global.set $kp (local.get $k)))`;
      }
      case 'sd':
        return `(func ${name} ${locals}
          ${length === null ? storedN : `(local.set $k (global.get $kp)) ${fixedN}`}
          ${loop(`${elementKey} ${this.#storageDelete(element)}`, false)}
          (global.set $kp (local.get $k)) ${length === null ? '(call $st_remove)' : ''})`;
      case 'hp':
        return `(func ${name} (param $v i64) ${locals}
          (local.set $n (i64.load (i32.wrap_i64 (local.get $v))))
          ${loop(this.#hashFrom(element, at))})`;
    }
  }

  #struct(kind: Kind, fields: readonly { name: string; type: IrType }[], name: string): string {
    let offset = 0;
    const layout = fields.map((f) => {
      const at = offset;
      offset += slotSize(f.type);
      return { ...f, addr: `(i32.add (local.get $o) (i32.const ${at}))` };
    });
    const size = offset;
    const values = layout.filter((f) => f.type.kind !== 'mapping');
    const open = '(local.set $o (i32.wrap_i64 (local.get $v)))';
    const fieldKey = (f: { name: string }) =>
      `(global.set $kp (local.get $k)) (call $k_bytes ${this.#text(`.${f.name}`)})`;
    const locals = '(local $o i32) (local $k i32)';
    switch (kind) {
      case 'df':
        return `(func ${name} (result i64) ${locals}
          (local.set $o (call $alloc (i32.const ${size})))
          ${values
            .filter((f) => isRef(f.type))
            .map((f) => `(i64.store ${f.addr} (call ${this.fn('df', f.type)}))`)
            .join(' ')}
          (i64.extend_i32_u (local.get $o)))`;
      case 'wr':
        return `(func ${name} (param $v i64) ${locals} ${open}
          ${values
            .map(
              (f, i) =>
                `(call $w_bytes ${this.#text(`${i === 0 ? '{' : ','}${JSON.stringify(this.fieldName(f.name))}:`)}) ${this.#writeFrom(f.type, f.addr)}`,
            )
            .join('\n')}
          ${values.length === 0 ? '(call $w_byte (i32.const 123))' : ''} (call $w_byte (i32.const 125)))`;
      case 'rd':
        return `(func ${name} (param $p i32) (result i64) ${locals}
          (local.set $o (call $alloc (i32.const ${size})))
          (if (i32.ne (call $byte (local.get $p)) (i32.const 123)) (then (call $bad_args)))
          ${values
            .map((f) =>
              this.#readInto(
                f.type,
                f.addr,
                `(call $find_member (local.get $p) ${this.#text(this.fieldName(f.name))})`,
              ),
            )
            .join('\n')}
          (i64.extend_i32_u (local.get $o)))`;
      case 'sl':
        return `(func ${name} (result i64) ${locals}
          (local.set $o (call $alloc (i32.const ${size}))) (local.set $k (global.get $kp))
          ${values.map((f) => `${fieldKey(f)} ${this.#storageLoadInto(f.type, f.addr)}`).join('\n')}
          (global.set $kp (local.get $k)) (i64.extend_i32_u (local.get $o)))`;
      case 'ss':
        return `(func ${name} (param $v i64) ${locals} ${open} (local.set $k (global.get $kp))
          ${values.map((f) => `${fieldKey(f)} ${this.#storageStoreFrom(f.type, f.addr)}`).join('\n')}
          (global.set $kp (local.get $k)))`;
      case 'sd':
        return `(func ${name} ${locals} (local.set $k (global.get $kp))
          ${values.map((f) => `${fieldKey(f)} ${this.#storageDelete(f.type)}`).join('\n')}
          (global.set $kp (local.get $k)))`;
      case 'hp':
        // In place in abi.encode (structs cannot be abi.encodePacked): each field a 32-byte word.
        return `(func ${name} (param $v i64) ${locals} (local $x i64) ${open}
          ${values.map((f) => this.#hashFrom(f.type, f.addr)).join('\n')})`;
    }
  }
}
