import { toHex } from '@polyvm/core';
import { formatType } from './bcs.js';
import { MoveAbort } from './errors.js';
import { bytesOf, vectorOf } from './native-values.js';
import type { NativeContext, NativeFunction } from './natives.js';
import type { Ref, RType, Value } from './value.js';

/**
 * aptos-stdlib `string_utils` natives (aptos-core `aptos-move/framework/src/natives/string_utils.rs`):
 * Move values rendered as text. Each rendered value costs `string_utils.format.base` (6000), and
 * byte vectors, strings and the format string `string_utils.format.per_byte` (20) per byte
 * (`aptos_framework.rs`).
 */
const FORMAT_BASE = 6000;
const FORMAT_PER_BYTE = 20;
/** `string_utils.move`: `EARGS_MISMATCH`, `EINVALID_FORMAT`. */
const EARGS_MISMATCH = 1n;
const EINVALID_FORMAT = 2n;

interface Style {
  typeTag: boolean;
  canonicalize: boolean;
  singleLine: boolean;
  includeIntType: boolean;
}

/** Whether `t` is the struct `0x1::module::name`. */
const isStruct = (t: RType, module: string, name: string): boolean =>
  t.k === 'struct' &&
  t.s.moduleName === module &&
  t.s.name === name &&
  t.s.address.every((b, i) => b === (i === t.s.address.length - 1 ? 1 : 0));

/** `AccountAddress::to_canonical_string` (full hex) or `to_hex_literal` (`0x` + short hex). */
function addressText(a: Uint8Array, canonical: boolean): string {
  const full = toHex(a).slice(2);
  return canonical ? full : `0x${full.replace(/^0+/, '') || '0'}`;
}

function spaceOrNewline(newline: boolean, depth: number): string {
  return newline ? `\n${'  '.repeat(depth)}` : ' ';
}

/** string_utils.rs `native_format_impl`. */
function render(ctx: NativeContext, style: Style, t: RType, v: Value, depth: number): string {
  ctx.charge(FORMAT_BASE, 'compute');
  if (t.k === 'bool') return String(v);
  if (t.k === 'address') return `@${addressText(v as Uint8Array, style.canonicalize)}`;
  if (t.k === 'signer') return `signer(@${addressText(v as Uint8Array, style.canonicalize)})`;
  if (t.k === 'vector') {
    if (t.e.k === 'u8') {
      const bytes = bytesOf(v);
      ctx.charge(FORMAT_PER_BYTE * bytes.length, 'compute');
      return `0x${Buffer.from(bytes).toString('hex')}`;
    }
    const primitive = t.e.k !== 'vector' && t.e.k !== 'struct';
    const items = (v as Value[]).map((x) => ({ name: '', type: t.e, value: x }));
    return `[${list(ctx, style, items, depth, !style.singleLine && !primitive)}]`;
  }
  // The integers, with their type as a suffix when asked.
  if (t.k !== 'struct') return `${v}${style.includeIntType ? t.k : ''}`;
  const fields = v as Value[];
  if (isStruct(t, 'string', 'String')) {
    const bytes = bytesOf(fields[0]!);
    ctx.charge(FORMAT_PER_BYTE * bytes.length, 'compute');
    return `"${Buffer.from(bytes).toString('utf8').replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  }
  if (isStruct(t, 'option', 'Option')) {
    const inner = fields[0] as Value[];
    const elem = (t.fields[0] as Extract<RType, { k: 'vector' }>).e;
    return inner.length === 0 ? 'None' : `Some(${render(ctx, style, elem, inner[0]!, depth)})`;
  }
  const name = style.typeTag ? formatType(t) : t.s.name;
  const items = fields.map((x, i) => ({ name: `${t.s.fieldNames[i]}: `, type: t.fields[i]!, value: x }));
  return `${name} {${list(ctx, style, items, depth, !style.singleLine)}}`;
}

/** string_utils.rs `format_vector`: elements or fields, on one line or indented. */
function list(
  ctx: NativeContext,
  style: Style,
  items: { name: string; type: RType; value: Value }[],
  depth: number,
  newline: boolean,
): string {
  if (items.length === 0) return '';
  const parts = items.map((it) => `${it.name}${render(ctx, style, it.type, it.value, depth + 1)}`);
  return `${spaceOrNewline(newline, depth + 1)}${parts.join(`,${spaceOrNewline(newline, depth + 1)}`)}${spaceOrNewline(newline, depth)}`;
}

const stringValue = (text: string): Value[] => [vectorOf(Buffer.from(text, 'utf8'))];

/** `native_format<T>(s: &T, type_tag, canonicalize, single_line, include_int_types): String`. */
const nativeFormat: NativeFunction = (ctx, [t], [r, typeTag, canonicalize, singleLine, includeIntType]) => {
  const style = {
    typeTag: typeTag as boolean,
    canonicalize: canonicalize as boolean,
    singleLine: singleLine as boolean,
    includeIntType: includeIntType as boolean,
  };
  return [stringValue(render(ctx, style, t!, (r as Ref).read(), 0))];
};

/**
 * `native_format_list<T>(fmt: &vector<u8>, val: &T): String`: each `{}` takes the next element of
 * the `Cons<A, Cons<B, … NIL>>` list; `{{` and `}}` are literal braces.
 */
const nativeFormatList: NativeFunction = (ctx, [listType], [fmtRef, valRef]) => {
  const where = '0x1::string_utils::native_format_list';
  let fmt: string;
  try {
    fmt = new TextDecoder('utf-8', { fatal: true }).decode(bytesOf((fmtRef as Ref).read()));
  } catch {
    throw new MoveAbort(EINVALID_FORMAT, where);
  }
  ctx.charge(FORMAT_PER_BYTE * Buffer.byteLength(fmt), 'compute');
  const style: Style = { typeTag: true, canonicalize: false, singleLine: true, includeIntType: false };
  let t = listType!;
  let v = (valRef as Ref).read();
  let out = '';
  let inBraces = 0;
  for (const c of fmt) {
    if (inBraces === 1) {
      inBraces = 0;
      if (c === '}') {
        if (!isStruct(t, 'string_utils', 'Cons')) throw new MoveAbort(EARGS_MISMATCH, where);
        const [car, cdr] = v as Value[];
        const [carType, cdrType] = (t as Extract<RType, { k: 'struct' }>).args;
        out += render(ctx, style, carType!, car!, 0);
        t = cdrType!;
        v = cdr!;
        continue;
      }
      if (c !== '{') throw new MoveAbort(EINVALID_FORMAT, where);
    } else if (inBraces === -1) {
      inBraces = 0;
      if (c !== '}') throw new MoveAbort(EINVALID_FORMAT, where);
    } else if (c === '{') {
      inBraces = 1;
      continue;
    } else if (c === '}') {
      inBraces = -1;
      continue;
    }
    out += c;
  }
  if (inBraces !== 0) throw new MoveAbort(EINVALID_FORMAT, where);
  if (!isStruct(t, 'string_utils', 'NIL')) throw new MoveAbort(EARGS_MISMATCH, where);
  return [stringValue(out)];
};

export function stringUtilsNatives(): Map<string, NativeFunction> {
  return new Map([
    ['0x1::string_utils::native_format', nativeFormat],
    ['0x1::string_utils::native_format_list', nativeFormatList],
  ]);
}
