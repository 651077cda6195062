/**
 * Parses solc's `typeDescriptions.typeIdentifier` (libsolidity/ast/Types.cpp `identifier()`), e.g.
 * `t_mapping$_t_address_$_t_struct$_S_$9_storage_$`, into an IR type plus its data location. Nested
 * types are bracketed by `$_` … `_$`. Types outside the subset come back as `unsupported` with a name.
 */
import type { IrLocation, IrStructType, IrType } from '../ir/types.js';

export type ParsedType =
  | { readonly kind: 'type'; readonly type: IrType; readonly location: IrLocation }
  /** `int_const 7`, `rational_const 1/2`: the exact value when integral. */
  | { readonly kind: 'rational'; readonly value: bigint | null }
  /** A string literal's bytes are in the Literal node; its type converts to string/bytes/bytesN. */
  | { readonly kind: 'stringLiteral' }
  | { readonly kind: 'unsupported'; readonly name: string };

const LOCATIONS: readonly [string, IrLocation][] = [
  ['_storage_ptr', 'storage'],
  ['_storage', 'storage'],
  ['_memory_ptr', 'memory'],
  ['_memory', 'memory'],
  ['_calldata_ptr', 'calldata'],
  ['_calldata', 'calldata'],
];

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}
  eat(prefix: string): boolean {
    if (!this.text.startsWith(prefix, this.pos)) return false;
    this.pos += prefix.length;
    return true;
  }
  expect(prefix: string): void {
    if (!this.eat(prefix)) throw new TypeIdentifierError(this.text);
  }
  digits(): number {
    const match = /^\d+/.exec(this.text.slice(this.pos));
    if (match === null) throw new TypeIdentifierError(this.text);
    this.pos += match[0].length;
    return Number(match[0]);
  }
  location(): IrLocation {
    for (const [suffix, location] of LOCATIONS) if (this.eat(suffix)) return location;
    return 'value';
  }
}

class TypeIdentifierError extends Error {
  constructor(identifier: string) {
    super(`cannot parse solc type identifier ${identifier}`);
  }
}

export function parseTypeIdentifier(
  identifier: string,
  structById: (astId: number) => IrStructType,
): ParsedType {
  if (identifier.startsWith('t_rational_')) return { kind: 'rational', value: rationalValue(identifier) };
  if (identifier.startsWith('t_stringliteral_')) return { kind: 'stringLiteral' };
  const cursor = new Cursor(identifier);
  try {
    const parsed = parseOne(cursor, structById);
    if (parsed.kind === 'type' && cursor.pos !== identifier.length)
      return { kind: 'unsupported', name: identifier };
    return parsed;
  } catch (error) {
    if (error instanceof TypeIdentifierError) return { kind: 'unsupported', name: identifier };
    throw error;
  }
}

function parseOne(c: Cursor, structById: (astId: number) => IrStructType): ParsedType {
  const type = (t: IrType, location: IrLocation): ParsedType => ({ kind: 'type', type: t, location });
  if (c.eat('t_uint')) return type({ kind: 'uint', bits: c.digits() }, 'value');
  if (c.eat('t_int')) return type({ kind: 'int', bits: c.digits() }, 'value');
  if (c.eat('t_bool')) return type({ kind: 'bool' }, 'value');
  if (c.eat('t_address_payable') || c.eat('t_address')) return type({ kind: 'address' }, 'value');
  if (c.eat('t_string')) return type({ kind: 'string' }, c.location());
  if (c.eat('t_bytes')) {
    if (/^\d/.test(c.text.slice(c.pos))) return type({ kind: 'fixedBytes', size: c.digits() }, 'value');
    return type({ kind: 'bytes' }, c.location());
  }
  if (c.eat('t_array$_')) {
    const element = parseOne(c, structById);
    if (element.kind !== 'type') return element;
    c.expect('_$');
    const length = c.eat('dyn') ? null : c.digits();
    return type({ kind: 'array', element: element.type, length }, c.location());
  }
  if (c.eat('t_mapping$_')) {
    const key = parseOne(c, structById);
    if (key.kind !== 'type') return key;
    c.expect('_$_');
    const value = parseOne(c, structById);
    if (value.kind !== 'type') return value;
    c.expect('_$');
    return type({ kind: 'mapping', key: key.type, value: value.type }, 'storage');
  }
  if (c.eat('t_struct$_')) {
    const end = c.text.indexOf('_$', c.pos);
    if (end < 0) throw new TypeIdentifierError(c.text);
    c.pos = end + 2;
    const id = c.digits();
    return type(structById(id), c.location());
  }
  if (c.eat('t_enum$_')) {
    // Enums are uint8 in storage, the ABI and arithmetic (≤ 256 members); conversions into an enum and
    // enum parameters get explicit range checks in the lowering.
    const end = c.text.indexOf('_$', c.pos);
    if (end < 0) throw new TypeIdentifierError(c.text);
    c.pos = end + 2;
    c.digits();
    return type({ kind: 'uint', bits: 8 }, 'value');
  }
  const name = /^t_[a-z]+/.exec(c.text.slice(c.pos))?.[0] ?? c.text;
  return { kind: 'unsupported', name: name.slice(2) };
}

/** `t_rational_minus_5_by_1` → -5n; non-integral rationals → null. */
function rationalValue(identifier: string): bigint | null {
  const match = /^t_rational_(minus_)?(\d+)_by_(\d+)$/.exec(identifier);
  if (match === null) return null;
  const numerator = BigInt(match[2]!);
  const denominator = BigInt(match[3]!);
  if (denominator === 0n || numerator % denominator !== 0n) return null;
  const value = numerator / denominator;
  return match[1] === undefined ? value : -value;
}
