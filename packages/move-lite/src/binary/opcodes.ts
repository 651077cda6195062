/**
 * The Move bytecode set 0x01–0x4D (move-binary-format `file_format_common.rs`, `Opcodes`), with the
 * operand layout of each instruction. One table drives the deserializer, serializer, disassembler,
 * assembler and verifier so a byte value is defined in exactly one place.
 */
export type OperandKind =
  | 'none'
  /** u16 code offset, ULEB128 (BrTrue, BrFalse, Branch). */
  | 'offset'
  /** Raw little-endian integer literals of 1, 2, 4, 8, 16 or 32 bytes. */
  | 'u8'
  | 'u16'
  | 'u32'
  | 'u64'
  | 'u128'
  | 'u256'
  /** Local index, ULEB128 up to 255 (CopyLoc, MoveLoc, StLoc, borrows of locals). */
  | 'local'
  /** ULEB128 table index: constant, field handle, function handle, struct def, instantiations, signature. */
  | 'index'
  /** Signature index (ULEB128) then a u64 little-endian element count (VecPack, VecUnpack). */
  | 'index-count';

export interface OpcodeInfo {
  code: number;
  name: string;
  operand: OperandKind;
  /** The table an `index` operand points into, for bounds checks and printing. */
  table?:
    | 'constant'
    | 'fieldHandle'
    | 'fieldInst'
    | 'functionHandle'
    | 'functionInst'
    | 'structDef'
    | 'structInst'
    | 'signature';
}

const T = (
  code: number,
  name: string,
  operand: OperandKind = 'none',
  table?: OpcodeInfo['table'],
): OpcodeInfo => (table === undefined ? { code, name, operand } : { code, name, operand, table });

export const OPCODES: readonly OpcodeInfo[] = [
  T(0x01, 'Pop'),
  T(0x02, 'Ret'),
  T(0x03, 'BrTrue', 'offset'),
  T(0x04, 'BrFalse', 'offset'),
  T(0x05, 'Branch', 'offset'),
  T(0x06, 'LdU64', 'u64'),
  T(0x07, 'LdConst', 'index', 'constant'),
  T(0x08, 'LdTrue'),
  T(0x09, 'LdFalse'),
  T(0x0a, 'CopyLoc', 'local'),
  T(0x0b, 'MoveLoc', 'local'),
  T(0x0c, 'StLoc', 'local'),
  T(0x0d, 'MutBorrowLoc', 'local'),
  T(0x0e, 'ImmBorrowLoc', 'local'),
  T(0x0f, 'MutBorrowField', 'index', 'fieldHandle'),
  T(0x10, 'ImmBorrowField', 'index', 'fieldHandle'),
  T(0x11, 'Call', 'index', 'functionHandle'),
  T(0x12, 'Pack', 'index', 'structDef'),
  T(0x13, 'Unpack', 'index', 'structDef'),
  T(0x14, 'ReadRef'),
  T(0x15, 'WriteRef'),
  T(0x16, 'Add'),
  T(0x17, 'Sub'),
  T(0x18, 'Mul'),
  T(0x19, 'Mod'),
  T(0x1a, 'Div'),
  T(0x1b, 'BitOr'),
  T(0x1c, 'BitAnd'),
  T(0x1d, 'Xor'),
  T(0x1e, 'Or'),
  T(0x1f, 'And'),
  T(0x20, 'Not'),
  T(0x21, 'Eq'),
  T(0x22, 'Neq'),
  T(0x23, 'Lt'),
  T(0x24, 'Gt'),
  T(0x25, 'Le'),
  T(0x26, 'Ge'),
  T(0x27, 'Abort'),
  T(0x28, 'Nop'),
  T(0x29, 'Exists', 'index', 'structDef'),
  T(0x2a, 'MutBorrowGlobal', 'index', 'structDef'),
  T(0x2b, 'ImmBorrowGlobal', 'index', 'structDef'),
  T(0x2c, 'MoveFrom', 'index', 'structDef'),
  T(0x2d, 'MoveTo', 'index', 'structDef'),
  T(0x2e, 'FreezeRef'),
  T(0x2f, 'Shl'),
  T(0x30, 'Shr'),
  T(0x31, 'LdU8', 'u8'),
  T(0x32, 'LdU128', 'u128'),
  T(0x33, 'CastU8'),
  T(0x34, 'CastU64'),
  T(0x35, 'CastU128'),
  T(0x36, 'MutBorrowFieldGeneric', 'index', 'fieldInst'),
  T(0x37, 'ImmBorrowFieldGeneric', 'index', 'fieldInst'),
  T(0x38, 'CallGeneric', 'index', 'functionInst'),
  T(0x39, 'PackGeneric', 'index', 'structInst'),
  T(0x3a, 'UnpackGeneric', 'index', 'structInst'),
  T(0x3b, 'ExistsGeneric', 'index', 'structInst'),
  T(0x3c, 'MutBorrowGlobalGeneric', 'index', 'structInst'),
  T(0x3d, 'ImmBorrowGlobalGeneric', 'index', 'structInst'),
  T(0x3e, 'MoveFromGeneric', 'index', 'structInst'),
  T(0x3f, 'MoveToGeneric', 'index', 'structInst'),
  T(0x40, 'VecPack', 'index-count', 'signature'),
  T(0x41, 'VecLen', 'index', 'signature'),
  T(0x42, 'VecImmBorrow', 'index', 'signature'),
  T(0x43, 'VecMutBorrow', 'index', 'signature'),
  T(0x44, 'VecPushBack', 'index', 'signature'),
  T(0x45, 'VecPopBack', 'index', 'signature'),
  T(0x46, 'VecUnpack', 'index-count', 'signature'),
  T(0x47, 'VecSwap', 'index', 'signature'),
  T(0x48, 'LdU16', 'u16'),
  T(0x49, 'LdU32', 'u32'),
  T(0x4a, 'LdU256', 'u256'),
  T(0x4b, 'CastU16'),
  T(0x4c, 'CastU32'),
  T(0x4d, 'CastU256'),
];

const BY_CODE: (OpcodeInfo | undefined)[] = [];
for (const o of OPCODES) BY_CODE[o.code] = o;
const BY_NAME = new Map(OPCODES.map((o) => [o.name, o]));

export function opcodeInfo(code: number): OpcodeInfo | undefined {
  return BY_CODE[code];
}

export function opcodeByName(name: string): OpcodeInfo | undefined {
  return BY_NAME.get(name);
}

/** Byte width of the literal operands. */
export const LITERAL_BYTES: Partial<Record<OperandKind, number>> = {
  u8: 1,
  u16: 2,
  u32: 4,
  u64: 8,
  u128: 16,
  u256: 32,
};
