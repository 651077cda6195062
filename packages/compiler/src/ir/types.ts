/**
 * IR value types: the Solidity types of the supported subset, with their storage layout where it is
 * intrinsic to the type (struct members). Every back end maps these; widths are exact Solidity widths.
 *
 * Runtime representation shared by the IR interpreter and the back ends' test harnesses:
 * - `uint`/`int`/`address`/`bool`/`fixedBytes` are `bigint` (signed ints as negative bigints, bool 0n/1n,
 *   `bytesN` as the N bytes read big-endian, so `bytes1(0xab)` is 0xabn).
 * - `string`/`bytes` are `Uint8Array`; arrays and structs in memory are mutable reference objects.
 */

export type IrType =
  | IrUintType
  | IrIntType
  | IrBoolType
  | IrAddressType
  | IrFixedBytesType
  | IrDynamicBytesType
  | IrStructType
  | IrArrayType
  | IrMappingType;

/** `uint8` … `uint256`; `bits` is a multiple of 8. */
export interface IrUintType {
  readonly kind: 'uint';
  readonly bits: number;
}
/** `int8` … `int256`, two's complement. */
export interface IrIntType {
  readonly kind: 'int';
  readonly bits: number;
}
export interface IrBoolType {
  readonly kind: 'bool';
}
/** 20-byte Ethereum address (`address` and `address payable`; value transfers are unsupported). */
export interface IrAddressType {
  readonly kind: 'address';
}
/** `bytes1` … `bytes32`: left-aligned in a 32-byte word on the EVM. */
export interface IrFixedBytesType {
  readonly kind: 'fixedBytes';
  readonly size: number;
}
/** `string` or `bytes` (dynamic byte arrays). */
export interface IrDynamicBytesType {
  readonly kind: 'string' | 'bytes';
}

/**
 * A Solidity struct. Members carry their solc storage position relative to the struct's first slot
 * (`storageLayout.types[...].members`), so an EVM back end and a storage comparator agree with solc.
 */
export interface IrStructType {
  readonly kind: 'struct';
  /** Canonical name, `Contract.Struct` as solc prints it. */
  readonly name: string;
  readonly fields: readonly IrStructField[];
  /** Whole slots the struct occupies in storage. */
  readonly storageSlots: number;
}
export interface IrStructField {
  readonly name: string;
  readonly type: IrType;
  /** Slot relative to the struct's base slot. */
  readonly slot: number;
  /** Byte offset inside that slot, counted from the low-order end (solc's packing). */
  readonly offset: number;
}

/** `T[k]` (`length` set) or `T[]` (`length` null). */
export interface IrArrayType {
  readonly kind: 'array';
  readonly element: IrType;
  readonly length: number | null;
}

/** `mapping(K => V)`; only in storage. Keys are value types or `string`/`bytes`. */
export interface IrMappingType {
  readonly kind: 'mapping';
  readonly key: IrType;
  readonly value: IrType;
}

/** Where a reference-typed value lives. Value types are `value`. */
export type IrLocation = 'value' | 'memory' | 'storage' | 'calldata';

export const BOOL: IrBoolType = { kind: 'bool' };
export const ADDRESS: IrAddressType = { kind: 'address' };
export const UINT256: IrUintType = { kind: 'uint', bits: 256 };
export const STRING: IrDynamicBytesType = { kind: 'string' };
export const BYTES: IrDynamicBytesType = { kind: 'bytes' };
export const uintType = (bits: number): IrUintType => ({ kind: 'uint', bits });
export const intType = (bits: number): IrIntType => ({ kind: 'int', bits });
export const fixedBytesType = (size: number): IrFixedBytesType => ({ kind: 'fixedBytes', size });

export function isValueType(type: IrType): boolean {
  return (
    type.kind === 'uint' ||
    type.kind === 'int' ||
    type.kind === 'bool' ||
    type.kind === 'address' ||
    type.kind === 'fixedBytes'
  );
}

export function isIntegerType(type: IrType): type is IrUintType | IrIntType {
  return type.kind === 'uint' || type.kind === 'int';
}

/** Bytes a value type occupies when packed in storage or `abi.encodePacked` (bool 1, address 20). */
export function valueTypeSize(type: IrType): number {
  switch (type.kind) {
    case 'uint':
    case 'int':
      return type.bits / 8;
    case 'bool':
      return 1;
    case 'address':
      return 20;
    case 'fixedBytes':
      return type.size;
    default:
      throw new TypeError(`valueTypeSize: ${typeName(type)} is not a value type`);
  }
}

/** Slots a type occupies in storage as a struct member or state variable (layout_in_storage.rst). */
export function storageSlots(type: IrType): number {
  if (isValueType(type)) return 1;
  switch (type.kind) {
    case 'struct':
      return type.storageSlots;
    case 'array': {
      if (type.length === null) return 1;
      const element = type.element;
      if (isValueType(element)) {
        const perSlot = Math.floor(32 / valueTypeSize(element));
        return Math.ceil(type.length / perSlot);
      }
      return type.length * storageSlots(element);
    }
    default:
      // mapping, string, bytes: one slot at their position.
      return 1;
  }
}

/** Elements of a storage array packed in one slot: several when each is ≤16 bytes, else 1 per slot(s). */
export function storageElementsPerSlot(element: IrType): number {
  return isValueType(element) ? Math.floor(32 / valueTypeSize(element)) : 1;
}

/** The Solidity spelling of a type, as in ABI signatures (`uint256`, `(uint256,address)` for structs). */
export function abiTypeName(type: IrType): string {
  switch (type.kind) {
    case 'struct':
      return `(${type.fields.map((f) => abiTypeName(f.type)).join(',')})`;
    case 'array':
      return `${abiTypeName(type.element)}[${type.length ?? ''}]`;
    case 'mapping':
      throw new TypeError('mappings have no ABI type');
    default:
      return typeName(type);
  }
}

/** The Solidity spelling of a type for messages (`struct Token.Account`, `mapping(address => uint256)`). */
export function typeName(type: IrType): string {
  switch (type.kind) {
    case 'uint':
      return `uint${type.bits}`;
    case 'int':
      return `int${type.bits}`;
    case 'bool':
    case 'address':
    case 'string':
    case 'bytes':
      return type.kind;
    case 'fixedBytes':
      return `bytes${type.size}`;
    case 'struct':
      return `struct ${type.name}`;
    case 'array':
      return `${typeName(type.element)}[${type.length ?? ''}]`;
    case 'mapping':
      return `mapping(${typeName(type.key)} => ${typeName(type.value)})`;
  }
}

export function sameType(a: IrType, b: IrType): boolean {
  return typeName(a) === typeName(b);
}

/** Smallest and largest value of an integer type. */
export function integerRange(type: IrUintType | IrIntType): { min: bigint; max: bigint } {
  if (type.kind === 'uint') return { min: 0n, max: (1n << BigInt(type.bits)) - 1n };
  const half = 1n << BigInt(type.bits - 1);
  return { min: -half, max: half - 1n };
}
