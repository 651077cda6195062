import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize as oracleDeserialize } from '@mysten/move-bytecode-template';
import { fixturesOrWarn, toHex } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assembleToBytes } from '../asm/assemble.js';
import { STDLIB_SOURCES } from '../stdlib.js';
import { FIB_SOURCE } from '../testing/samples.js';
import { deserializeModule } from './deserialize.js';
import { opcodeInfo } from './opcodes.js';
import type { Instruction, SignatureToken } from './types.js';

/** Our signature token in the reference's JSON shape (Sui names structs "Datatype"). */
function tokenJson(t: SignatureToken): unknown {
  switch (t.kind) {
    case 'vector':
      return { Vector: tokenJson(t.elem) };
    case 'ref':
      return { Reference: tokenJson(t.inner) };
    case 'mutref':
      return { MutableReference: tokenJson(t.inner) };
    case 'struct':
      return { Datatype: t.handle };
    case 'structInst':
      return { DatatypeInstantiation: [t.handle, t.args.map(tokenJson)] };
    case 'tparam':
      return { TypeParameter: t.index };
    default:
      return t.kind[0]!.toUpperCase() + t.kind.slice(1);
  }
}

/** Our instruction in the reference's JSON shape: a bare mnemonic or `{ Mnemonic: operand }`. */
function instructionJson(ins: Instruction): unknown {
  const info = opcodeInfo(ins.op)!;
  if (info.operand === 'none') return info.name;
  if (info.operand === 'index-count') return { [info.name]: [ins.a, String(ins.count)] };
  if (info.operand === 'u256') {
    // u256 literals appear as their 32 little-endian bytes.
    return { [info.name]: Array.from({ length: 32 }, (_, i) => Number((ins.big! >> BigInt(8 * i)) & 0xffn)) };
  }
  if (ins.big !== undefined) return { [info.name]: ins.big.toString() };
  return { [info.name]: ins.a };
}

const dir = fixturesOrWarn(
  'move',
  'Move deserializer differential test against @mysten/move-bytecode-template',
);

/** Compares our decoding of a 32-byte-address module with the Mysten (Sui) reference deserializer. */
function agreeWithOracle(bytes: Uint8Array): void {
  const ours = deserializeModule(bytes, { addressWidth: 32 });
  // The oracle returns untyped JSON with u64 literals sometimes as bigint, sometimes as strings.
  const normalized = JSON.stringify(oracleDeserialize(bytes), (_k, v) =>
    typeof v === 'bigint' ? v.toString() : v,
  );
  // biome-ignore lint/suspicious/noExplicitAny: oracle JSON
  const ref: any = JSON.parse(normalized);
  expect(ours.version).toBe(ref.version);
  expect(ours.selfModuleHandle).toBe(ref.self_module_handle_idx);
  expect(ours.identifiers).toEqual(ref.identifiers);
  expect(ours.addressIdentifiers.map((a) => toHex(a))).toEqual(
    ref.address_identifiers.map((a: string) => (a.startsWith('0x') ? a : `0x${a}`).toLowerCase()),
  );
  expect(ours.moduleHandles).toEqual(ref.module_handles);
  // biome-ignore lint/suspicious/noExplicitAny: oracle JSON
  const refStructs = ref.datatype_handles.map((h: any) => [
    h.module,
    h.name,
    h.abilities,
    h.type_parameters.length,
  ]);
  expect(ours.structHandles.map((h) => [h.module, h.name, h.abilities, h.typeParameters.length])).toEqual(
    refStructs,
  );
  // biome-ignore lint/suspicious/noExplicitAny: oracle JSON
  const refFns = ref.function_handles.map((h: any) => [h.module, h.name, h.parameters, h.return_]);
  expect(ours.functionHandles.map((h) => [h.module, h.name, h.parameters, h.returns])).toEqual(refFns);
  expect(ours.signatures.map((sig) => sig.map(tokenJson))).toEqual(ref.signatures);
  // biome-ignore lint/suspicious/noExplicitAny: oracle JSON
  expect(ours.constantPool.map((c) => [...c.data])).toEqual(ref.constant_pool.map((c: any) => c.data));
  // biome-ignore lint/suspicious/noExplicitAny: oracle JSON
  const refCode = ref.function_defs.map((f: any) => [f.function, f.code?.locals, f.code?.code]);
  expect(ours.functionDefs.map((f) => [f.handle, f.code?.locals, f.code?.code.map(instructionJson)])).toEqual(
    refCode,
  );
}

describe.skipIf(!dir)('differential: our deserializer vs the Mysten reference (32-byte addresses)', () => {
  it('agrees on every table of every Sui fixture', () => {
    const sui = join(dir!, 'mysten-ts-sdks');
    const files = readdirSync(sui).filter((f) => f.endsWith('.mv'));
    for (const file of files) agreeWithOracle(readFileSync(join(sui, file)));
    console.log(`move oracle: ${files.length} Sui modules agree with @mysten/move-bytecode-template`);
    expect(files.length).toBe(3);
  });
});

describe('differential: the reference deserializer reads what our assembler writes', () => {
  it('accepts and agrees on assembled modules', () => {
    const sources = [
      ...Object.values(STDLIB_SOURCES),
      FIB_SOURCE,
      `module 0x42::vectors
public fun run(n: u64): (u64, u128, u256) {
  locals v: vector<u64>
  LdU64 1
  LdU64 2
  VecPack<u64> 2
  StLoc v
  MutBorrowLoc v
  MoveLoc n
  VecPushBack<u64>
  MutBorrowLoc v
  LdU64 0
  LdU64 2
  VecSwap<u64>
  ImmBorrowLoc v
  VecLen<u64>
  LdU128 340282366920938463463374607431768211455
  LdU256 7
  LdU8 3
  CastU256
  Shl
  Ret
}
`,
      `module 0x42::shapes
struct Box<T0: copy + drop> has copy, drop {
  v: T0
}
const 0: vector<u8> = 0x03010203
public fun make(x: u64): Box<u64> {
  MoveLoc x
  Pack Box<u64>
  Ret
}
`,
    ];
    for (const source of sources) agreeWithOracle(assembleToBytes(source));
  });
});
