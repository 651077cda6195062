/**
 * Module-level helper functions the generated code calls for hashing (emitted only when used):
 * big-endian bytes of a number, bytes of a byte string, and a 32-byte digest as a `u256`.
 */
export const HELPERS = {
  /** Appends the low `n` bytes of `x`, most significant first (abi.encodePacked of an n-byte value). */
  pack_word: `fun pack_word(v: &mut vector<u8>, x: u256, n: u64) {
Loop:
  CopyLoc n
  LdU64 0
  Eq
  BrTrue Done
  CopyLoc n
  LdU64 1
  Sub
  StLoc n
  CopyLoc v
  CopyLoc x
  CopyLoc n
  LdU64 8
  Mul
  CastU8
  Shr
  LdU256 255
  BitAnd
  CastU8
  VecPushBack<u8>
  Branch Loop
Done:
  MoveLoc v
  Pop
  Ret
}`,
  /** Appends `b[from..]`. */
  pack_bytes: `fun pack_bytes(v: &mut vector<u8>, b: &vector<u8>, from: u64) {
Loop:
  CopyLoc from
  CopyLoc b
  VecLen<u8>
  Ge
  BrTrue Done
  CopyLoc v
  CopyLoc b
  CopyLoc from
  VecImmBorrow<u8>
  ReadRef
  VecPushBack<u8>
  CopyLoc from
  LdU64 1
  Add
  StLoc from
  Branch Loop
Done:
  MoveLoc v
  Pop
  MoveLoc b
  Pop
  Ret
}`,
  /** The first `n` bytes of `b` as a big-endian number, zero-padded past its end (a digest as `bytes32`, `bytesN(b)`). */
  word_of: `fun word_of(b: &vector<u8>, n: u64): u256 {
  locals i: u64, w: u256
  LdU64 0
  StLoc i
  LdU256 0
  StLoc w
Loop:
  CopyLoc i
  CopyLoc n
  Eq
  BrTrue Done
  CopyLoc w
  LdU8 8
  Shl
  StLoc w
  CopyLoc i
  CopyLoc b
  VecLen<u8>
  Ge
  BrTrue Next
  CopyLoc w
  CopyLoc b
  CopyLoc i
  VecImmBorrow<u8>
  ReadRef
  CastU256
  BitOr
  StLoc w
Next:
  CopyLoc i
  LdU64 1
  Add
  StLoc i
  Branch Loop
Done:
  MoveLoc b
  Pop
  CopyLoc w
  Ret
}`,
} as const;
