import { ARITH, LCG_A, LCG_C, SORT, TOKEN } from '../spec.js';

/**
 * The seven workloads in the polyvm Move assembler syntax (`@polyvm/move-lite` `assemble`), each a
 * module published by the deployer `0xa11ce`. Integer math the spec defines mod 2^64 is done in
 * u128 and reduced with `% 2^64`, because Move's u64 arithmetic aborts on overflow.
 */
export const DEPLOYER_HEX = '0xa11ce';
const TWO_64 = (1n << 64n).toString();

/** Loop header `label: if !(i < bound) goto exit` over the local `i`. */
const whileILess = (label: string, bound: number | string, exit: string): string =>
  `${label}:\n  CopyLoc i\n  LdU64 ${bound}\n  Lt\n  BrFalse ${exit}`;
/** Loop footer `i = i + 1; goto label`. */
const nextI = (label: string): string => `  MoveLoc i\n  LdU64 1\n  Add\n  StLoc i\n  Branch ${label}`;

/** A u64 counter resource under the deployer; `increment` adds one and returns the new value. */
export const COUNTER = `module 0xa11ce::counter
import fun 0x1::signer::address_of(&signer): address
struct Counter has key {
  value: u64
}
public entry fun init(account: &signer) {
  MoveLoc account
  LdU64 0
  Pack Counter
  MoveTo Counter
  Ret
}
public entry fun increment(account: &signer): u64 acquires Counter {
  locals c: &mut Counter
  MoveLoc account
  Call 0x1::signer::address_of
  MutBorrowGlobal Counter
  StLoc c
  CopyLoc c
  ImmBorrowField Counter.value
  ReadRef
  LdU64 1
  Add
  CopyLoc c
  MutBorrowField Counter.value
  WriteRef
  MoveLoc c
  ImmBorrowField Counter.value
  ReadRef
  Ret
}
`;

/**
 * A coin in the Aptos style: each account holds a \`Balance\` resource; only the deployer may mint;
 * the receiver registers first (Move needs the owner's signer to create a resource under it).
 */
export function tokenSource(deployerBcsHex: string): string {
  return `module 0xa11ce::token
import fun 0x1::signer::address_of(&signer): address
const 0: address = ${deployerBcsHex}
struct Balance has key {
  value: u64
}
public entry fun mint(account: &signer, amount: u64) {
  CopyLoc account
  Call 0x1::signer::address_of
  LdConst 0
  Eq
  BrTrue Allowed
  MoveLoc account
  Pop
  LdU64 2
  Abort
Allowed:
  MoveLoc account
  MoveLoc amount
  Pack Balance
  MoveTo Balance
  Ret
}
public entry fun register(account: &signer) {
  MoveLoc account
  LdU64 0
  Pack Balance
  MoveTo Balance
  Ret
}
public entry fun transfer(from: &signer, to: address, amount: u64) acquires Balance {
  locals b: &mut u64, v: u64
  MoveLoc from
  Call 0x1::signer::address_of
  MutBorrowGlobal Balance
  MutBorrowField Balance.value
  StLoc b
  CopyLoc b
  ReadRef
  StLoc v
  CopyLoc v
  CopyLoc amount
  Lt
  BrFalse Enough
  MoveLoc b
  Pop
  LdU64 1
  Abort
Enough:
  MoveLoc v
  CopyLoc amount
  Sub
  MoveLoc b
  WriteRef
  MoveLoc to
  MutBorrowGlobal Balance
  MutBorrowField Balance.value
  StLoc b
  CopyLoc b
  ReadRef
  MoveLoc amount
  Add
  MoveLoc b
  WriteRef
  Ret
}
public fun balance(owner: address): u64 acquires Balance {
  MoveLoc owner
  ImmBorrowGlobal Balance
  ImmBorrowField Balance.value
  ReadRef
  Ret
}
`;
}

/** Initial supply the deploy step mints (kept next to the source that uses it). */
export const INITIAL_SUPPLY = TOKEN.initialSupply;

/**
 * Each slot is its own storage entry of a table (the table extension, `0x1::table`): 64 entries
 * i → i*i + 7 are added to a fresh table, which is then stored under the deployer and read back
 * entry by entry.
 */
const TABLE = '0x1::table::Table';
/** The storage workload over `slots` table entries. */
export const storageHeavySource = (slots: number): string => `module 0xa11ce::storage
import struct ${TABLE}<phantom T0: copy + drop, phantom T1> has store
import fun 0x1::table::new<T0: copy + drop, T1: store>(): ${TABLE}<T0, T1>
import fun 0x1::table::add<T0: copy + drop, T1>(&mut ${TABLE}<T0, T1>, T0, T1)
import fun 0x1::table::borrow<T0: copy + drop, T1>(&${TABLE}<T0, T1>, T0): &T1
import fun 0x1::signer::address_of(&signer): address
struct Store has key {
  slots: ${TABLE}<u64, u64>
}
public entry fun fill(account: &signer): u64 acquires Store {
  locals i: u64, t: ${TABLE}<u64, u64>, s: &${TABLE}<u64, u64>, sum: u64, addr: address
  Call 0x1::table::new<u64, u64>
  StLoc t
  LdU64 0
  StLoc i
${whileILess('Write', slots, 'Publish')}
  MutBorrowLoc t
  CopyLoc i
  CopyLoc i
  CopyLoc i
  Mul
  LdU64 7
  Add
  Call 0x1::table::add<u64, u64>
${nextI('Write')}
Publish:
  CopyLoc account
  Call 0x1::signer::address_of
  StLoc addr
  MoveLoc account
  MoveLoc t
  Pack Store
  MoveTo Store
  MoveLoc addr
  ImmBorrowGlobal Store
  ImmBorrowField Store.slots
  StLoc s
  LdU64 0
  StLoc sum
  LdU64 0
  StLoc i
${whileILess('Read', slots, 'Done')}
  MoveLoc sum
  CopyLoc s
  CopyLoc i
  Call 0x1::table::borrow<u64, u64>
  ReadRef
  Add
  StLoc sum
${nextI('Read')}
Done:
  MoveLoc s
  Pop
  MoveLoc sum
  Ret
}
`;

/** One LCG step on local \`x\` (u128 holding a u64): x = (x * A + C) % 2^64. */
const LCG_STEP = `  MoveLoc x
  LdU128 ${LCG_A}
  Mul
  LdU128 ${LCG_C}
  Add
  LdU128 ${TWO_64}
  Mod
  StLoc x`;

export const computeArithSource = (iterations: number): string => `module 0xa11ce::arith
public fun run(): u64 {
  locals x: u128, i: u64
  LdU128 ${ARITH.seed}
  StLoc x
  LdU64 0
  StLoc i
${whileILess('Loop', iterations, 'Done')}
${LCG_STEP}
${nextI('Loop')}
Done:
  MoveLoc x
  CastU64
  Ret
}
`;

/** h starts as 32 zero bytes (a constant: ULEB length 0x20, then the bytes). */
export const computeHashSource = (rounds: number): string => `module 0xa11ce::hashing
import fun 0x1::hash::sha2_256(vector<u8>): vector<u8>
const 0: vector<u8> = 0x20${'00'.repeat(32)}
public fun run(): vector<u8> {
  locals h: vector<u8>, i: u64
  LdConst 0
  StLoc h
  LdU64 0
  StLoc i
${whileILess('Loop', rounds, 'Done')}
  MoveLoc h
  Call 0x1::hash::sha2_256
  StLoc h
${nextI('Loop')}
Done:
  MoveLoc h
  Ret
}
`;

/** Pushes v[j - 1]. */
const READ_PREVIOUS = `  ImmBorrowLoc v
  CopyLoc j
  LdU64 1
  Sub
  VecImmBorrow<u64>
  ReadRef`;

/** Builds the array, insertion-sorts it in place, returns (checksum, min, max). */
export const memorySortSource = (length: number): string => `module 0xa11ce::sort
public fun run(): (u64, u64, u64) {
  locals v: vector<u64>, x: u128, i: u64, j: u64, key: u64, sum: u128
  VecPack<u64> 0
  StLoc v
  LdU128 ${SORT.seed}
  StLoc x
  LdU64 0
  StLoc i
${whileILess('Generate', length, 'Sort')}
${LCG_STEP}
  MutBorrowLoc v
  CopyLoc x
  LdU8 32
  Shr
  CastU64
  VecPushBack<u64>
${nextI('Generate')}
Sort:
  LdU64 1
  StLoc i
${whileILess('Outer', length, 'Checksum')}
  ImmBorrowLoc v
  CopyLoc i
  VecImmBorrow<u64>
  ReadRef
  StLoc key
  CopyLoc i
  StLoc j
Inner:
  CopyLoc j
  LdU64 0
  Gt
  BrFalse Place
${READ_PREVIOUS}
  CopyLoc key
  Gt
  BrFalse Place
${READ_PREVIOUS}
  MutBorrowLoc v
  CopyLoc j
  VecMutBorrow<u64>
  WriteRef
  MoveLoc j
  LdU64 1
  Sub
  StLoc j
  Branch Inner
Place:
  MoveLoc key
  MutBorrowLoc v
  CopyLoc j
  VecMutBorrow<u64>
  WriteRef
${nextI('Outer')}
Checksum:
  LdU128 0
  StLoc sum
  LdU64 0
  StLoc i
${whileILess('Sum', length, 'Done')}
  MoveLoc sum
  CopyLoc i
  LdU64 1
  Add
  CastU128
  ImmBorrowLoc v
  CopyLoc i
  VecImmBorrow<u64>
  ReadRef
  CastU128
  Mul
  Add
  LdU128 ${TWO_64}
  Mod
  StLoc sum
${nextI('Sum')}
Done:
  MoveLoc sum
  CastU64
  ImmBorrowLoc v
  LdU64 0
  VecImmBorrow<u64>
  ReadRef
  ImmBorrowLoc v
  LdU64 ${length - 1}
  VecImmBorrow<u64>
  ReadRef
  Ret
}
`;

export const CALL_HEAVY = `module 0xa11ce::fib
public fun fib(n: u64): u64 {
  CopyLoc n
  LdU64 2
  Lt
  BrFalse Recurse
  MoveLoc n
  Ret
Recurse:
  CopyLoc n
  LdU64 1
  Sub
  Call fib
  MoveLoc n
  LdU64 2
  Sub
  Call fib
  Add
  Ret
}
`;
