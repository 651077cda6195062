/**
 * The in-memory form of a compiled Move module or script, mirroring move-binary-format's
 * `CompiledModule` / `CompiledScript` (file_format.rs). Indices are plain numbers into the tables.
 */

/** Ability bits (file_format.rs `Ability`). */
export const Ability = { Copy: 0x1, Drop: 0x2, Store: 0x4, Key: 0x8 } as const;
export const ALL_ABILITIES = 0xf;

export type PrimitiveKind = 'bool' | 'u8' | 'u16' | 'u32' | 'u64' | 'u128' | 'u256' | 'address' | 'signer';

export type SignatureToken =
  | { kind: PrimitiveKind }
  | { kind: 'vector'; elem: SignatureToken }
  | { kind: 'ref' | 'mutref'; inner: SignatureToken }
  | { kind: 'struct'; handle: number }
  | { kind: 'structInst'; handle: number; args: SignatureToken[] }
  | { kind: 'tparam'; index: number };

export type Signature = SignatureToken[];

export interface ModuleHandle {
  address: number;
  name: number;
}

export interface StructTypeParameter {
  constraints: number;
  isPhantom: boolean;
}

export interface StructHandle {
  module: number;
  name: number;
  abilities: number;
  typeParameters: StructTypeParameter[];
}

export interface FunctionHandle {
  module: number;
  name: number;
  parameters: number;
  returns: number;
  /** Ability constraints of each type parameter. */
  typeParameters: number[];
}

export interface FieldHandle {
  owner: number;
  field: number;
}

/** A generic instantiation: a handle/definition index plus a signature of type arguments. */
export interface Instantiation {
  target: number;
  typeParameters: number;
}

export interface Constant {
  type: SignatureToken;
  data: Uint8Array;
}

export interface Metadata {
  key: Uint8Array;
  value: Uint8Array;
}

export interface FieldDefinition {
  name: number;
  type: SignatureToken;
}

export interface StructDefinition {
  handle: number;
  /** `undefined` for a native struct. */
  fields: FieldDefinition[] | undefined;
}

export interface Instruction {
  op: number;
  /** Index, local, offset or small literal; 0 when the opcode has no operand. */
  a: number;
  /** u64/u128/u256 literals (`LdU64`…); element count of VecPack/VecUnpack as a number in `a2`. */
  big?: bigint;
  count?: number;
}

export interface CodeUnit {
  locals: number;
  code: Instruction[];
}

/** Visibility as stored from v5 on (file_format.rs `Visibility`); v4's `script` (2) maps to public entry. */
export const Visibility = { Private: 0, Public: 1, Script: 2, Friend: 3 } as const;
/** Flag bits of a function definition (file_format.rs `FunctionDefinition::NATIVE/ENTRY`). */
export const FunctionFlag = { Native: 0x2, Entry: 0x4 } as const;

export interface FunctionDefinition {
  handle: number;
  /** The stored visibility byte. */
  visibility: number;
  /** The stored flags byte (native, entry). */
  flags: number;
  acquires: number[];
  code: CodeUnit | undefined;
}

/** Table kinds (file_format_common.rs `TableType`). */
export const TableKind = {
  ModuleHandles: 0x1,
  StructHandles: 0x2,
  FunctionHandles: 0x3,
  FunctionInst: 0x4,
  Signatures: 0x5,
  ConstantPool: 0x6,
  Identifiers: 0x7,
  AddressIdentifiers: 0x8,
  StructDefs: 0xa,
  StructDefInst: 0xb,
  FunctionDefs: 0xc,
  FieldHandles: 0xd,
  FieldInst: 0xe,
  FriendDecls: 0xf,
  Metadata: 0x10,
} as const;

interface CommonTables {
  /** The raw version word; `version` is its low 16 bits, the high byte is a chain flavor (Sui, Aptos). */
  versionWord: number;
  version: number;
  addressWidth: number;
  /** Table kinds in header order and in content order, kept so a decoded binary re-encodes byte for byte. */
  headerOrder: number[];
  contentOrder: number[];
  moduleHandles: ModuleHandle[];
  structHandles: StructHandle[];
  functionHandles: FunctionHandle[];
  functionInstantiations: Instantiation[];
  signatures: Signature[];
  identifiers: string[];
  addressIdentifiers: Uint8Array[];
  constantPool: Constant[];
  metadata: Metadata[];
}

export interface CompiledModule extends CommonTables {
  kind: 'module';
  selfModuleHandle: number;
  structDefs: StructDefinition[];
  structDefInstantiations: Instantiation[];
  functionDefs: FunctionDefinition[];
  fieldHandles: FieldHandle[];
  fieldInstantiations: Instantiation[];
  friendDecls: ModuleHandle[];
}

export interface CompiledScript extends CommonTables {
  kind: 'script';
  typeParameters: number[];
  parameters: number;
  code: CodeUnit;
}

export type CompiledUnit = CompiledModule | CompiledScript;

export function emptyModule(addressWidth: number, version = 6): CompiledModule {
  return {
    kind: 'module',
    versionWord: version,
    version,
    addressWidth,
    headerOrder: [],
    contentOrder: [],
    selfModuleHandle: 0,
    moduleHandles: [],
    structHandles: [],
    functionHandles: [],
    functionInstantiations: [],
    signatures: [],
    identifiers: [],
    addressIdentifiers: [],
    constantPool: [],
    metadata: [],
    structDefs: [],
    structDefInstantiations: [],
    functionDefs: [],
    fieldHandles: [],
    fieldInstantiations: [],
    friendDecls: [],
  };
}
