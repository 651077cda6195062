import { ripemd160 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256, sha3_256 } from '@noble/hashes/sha3.js';
import type { ExecutionEvent, GasCategory } from '@polyvm/core';
import { bcsEncode, typeTagBytes } from './bcs.js';
import { vmError } from './errors.js';
import { NATIVE } from './gas.js';
import type { Int } from './ints.js';
import { bytesOf, hashNative, vectorAt, vectorIndex, vectorOf } from './native-values.js';
import { aptosNatives, fromBytes, STARCOIN_EFROM_BYTES } from './natives-aptos.js';
import { starcoinNatives } from './natives-starcoin.js';
import { suiNatives } from './natives-sui.js';
import { tableNatives } from './natives-table.js';
import type { GlobalStore } from './storage.js';
import type { TransactionContext } from './tx-context.js';
import { formatValue, Ref, type RType, type Value } from './value.js';

export interface NativeContext {
  charge(amount: number, category: GasCategory): void;
  /** The transaction's storage cache (for the table extension). */
  store: GlobalStore;
  addressWidth: number;
  /** The transaction's context (sender, digest, epoch, gas price, fresh-id counter…). */
  tx: TransactionContext;
  emit(event: ExecutionEvent): void;
  log(line: string): void;
}

/** A native function: type arguments and argument values in, return values out. */
export type NativeFunction = (ctx: NativeContext, typeArgs: readonly RType[], args: Value[]) => Value[];

/** std::vector natives (move-stdlib `vector.move`); the same cost as the equivalent bytecodes. */
const VECTOR: Record<string, NativeFunction> = {
  empty: () => [[]],
  length: (_c, _t, [r]) => [vectorAt(r!).length],
  borrow: (_c, _t, [r, i]) => {
    const v = vectorAt(r!);
    return [new Ref(v, vectorIndex(v, i!))];
  },
  borrow_mut: (_c, _t, [r, i]) => {
    const v = vectorAt(r!);
    return [new Ref(v, vectorIndex(v, i!))];
  },
  push_back: (_c, _t, [r, e]) => {
    vectorAt(r!).push(e!);
    return [];
  },
  pop_back: (_c, _t, [r]) => {
    const v = vectorAt(r!);
    if (v.length === 0) throw vmError('VECTOR_OPERATION_ERROR', 'pop_back on an empty vector');
    return [v.pop()!];
  },
  destroy_empty: (_c, _t, [v]) => {
    if ((v as Value[]).length !== 0)
      throw vmError('VECTOR_OPERATION_ERROR', 'destroy_empty on a non-empty vector');
    return [];
  },
  swap: (_c, _t, [r, i, j]) => {
    const v = vectorAt(r!);
    const a = vectorIndex(v, i!);
    const b = vectorIndex(v, j!);
    [v[a], v[b]] = [v[b]!, v[a]!];
    return [];
  },
};

const HASH: Record<string, NativeFunction> = {
  sha2_256: hashNative(sha256, NATIVE.sha2_256_base, NATIVE.sha2_256_per_byte),
  sha3_256: hashNative(sha3_256, NATIVE.sha3_256_base, NATIVE.sha3_256_per_byte),
  // Starcoin's Hash::keccak_256; priced like sha3 (same permutation).
  keccak_256: hashNative(keccak_256, NATIVE.sha3_256_base, NATIVE.sha3_256_per_byte),
  // Starcoin's Hash::ripemd160; priced like sha2 (no Aptos entry).
  ripemd160: hashNative(ripemd160, NATIVE.sha2_256_base, NATIVE.sha2_256_per_byte),
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** move-stdlib `string.move` natives over UTF-8 byte vectors. */
const STRING: Record<string, NativeFunction> = {
  internal_check_utf8: (_c, _t, [r]) => {
    try {
      utf8.decode(bytesOf((r as Ref).read()));
      return [true];
    } catch {
      return [false];
    }
  },
  internal_is_char_boundary: (_c, _t, [r, i]) => {
    const b = bytesOf((r as Ref).read());
    const n = Number(i as Int);
    return [n === 0 || n === b.length || (n < b.length && (b[n]! & 0xc0) !== 0x80)];
  },
  internal_sub_string: (_c, _t, [r, i, j]) => [
    vectorOf(bytesOf((r as Ref).read()).subarray(Number(i as Int), Number(j as Int))),
  ],
  internal_index_of: (_c, _t, [r, p]) => {
    const hay = Buffer.from(bytesOf((r as Ref).read()));
    const at = hay.indexOf(Buffer.from(bytesOf((p as Ref).read())));
    return [at < 0 ? hay.length : at];
  },
};

const BCS: Record<string, NativeFunction> = {
  to_bytes: (ctx, [t], [r]) => {
    const out = bcsEncode((r as Ref).read(), t!);
    ctx.charge(NATIVE.bcs_to_bytes_per_byte * out.length, 'compute');
    return [vectorOf(out)];
  },
  // Starcoin BCS::to_address: the bytes of an address, checked for length.
  to_address: (ctx, _t, [v]) => {
    const b = bytesOf(v!);
    if (b.length !== ctx.addressWidth)
      throw vmError('ABORTED', `to_address needs ${ctx.addressWidth} bytes, got ${b.length}`);
    return [b];
  },
};

const SIGNER: Record<string, NativeFunction> = {
  // A signer value has the same representation as its address, so the reference is reused as-is.
  borrow_address: (ctx, _t, [r]) => {
    ctx.charge(NATIVE.signer_borrow_address, 'compute');
    return [r!];
  },
};

const EVENT: Record<string, NativeFunction> = {
  write_to_event_store: (ctx, [t], [guid, _count, msg]) => {
    const type = t!;
    const key = bytesOf(guid!);
    ctx.emit({
      emitter: key.slice(Math.max(0, key.length - ctx.addressWidth)),
      topics: [typeTagBytes(type)],
      data: bcsEncode(msg!, type),
    });
    return [];
  },
};

const DEBUG: Record<string, NativeFunction> = {
  print: (ctx, _t, [r]) => {
    ctx.log(`[debug] ${formatValue((r as Ref).read())}`);
    return [];
  },
  print_stack_trace: () => [],
};

/** Native functions by `0x1::Module::function`; Starcoin/Diem capitalized and std lower-case module names. */
export function stdNatives(): Map<string, NativeFunction> {
  const table = new Map<string, NativeFunction>();
  const add = (modules: string[], fns: Record<string, NativeFunction>): void => {
    for (const m of modules)
      for (const [name, fn] of Object.entries(fns)) table.set(`0x1::${m}::${name}`, fn);
  };
  add(['Vector', 'vector'], VECTOR);
  add(['Hash', 'hash'], HASH);
  add(['BCS', 'bcs'], BCS);
  add(['Signer', 'signer'], SIGNER);
  add(['Event', 'event'], EVENT);
  add(['Debug', 'debug'], DEBUG);
  add(['String', 'string'], STRING);
  // A malformed input aborts with the framework's code: Aptos' EFROM_BYTES, Starcoin's own.
  table.set('0x1::from_bcs::from_bytes', fromBytes('0x1::from_bcs::from_bytes'));
  table.set('0x1::FromBCS::from_bytes', fromBytes('0x1::FromBCS::from_bytes', STARCOIN_EFROM_BYTES));
  for (const [name, fn] of starcoinNatives()) table.set(name, fn);
  for (const [name, fn] of tableNatives()) table.set(name, fn);
  for (const [name, fn] of aptosNatives()) table.set(name, fn);
  for (const [name, fn] of suiNatives()) table.set(name, fn);
  return table;
}
