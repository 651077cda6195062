import type { PrimitiveKind } from './types.js';

/** Integer widths, numbered so a `Uint8Array` can annotate each instruction with its operand width. */
export const IntKind = { None: 0, U8: 1, U16: 2, U32: 3, U64: 4, U128: 5, U256: 6 } as const;
export const INT_BITS = [0, 8, 16, 32, 64, 128, 256] as const;
export const INT_NAMES: readonly PrimitiveKind[] = ['bool', 'u8', 'u16', 'u32', 'u64', 'u128', 'u256'];
export const INT_KIND_BY_NAME: Readonly<Record<string, number>> = {
  u8: 1,
  u16: 2,
  u32: 3,
  u64: 4,
  u128: 5,
  u256: 6,
};

/** Width pushed by each literal load: LdU8 0x31, LdU16 0x48, LdU32 0x49, LdU64 0x06, LdU128 0x32, LdU256 0x4A. */
export const LOAD_KIND = new Map<number, number>([
  [0x31, IntKind.U8],
  [0x48, IntKind.U16],
  [0x49, IntKind.U32],
  [0x06, IntKind.U64],
  [0x32, IntKind.U128],
  [0x4a, IntKind.U256],
]);

/** Target width of each cast: CastU8 0x33, CastU16 0x4B, CastU32 0x4C, CastU64 0x34, CastU128 0x35, CastU256 0x4D. */
export const CAST_KIND = new Map<number, number>([
  [0x33, IntKind.U8],
  [0x4b, IntKind.U16],
  [0x4c, IntKind.U32],
  [0x34, IntKind.U64],
  [0x35, IntKind.U128],
  [0x4d, IntKind.U256],
]);
