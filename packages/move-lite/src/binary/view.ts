import { toHex } from '@polyvm/core';
import type { CompiledUnit, FunctionHandle, SignatureToken, StructHandle } from './types.js';

/** Name lookups over a compiled unit, shared by the verifier, disassembler and loader. */
export function identifier(unit: CompiledUnit, index: number): string {
  return unit.identifiers[index] ?? `<bad identifier ${index}>`;
}

/** `0x1::Vector` style module id of a module handle; addresses print trimmed of leading zeros. */
export function moduleHandleName(unit: CompiledUnit, index: number): string {
  const h = unit.moduleHandles[index];
  if (!h) return `<bad module handle ${index}>`;
  return `${shortAddress(unit.addressIdentifiers[h.address])}::${identifier(unit, h.name)}`;
}

export function shortAddress(address: Uint8Array | undefined): string {
  if (!address) return '<bad address>';
  const hex = toHex(address).slice(2).replace(/^0+/, '');
  return `0x${hex || '0'}`;
}

export function structHandleName(unit: CompiledUnit, handle: StructHandle, qualify: boolean): string {
  const name = identifier(unit, handle.name);
  return qualify ? `${moduleHandleName(unit, handle.module)}::${name}` : name;
}

export function functionHandleName(unit: CompiledUnit, handle: FunctionHandle, qualify: boolean): string {
  const name = identifier(unit, handle.name);
  return qualify ? `${moduleHandleName(unit, handle.module)}::${name}` : name;
}

/** Whether a handle belongs to the module itself (printed without qualification). */
export function isLocal(unit: CompiledUnit, moduleIndex: number): boolean {
  return unit.kind === 'module' && moduleIndex === unit.selfModuleHandle;
}

/** Move-syntax type, e.g. `vector<u8>`, `&mut Coin<T0>`, `0x1::Option::Option<u64>`. */
export function formatToken(
  unit: CompiledUnit,
  t: SignatureToken,
  typeParamNames?: readonly string[],
): string {
  switch (t.kind) {
    case 'vector':
      return `vector<${formatToken(unit, t.elem, typeParamNames)}>`;
    case 'ref':
      return `&${formatToken(unit, t.inner, typeParamNames)}`;
    case 'mutref':
      return `&mut ${formatToken(unit, t.inner, typeParamNames)}`;
    case 'tparam':
      return typeParamNames?.[t.index] ?? `T${t.index}`;
    case 'struct':
    case 'structInst': {
      const h = unit.structHandles[t.handle];
      if (!h) return `<bad struct handle ${t.handle}>`;
      const name = structHandleName(unit, h, !isLocal(unit, h.module));
      if (t.kind === 'struct') return name;
      return `${name}<${t.args.map((a) => formatToken(unit, a, typeParamNames)).join(', ')}>`;
    }
    default:
      return t.kind;
  }
}

const ABILITY_NAMES = ['copy', 'drop', 'store', 'key'] as const;

export function formatAbilities(bits: number): string[] {
  return ABILITY_NAMES.filter((_, i) => (bits & (1 << i)) !== 0);
}
