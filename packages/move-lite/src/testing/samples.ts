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
