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
