import { DecodeError, UnsupportedError } from '@polyvm/core';
import { Cursor } from './cursor.js';
import { LITERAL_BYTES, opcodeInfo } from './opcodes.js';
import {
  type CodeUnit,
  type CompiledModule,
  type CompiledScript,
  type CompiledUnit,
  emptyModule,
  type FunctionDefinition,
  type Instantiation,
  type Instruction,
  type ModuleHandle,
  type Signature,
  type SignatureToken,
  type StructDefinition,
  TableKind,
} from './types.js';

/** `A1 1C EB 0B` (file_format_common.rs `BinaryConstants::MOVE_MAGIC`). */
export const MOVE_MAGIC = Uint8Array.of(0xa1, 0x1c, 0xeb, 0x0b);
/** Written by the compiler in test mode (file_format_common.rs `BinaryConstants::UNPUBLISHABLE_MAGIC`). */
export const UNPUBLISHABLE_MAGIC = Uint8Array.of(0xde, 0xad, 0xc0, 0xde);
/** Oldest version read: v4 (`script` visibility); v5 adds entry flags and metadata, v6 u16/u32/u256. */
export const MIN_VERSION = 4;
export const MAX_VERSION = 7;
/** Nesting limit of signature tokens (move-binary-format `SIGNATURE_TOKEN_DEPTH_MAX`). */
const SIGNATURE_TOKEN_DEPTH_MAX = 256;
/** Table indices are u16 (file_format_common.rs `TABLE_INDEX_MAX`). */
const INDEX_MAX = 0xffff;

/**
 * Sui writes its flavor in the version word's high byte from v7 on (Sui's file_format_common.rs
 * `BinaryFlavor::SUI_FLAVOR`); Sui v7 has enums but no Aptos access specifiers.
 */
export const SUI_FLAVOR = 0x05;
/** Whether a v7+ binary's function handles carry Aptos' `Option<access specifiers>`. */
export const hasAccessSpecifiers = (versionWord: number): boolean =>
  (versionWord & 0xffff) >= 7 && versionWord >>> 24 !== SUI_FLAVOR;

export interface DecodeOptions {
  /** 16 for Diem/Starcoin, 32 for Sui/Aptos. */
  addressWidth: number;
}

interface TableHeader {
  kind: number;
  offset: number;
  length: number;
}

/** Reads the magic and version word; rejects versions outside what this decoder implements with a typed error. */
export function readHeader(bytes: Uint8Array): { versionWord: number; version: number; cursor: Cursor } {
  const cursor = new Cursor(bytes);
  const magic = cursor.bytesN(4);
  if (!magic.every((b, i) => b === MOVE_MAGIC[i])) {
    cursor.pos = 0;
    if (magic.every((b, i) => b === UNPUBLISHABLE_MAGIC[i])) {
      cursor.fail('test-mode binary (magic de ad c0 de) cannot be published');
    }
    cursor.fail('bad magic (expected a1 1c eb 0b)');
  }
  const versionWord = cursor.u32le();
  const version = versionWord & 0xffff;
  if (version >= 1 && version < MIN_VERSION) {
    throw new UnsupportedError(
      `binary format version ${version} predates v${MIN_VERSION} and is not supported`,
      {
        details: { feature: `binary-format-v${version}`, versionWord },
      },
    );
  }
  if (version < 1 || version > MAX_VERSION) {
    throw new DecodeError(`unknown binary format version word 0x${versionWord.toString(16)}`, {
      details: { versionWord },
    });
  }
  return { versionWord, version, cursor };
}

/** Decodes a module (binary from `move build`'s bytecode_modules). */
export function deserializeModule(bytes: Uint8Array, options: DecodeOptions): CompiledModule {
  const { versionWord, version, cursor } = readHeader(bytes);
  const module = emptyModule(options.addressWidth, version);
  module.versionWord = versionWord;
  const tablesEnd = readTables(cursor, module, version, true);
  cursor.pos = tablesEnd;
  module.selfModuleHandle = cursor.uleb(INDEX_MAX);
  if (cursor.remaining !== 0) cursor.fail(`${cursor.remaining} trailing bytes after the module`);
  return module;
}

/** Decodes a script (a transaction's single `main` function). */
export function deserializeScript(bytes: Uint8Array, options: DecodeOptions): CompiledScript {
  const { versionWord, version, cursor } = readHeader(bytes);
  const base = emptyModule(options.addressWidth, version);
  base.versionWord = versionWord;
  const tablesEnd = readTables(cursor, base, version, false);
  cursor.pos = tablesEnd;
  const typeParameters = readAbilityList(cursor);
  const parameters = cursor.uleb(INDEX_MAX);
  const code = readCodeUnit(cursor, version);
  if (cursor.remaining !== 0) cursor.fail(`${cursor.remaining} trailing bytes after the script`);
  const {
    structDefs: _sd,
    structDefInstantiations: _si,
    functionDefs: _fd,
    fieldHandles: _fh,
    fieldInstantiations: _fi,
    friendDecls: _fr,
    selfModuleHandle: _self,
    kind: _kind,
    ...common
  } = base;
  return { ...common, kind: 'script', typeParameters, parameters, code };
}

/** Decodes either kind: a module when the bytes parse as one, else a script. */
export function deserialize(bytes: Uint8Array, options: DecodeOptions): CompiledUnit {
  try {
    return deserializeModule(bytes, options);
  } catch (moduleError) {
    if (!(moduleError instanceof DecodeError)) throw moduleError;
    try {
      return deserializeScript(bytes, options);
    } catch {
      throw moduleError;
    }
  }
}

function readTables(cursor: Cursor, unit: CompiledModule, version: number, isModule: boolean): number {
  const count = cursor.uleb(0xff);
  const headers: TableHeader[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < count; i++) {
    const kind = cursor.u8();
    const offset = cursor.uleb();
    const length = cursor.uleb();
    if (seen.has(kind)) cursor.fail(`duplicate table kind 0x${kind.toString(16)}`);
    seen.add(kind);
    headers.push({ kind, offset, length });
  }
  const contentStart = cursor.pos;
  const byOffset = [...headers].sort((a, b) => a.offset - b.offset);
  let expected = 0;
  for (const h of byOffset) {
    if (h.offset !== expected)
      cursor.fail(`table 0x${h.kind.toString(16)} is not contiguous (offset ${h.offset})`);
    expected += h.length;
  }
  if (contentStart + expected > cursor.end) cursor.fail('table contents run past the end of the binary');
  unit.headerOrder = headers.map((h) => h.kind);
  unit.contentOrder = byOffset.map((h) => h.kind);
  for (const h of headers) {
    const c = new Cursor(cursor.bytes, contentStart + h.offset, contentStart + h.offset + h.length);
    readTable(c, h.kind, unit, version, isModule);
    if (c.remaining !== 0) c.fail(`table 0x${h.kind.toString(16)} has ${c.remaining} unread bytes`);
  }
  return contentStart + expected;
}

function many<T>(c: Cursor, read: (c: Cursor) => T): T[] {
  const out: T[] = [];
  while (c.remaining > 0) out.push(read(c));
  return out;
}

const idx = (c: Cursor): number => c.uleb(INDEX_MAX);
const moduleHandle = (c: Cursor): ModuleHandle => ({ address: idx(c), name: idx(c) });
const instantiation = (c: Cursor): Instantiation => ({ target: idx(c), typeParameters: idx(c) });

function readTable(c: Cursor, kind: number, m: CompiledModule, version: number, isModule: boolean): void {
  const moduleOnly = (): void => {
    if (!isModule) c.fail(`table 0x${kind.toString(16)} is not allowed in a script`);
  };
  switch (kind) {
    case TableKind.ModuleHandles:
      m.moduleHandles = many(c, moduleHandle);
      return;
    case TableKind.StructHandles:
      m.structHandles = many(c, (c) => ({
        module: idx(c),
        name: idx(c),
        abilities: readAbilities(c),
        typeParameters: readLengthPrefixed(c, (c) => ({
          constraints: readAbilities(c),
          // Phantom markers exist since v3 (file_format_common.rs VERSION_3).
          isPhantom: version >= 3 ? readBool(c) : false,
        })),
      }));
      return;
    case TableKind.FunctionHandles:
      m.functionHandles = many(c, (c) => ({
        module: idx(c),
        name: idx(c),
        parameters: idx(c),
        returns: idx(c),
        typeParameters: readAbilityList(c),
        ...(hasAccessSpecifiers(m.versionWord) ? readNoAccessSpecifiers(c) : {}),
      }));
      return;
    case TableKind.FunctionInst:
      m.functionInstantiations = many(c, instantiation);
      return;
    case TableKind.Signatures:
      m.signatures = many(c, (c) => readLengthPrefixed(c, (c) => readToken(c, 0)) as Signature);
      return;
    case TableKind.ConstantPool:
      m.constantPool = many(c, (c) => ({ type: readToken(c, 0), data: c.bytesN(c.uleb()) }));
      return;
    case TableKind.Identifiers:
      m.identifiers = many(c, (c) => readIdentifier(c));
      return;
    case TableKind.AddressIdentifiers:
      m.addressIdentifiers = many(c, (c) => c.bytesN(m.addressWidth));
      return;
    case TableKind.Metadata:
      if (version < 5) c.fail('metadata table needs version 5');
      m.metadata = many(c, (c) => ({ key: c.bytesN(c.uleb()), value: c.bytesN(c.uleb()) }));
      return;
    case TableKind.StructDefs:
      moduleOnly();
      m.structDefs = many(c, readStructDef);
      return;
    case TableKind.StructDefInst:
      moduleOnly();
      m.structDefInstantiations = many(c, instantiation);
      return;
    case TableKind.FunctionDefs:
      moduleOnly();
      m.functionDefs = many(c, (c) => readFunctionDef(c, version));
      return;
    case TableKind.FieldHandles:
      moduleOnly();
      m.fieldHandles = many(c, (c) => ({ owner: idx(c), field: idx(c) }));
      return;
    case TableKind.FieldInst:
      moduleOnly();
      m.fieldInstantiations = many(c, instantiation);
      return;
    case TableKind.FriendDecls:
      moduleOnly();
      m.friendDecls = many(c, moduleHandle);
      return;
    default:
      if (kind >= 0x11 && kind <= 0x14) {
        throw new UnsupportedError(
          `table kind 0x${kind.toString(16)} (enum/variant tables of v7) is not supported`,
          {
            details: { feature: 'enums', offset: c.pos },
          },
        );
      }
      c.fail(`unknown table kind 0x${kind.toString(16)}`);
  }
}

/** Serialized option tags (file_format_common.rs `SerializedOption`): Move's enums start at 1. */
export const OPTION_NONE = 0x1;
const OPTION_SOME = 0x2;

/**
 * v7 function handles end with `Option<Vec<AccessSpecifier>>` (Aptos resource access control).
 * Only `None` is read; declared specifiers are refused as an unsupported feature.
 */
function readNoAccessSpecifiers(c: Cursor): Record<string, never> {
  const tag = c.u8();
  if (tag === OPTION_SOME) {
    throw new UnsupportedError('function access specifiers (v7) are not supported', {
      details: { feature: 'access-specifiers', offset: c.pos },
    });
  }
  if (tag !== OPTION_NONE) c.fail(`invalid option tag ${tag}`);
  return {};
}

function readLengthPrefixed<T>(c: Cursor, read: (c: Cursor) => T): T[] {
  const n = c.uleb(INDEX_MAX);
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(read(c));
  return out;
}

function readAbilities(c: Cursor): number {
  const bits = c.u8();
  if (bits > 0xf) c.fail(`invalid ability set 0x${bits.toString(16)}`);
  return bits;
}

function readAbilityList(c: Cursor): number[] {
  return readLengthPrefixed(c, readAbilities);
}

function readBool(c: Cursor): boolean {
  const b = c.u8();
  if (b > 1) c.fail(`invalid bool byte ${b}`);
  return b === 1;
}

/**
 * Move identifiers (move-core-types `identifier.rs` `is_valid`): a letter then letters, digits and
 * underscores, or an underscore followed by at least one of those; Aptos
 * (third_party/move/move-core/types/src/identifier.rs) also allows `<SELF>` and `<SELF>_<digits>`,
 * the names of scripts' pseudo-modules (its `$` names, compiler intrinsics, are not accepted).
 */
const IDENTIFIER = /^(?:[A-Za-z][A-Za-z0-9_]*|_[A-Za-z0-9_]+|<SELF>(?:_[0-9]+)?)$/;

function readIdentifier(c: Cursor): string {
  const start = c.pos;
  const bytes = c.bytesN(c.uleb(INDEX_MAX));
  const s = String.fromCharCode(...bytes);
  if (!IDENTIFIER.test(s)) {
    c.pos = start;
    c.fail(`invalid identifier ${JSON.stringify(s)}`);
  }
  return s;
}

/** Signature token tags (file_format_common.rs `SerializedType`). */
export const TokenTag = {
  bool: 0x1,
  u8: 0x2,
  u64: 0x3,
  u128: 0x4,
  address: 0x5,
  ref: 0x6,
  mutref: 0x7,
  struct: 0x8,
  tparam: 0x9,
  vector: 0xa,
  structInst: 0xb,
  signer: 0xc,
  u16: 0xd,
  u32: 0xe,
  u256: 0xf,
} as const;

const PRIMITIVE_BY_TAG = new Map<number, SignatureToken>([
  [TokenTag.bool, { kind: 'bool' }],
  [TokenTag.u8, { kind: 'u8' }],
  [TokenTag.u16, { kind: 'u16' }],
  [TokenTag.u32, { kind: 'u32' }],
  [TokenTag.u64, { kind: 'u64' }],
  [TokenTag.u128, { kind: 'u128' }],
  [TokenTag.u256, { kind: 'u256' }],
  [TokenTag.address, { kind: 'address' }],
  [TokenTag.signer, { kind: 'signer' }],
]);

function readToken(c: Cursor, depth: number): SignatureToken {
  if (depth > SIGNATURE_TOKEN_DEPTH_MAX) c.fail('signature token nesting too deep');
  const tag = c.u8();
  const primitive = PRIMITIVE_BY_TAG.get(tag);
  if (primitive) return { kind: primitive.kind } as SignatureToken;
  switch (tag) {
    case TokenTag.vector:
      return { kind: 'vector', elem: readToken(c, depth + 1) };
    case TokenTag.ref:
      return { kind: 'ref', inner: readToken(c, depth + 1) };
    case TokenTag.mutref:
      return { kind: 'mutref', inner: readToken(c, depth + 1) };
    case TokenTag.struct:
      return { kind: 'struct', handle: idx(c) };
    case TokenTag.structInst: {
      const handle = idx(c);
      const n = c.uleb(INDEX_MAX);
      if (n === 0) c.fail('struct instantiation with no type arguments');
      const args: SignatureToken[] = [];
      for (let i = 0; i < n; i++) args.push(readToken(c, depth + 1));
      return { kind: 'structInst', handle, args };
    }
    case TokenTag.tparam:
      return { kind: 'tparam', index: idx(c) };
    default:
      return c.fail(`unknown signature token tag 0x${tag.toString(16)}`);
  }
}

/** Field info tags (file_format_common.rs `SerializedNativeStructFlag`). */
const STRUCT_NATIVE = 0x1;
const STRUCT_DECLARED = 0x2;

function readStructDef(c: Cursor): StructDefinition {
  const handle = idx(c);
  const flag = c.u8();
  if (flag === STRUCT_NATIVE) return { handle, fields: undefined };
  if (flag !== STRUCT_DECLARED) {
    if (flag === 0x3) {
      throw new UnsupportedError('struct definitions with variants (enums, v7) are not supported', {
        details: { feature: 'enums', offset: c.pos },
      });
    }
    c.fail(`invalid struct field-information flag ${flag}`);
  }
  return { handle, fields: readLengthPrefixed(c, (c) => ({ name: idx(c), type: readToken(c, 0) })) };
}

function readFunctionDef(c: Cursor, version: number): FunctionDefinition {
  const handle = idx(c);
  const visibility = c.u8();
  if (visibility > 3) c.fail(`invalid visibility ${visibility}`);
  if (version >= 5 && visibility === 2) c.fail('script visibility is deprecated since v5');
  const flags = c.u8();
  if ((flags & ~0x6) !== 0) c.fail(`invalid function flags 0x${flags.toString(16)}`);
  const acquires = readLengthPrefixed(c, idx);
  const code = (flags & 0x2) !== 0 ? undefined : readCodeUnit(c, version);
  return { handle, visibility, flags, acquires, code };
}

function readCodeUnit(c: Cursor, version: number): CodeUnit {
  const locals = idx(c);
  const n = c.uleb(INDEX_MAX);
  const code: Instruction[] = new Array(n);
  for (let i = 0; i < n; i++) code[i] = readInstruction(c, version);
  return { locals, code };
}

function readInstruction(c: Cursor, version: number): Instruction {
  const op = c.u8();
  const info = opcodeInfo(op);
  if (!info) {
    // v7 adds the enum-variant instructions (PackVariant, UnpackVariant…, VariantSwitch/TestVariant) past 0x4D.
    if (op >= 0x4e && op <= 0x5f && version >= 7) {
      throw new UnsupportedError(`opcode 0x${op.toString(16)} (enum variants, v7) is not supported`, {
        details: { feature: 'enums', offset: c.pos - 1 },
      });
    }
    c.fail(`unknown opcode 0x${op.toString(16)}`);
  }
  // u16/u32/u256 loads and casts arrived in v6 (file_format_common.rs VERSION_6).
  if (op >= 0x48 && version < 6) c.fail(`opcode ${info.name} needs version 6`);
  switch (info.operand) {
    case 'none':
      return { op, a: 0 };
    case 'offset':
    case 'index':
      return { op, a: idx(c) };
    case 'local':
      // Local indices are ULEB128 bounded by 255 (deserializer.rs `load_local_index`).
      return { op, a: c.uleb(0xff) };
    case 'index-count': {
      const a = idx(c);
      const count = c.uintLe(8);
      if (count > BigInt(Number.MAX_SAFE_INTEGER)) c.fail(`vector element count ${count} is too large`);
      return { op, a, count: Number(count) };
    }
    default: {
      const width = LITERAL_BYTES[info.operand]!;
      const big = c.uintLe(width);
      return width <= 4 ? { op, a: Number(big) } : { op, a: 0, big };
    }
  }
}
