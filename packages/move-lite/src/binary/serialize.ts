import { InvalidArgumentError } from '@polyvm/core';
import { Writer } from './cursor.js';
import { hasAccessSpecifiers, MOVE_MAGIC, OPTION_NONE, TokenTag } from './deserialize.js';
import { LITERAL_BYTES, opcodeInfo } from './opcodes.js';
import {
  type CodeUnit,
  type CompiledModule,
  type CompiledScript,
  type CompiledUnit,
  type Instantiation,
  type ModuleHandle,
  type SignatureToken,
  TableKind,
} from './types.js';

/** The order the Move serializer writes tables in (serializer.rs `serialize_common_tables` + module tables). */
const CANONICAL_ORDER: readonly number[] = [
  TableKind.ModuleHandles,
  TableKind.StructHandles,
  TableKind.FunctionHandles,
  TableKind.FunctionInst,
  TableKind.Signatures,
  TableKind.ConstantPool,
  TableKind.Metadata,
  TableKind.Identifiers,
  TableKind.AddressIdentifiers,
  TableKind.StructDefs,
  TableKind.StructDefInst,
  TableKind.FunctionDefs,
  TableKind.FieldHandles,
  TableKind.FieldInst,
  TableKind.FriendDecls,
];

/**
 * Encodes a module or script. A decoded unit keeps its table order, so decode → serialize is
 * byte-exact; a unit built in memory (the assembler) uses the Move serializer's order. Empty
 * tables are omitted, as the Move serializer does.
 */
export function serialize(unit: CompiledUnit): Uint8Array {
  const contents = new Map<number, Uint8Array>();
  for (const kind of CANONICAL_ORDER) {
    const w = new Writer();
    writeTable(w, kind, unit);
    if (w.length > 0) contents.set(kind, w.finish());
  }
  const present = (order: number[]): number[] => {
    const kept = order.filter((k) => contents.has(k));
    for (const k of CANONICAL_ORDER) if (contents.has(k) && !kept.includes(k)) kept.push(k);
    return kept;
  };
  const contentOrder = present(unit.contentOrder);
  const headerOrder = present(unit.headerOrder);
  const offsets = new Map<number, number>();
  let offset = 0;
  for (const k of contentOrder) {
    offsets.set(k, offset);
    offset += contents.get(k)!.length;
  }
  const w = new Writer();
  w.bytes(MOVE_MAGIC);
  w.u32le(unit.versionWord);
  w.uleb128(headerOrder.length);
  for (const k of headerOrder) {
    w.u8(k);
    w.uleb128(offsets.get(k)!);
    w.uleb128(contents.get(k)!.length);
  }
  for (const k of contentOrder) w.bytes(contents.get(k)!);
  if (unit.kind === 'module') {
    w.uleb128(unit.selfModuleHandle);
  } else {
    writeScriptTail(w, unit);
  }
  return w.finish();
}

function writeScriptTail(w: Writer, script: CompiledScript): void {
  w.uleb128(script.typeParameters.length);
  for (const a of script.typeParameters) w.u8(a);
  w.uleb128(script.parameters);
  writeCodeUnit(w, script.code);
}

const writeModuleHandle = (w: Writer, h: ModuleHandle): void => {
  w.uleb128(h.address);
  w.uleb128(h.name);
};
const writeInstantiation = (w: Writer, i: Instantiation): void => {
  w.uleb128(i.target);
  w.uleb128(i.typeParameters);
};

function writeTable(w: Writer, kind: number, u: CompiledUnit): void {
  const m = u.kind === 'module' ? (u as CompiledModule) : undefined;
  switch (kind) {
    case TableKind.ModuleHandles:
      for (const h of u.moduleHandles) writeModuleHandle(w, h);
      return;
    case TableKind.StructHandles:
      for (const h of u.structHandles) {
        w.uleb128(h.module);
        w.uleb128(h.name);
        w.u8(h.abilities);
        w.uleb128(h.typeParameters.length);
        for (const p of h.typeParameters) {
          w.u8(p.constraints);
          if (u.version >= 3) w.u8(p.isPhantom ? 1 : 0);
        }
      }
      return;
    case TableKind.FunctionHandles:
      for (const h of u.functionHandles) {
        w.uleb128(h.module);
        w.uleb128(h.name);
        w.uleb128(h.parameters);
        w.uleb128(h.returns);
        w.uleb128(h.typeParameters.length);
        for (const a of h.typeParameters) w.u8(a);
        // v7: no access specifiers.
        if (hasAccessSpecifiers(u.versionWord)) w.u8(OPTION_NONE);
      }
      return;
    case TableKind.FunctionInst:
      for (const i of u.functionInstantiations) writeInstantiation(w, i);
      return;
    case TableKind.Signatures:
      for (const s of u.signatures) {
        w.uleb128(s.length);
        for (const t of s) writeToken(w, t);
      }
      return;
    case TableKind.ConstantPool:
      for (const c of u.constantPool) {
        writeToken(w, c.type);
        w.lenBytes(c.data);
      }
      return;
    case TableKind.Metadata:
      for (const e of u.metadata) {
        w.lenBytes(e.key);
        w.lenBytes(e.value);
      }
      return;
    case TableKind.Identifiers:
      for (const id of u.identifiers) {
        w.uleb128(id.length);
        for (let i = 0; i < id.length; i++) w.u8(id.charCodeAt(i));
      }
      return;
    case TableKind.AddressIdentifiers:
      for (const a of u.addressIdentifiers) w.bytes(a);
      return;
  }
  if (!m) return;
  switch (kind) {
    case TableKind.StructDefs:
      for (const d of m.structDefs) {
        w.uleb128(d.handle);
        if (!d.fields) {
          w.u8(0x1);
          continue;
        }
        w.u8(0x2);
        w.uleb128(d.fields.length);
        for (const f of d.fields) {
          w.uleb128(f.name);
          writeToken(w, f.type);
        }
      }
      return;
    case TableKind.StructDefInst:
      for (const i of m.structDefInstantiations) writeInstantiation(w, i);
      return;
    case TableKind.FunctionDefs:
      for (const f of m.functionDefs) {
        w.uleb128(f.handle);
        w.u8(f.visibility);
        w.u8(f.flags);
        w.uleb128(f.acquires.length);
        for (const a of f.acquires) w.uleb128(a);
        if (f.code) writeCodeUnit(w, f.code);
      }
      return;
    case TableKind.FieldHandles:
      for (const h of m.fieldHandles) {
        w.uleb128(h.owner);
        w.uleb128(h.field);
      }
      return;
    case TableKind.FieldInst:
      for (const i of m.fieldInstantiations) writeInstantiation(w, i);
      return;
    case TableKind.FriendDecls:
      for (const h of m.friendDecls) writeModuleHandle(w, h);
      return;
  }
}

export function writeToken(w: Writer, t: SignatureToken): void {
  switch (t.kind) {
    case 'vector':
      w.u8(TokenTag.vector);
      writeToken(w, t.elem);
      return;
    case 'ref':
    case 'mutref':
      w.u8(TokenTag[t.kind]);
      writeToken(w, t.inner);
      return;
    case 'struct':
      w.u8(TokenTag.struct);
      w.uleb128(t.handle);
      return;
    case 'structInst':
      w.u8(TokenTag.structInst);
      w.uleb128(t.handle);
      w.uleb128(t.args.length);
      for (const a of t.args) writeToken(w, a);
      return;
    case 'tparam':
      w.u8(TokenTag.tparam);
      w.uleb128(t.index);
      return;
    default:
      w.u8(TokenTag[t.kind]);
  }
}

function writeCodeUnit(w: Writer, code: CodeUnit): void {
  w.uleb128(code.locals);
  w.uleb128(code.code.length);
  for (const ins of code.code) {
    w.u8(ins.op);
    const info = opcodeInfo(ins.op);
    if (!info) throw new InvalidArgumentError(`unknown opcode 0x${ins.op.toString(16)}`);
    switch (info.operand) {
      case 'none':
        break;
      case 'offset':
      case 'index':
        w.uleb128(ins.a);
        break;
      case 'local':
        w.uleb128(ins.a);
        break;
      case 'index-count':
        w.uleb128(ins.a);
        w.uintLe(BigInt(ins.count ?? 0), 8);
        break;
      default: {
        const width = LITERAL_BYTES[info.operand]!;
        w.uintLe(width <= 4 ? BigInt(ins.a) : (ins.big ?? 0n), width);
      }
    }
  }
}
