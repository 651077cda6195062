import { addressFromNumber, InvalidArgumentError, type JournaledState } from '@polyvm/core';
import { assembleToBytes } from './asm/assemble.js';
import type { MoveRuntime } from './runtime.js';

/**
 * The native-backed part of the Move standard library at `0x1` (move-stdlib `signer.move`,
 * `hash.move`, `bcs.move`, `vector.move`, and the table extension's `table.move` as in
 * aptos-stdlib), as assembler text. Publishing these declarations is
 * what lets other modules link against the natives this VM implements.
 */
export const STDLIB_SOURCES: Readonly<Record<string, string>> = {
  signer: `module 0x1::signer
native public fun borrow_address(s: &signer): &address
public fun address_of(s: &signer): address {
  MoveLoc s
  Call borrow_address
  ReadRef
  Ret
}
`,
  hash: `module 0x1::hash
native public fun sha2_256(data: vector<u8>): vector<u8>
native public fun sha3_256(data: vector<u8>): vector<u8>
`,
  bcs: `module 0x1::bcs
native public fun to_bytes<T0>(v: &T0): vector<u8>
`,
  table: `module 0x1::table
struct Table<phantom T0: copy + drop, phantom T1> has store {
  handle: address
}
struct Box<T0> has drop, store, key {
  val: T0
}
native fun new_table_handle<T0, T1>(): address
native fun add_box<T0: copy + drop, T1, T2>(table: &mut Table<T0, T1>, key: T0, val: Box<T1>)
native fun borrow_box<T0: copy + drop, T1, T2>(table: &Table<T0, T1>, key: T0): &Box<T1>
native fun borrow_box_mut<T0: copy + drop, T1, T2>(table: &mut Table<T0, T1>, key: T0): &mut Box<T1>
native fun contains_box<T0: copy + drop, T1, T2>(table: &Table<T0, T1>, key: T0): bool
native fun remove_box<T0: copy + drop, T1, T2>(table: &mut Table<T0, T1>, key: T0): Box<T1>
public fun new<T0: copy + drop, T1: store>(): Table<T0, T1> {
  Call new_table_handle<T0, T1>
  Pack Table<T0, T1>
  Ret
}
public fun add<T0: copy + drop, T1>(table: &mut Table<T0, T1>, key: T0, val: T1) {
  MoveLoc table
  MoveLoc key
  MoveLoc val
  Pack Box<T1>
  Call add_box<T0, T1, Box<T1>>
  Ret
}
public fun borrow<T0: copy + drop, T1>(table: &Table<T0, T1>, key: T0): &T1 {
  MoveLoc table
  MoveLoc key
  Call borrow_box<T0, T1, Box<T1>>
  ImmBorrowField Box<T1>.val
  Ret
}
public fun borrow_mut<T0: copy + drop, T1>(table: &mut Table<T0, T1>, key: T0): &mut T1 {
  MoveLoc table
  MoveLoc key
  Call borrow_box_mut<T0, T1, Box<T1>>
  MutBorrowField Box<T1>.val
  Ret
}
public fun contains<T0: copy + drop, T1>(table: &Table<T0, T1>, key: T0): bool {
  MoveLoc table
  MoveLoc key
  Call contains_box<T0, T1, Box<T1>>
  Ret
}
public fun remove<T0: copy + drop, T1>(table: &mut Table<T0, T1>, key: T0): T1 {
  MoveLoc table
  MoveLoc key
  Call remove_box<T0, T1, Box<T1>>
  Unpack Box<T1>
  Ret
}
`,
  vector: `module 0x1::vector
native public fun empty<T0>(): vector<T0>
native public fun length<T0>(v: &vector<T0>): u64
native public fun borrow<T0>(v: &vector<T0>, i: u64): &T0
native public fun push_back<T0>(v: &mut vector<T0>, e: T0)
native public fun borrow_mut<T0>(v: &mut vector<T0>, i: u64): &mut T0
native public fun pop_back<T0>(v: &mut vector<T0>): T0
native public fun destroy_empty<T0>(v: vector<T0>)
native public fun swap<T0>(v: &mut vector<T0>, i: u64, j: u64)
`,
};

/**
 * Publishes stdlib modules from `0x1` (all of them, or the `names` given); returns the bytes
 * published and the gas used.
 */
export function publishStdlib(
  runtime: MoveRuntime,
  state: JournaledState,
  names: readonly string[] = Object.keys(STDLIB_SOURCES),
): { codeSize: number; gasUsed: number } {
  const sender = addressFromNumber(1, runtime.addressWidth);
  let codeSize = 0;
  let gasUsed = 0;
  for (const name of names) {
    const source = STDLIB_SOURCES[name];
    if (source === undefined) throw new InvalidArgumentError(`no stdlib module "${name}"`);
    const code = assembleToBytes(source, { addressWidth: runtime.addressWidth });
    const receipt = runtime.deploy(state, { sender, code, gasLimit: 10_000_000n });
    if (receipt.status !== 'success') throw receipt.error ?? new Error(`publishing 0x1::${name} failed`);
    codeSize += code.length;
    gasUsed += receipt.gasUsed;
  }
  return { codeSize, gasUsed };
}
