/** Naive recursive Fibonacci in assembler syntax: a small, call-heavy sample for docs, CLI tests and benchmarks. */
export const FIB_SOURCE = `module 0x42::fib
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

/** A u128 linear congruential generator run `n` times, wrapping with `% 2^64` (a function body to append to a module). */
export const LCG_FUNCTION = `public fun lcg(n: u64): u64 {
  locals x: u128, i: u64
  LdU128 1
  StLoc x
  LdU64 0
  StLoc i
Loop:
  CopyLoc i
  CopyLoc n
  Lt
  BrFalse Done
  MoveLoc x
  LdU128 6364136223846793005
  Mul
  LdU128 1442695040888963407
  Add
  LdU128 18446744073709551616
  Mod
  StLoc x
  MoveLoc i
  LdU64 1
  Add
  StLoc i
  Branch Loop
Done:
  MoveLoc x
  CastU64
  Ret
}
`;

/**
 * Hostile entry points (issue 11) for the resource-bounds table and the fuzz harness: a vector
 * argument of small structs, an infinite loop, and a loop that pushes ever larger copies.
 */
export const HOSTILE_SOURCE = `module 0x42::hostile
struct E has drop {
  flag: bool
}
public entry fun take(v: vector<E>) {
  Ret
}
public entry fun spin() {
L:
  Branch L
}
public entry fun grow() {
  locals outer: vector<vector<u64>>, inner: vector<u64>
  VecPack<u64> 0
  StLoc inner
  VecPack<vector<u64>> 0
  StLoc outer
L:
  MutBorrowLoc outer
  CopyLoc inner
  VecPushBack<vector<u64>>
  MutBorrowLoc inner
  LdU64 7
  VecPushBack<u64>
  Branch L
}
`;
