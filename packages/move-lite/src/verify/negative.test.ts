import { ValidationError } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/assemble.js';
import { verifyModule } from './verifier.js';

const HEADER = `module 0x42::bad
struct R has key {
  v: u64
}
struct C has copy, drop {
  v: u64
}
struct Box<T0: copy> has copy, drop {
  v: T0
}
`;

/** Each crafted module breaks exactly one rule; the verifier must name that rule. */
const CASES: [string, string, string][] = [
  ['stack underflow', 'NEGATIVE_STACK_SIZE_WITHIN_BLOCK', 'fun f() {\n Pop\n Ret\n}'],
  [
    'value left at a branch',
    'POSITIVE_STACK_SIZE_AT_BLOCK_END',
    'fun f() {\n LdU64 1\n Branch L\nL:\n Ret\n}',
  ],
  ['value left at return', 'POSITIVE_STACK_SIZE_AT_BLOCK_END', 'fun f() {\n LdU64 1\n Ret\n}'],
  [
    'mixed integer widths',
    'INTEGER_OP_TYPE_MISMATCH_ERROR',
    'fun f(): u64 {\n LdU64 1\n LdU8 1\n Add\n Ret\n}',
  ],
  ['branch on an integer', 'BR_TYPE_MISMATCH_ERROR', 'fun f() {\n LdU64 1\n BrTrue L\nL:\n Ret\n}'],
  ['wrong return type', 'RET_TYPE_MISMATCH_ERROR', 'fun f(): bool {\n LdU64 1\n Ret\n}'],
  ['fall through the end', 'INVALID_FALL_THROUGH', 'fun f() {\n Nop\n}'],
  [
    'copy of a resource',
    'COPYLOC_WITHOUT_COPY_ABILITY',
    'fun f(r: R): R {\n CopyLoc r\n MoveLoc r\n Pop\n Ret\n}',
  ],
  ['pop of a resource', 'POP_WITHOUT_DROP_ABILITY', 'fun f(r: R) {\n MoveLoc r\n Pop\n Ret\n}'],
  [
    'resource left in a local (implicit drop)',
    'UNSAFE_RET_UNUSED_VALUES_WITHOUT_DROP',
    'fun f(r: R) {\n Ret\n}',
  ],
  [
    'resource overwritten',
    'STLOC_UNSAFE_TO_DESTROY_ERROR',
    'fun f(r: R, s: R): R {\n MoveLoc s\n StLoc r\n MoveLoc r\n Ret\n}',
  ],
  ['use after move', 'MOVELOC_UNAVAILABLE_ERROR', 'fun f(c: C): C {\n MoveLoc c\n Pop\n MoveLoc c\n Ret\n}'],
  [
    'borrow_global without acquires',
    'MISSING_ACQUIRES_RESOURCE_ANNOTATION_ERROR',
    'fun f(a: address): u64 {\n MoveLoc a\n ImmBorrowGlobal R\n ImmBorrowField R.v\n ReadRef\n Ret\n}',
  ],
  [
    'move_to of a non-key struct',
    'MISSING_KEY_ABILITY',
    'fun f(s: &signer) {\n MoveLoc s\n LdU64 1\n Pack C\n MoveTo C\n Ret\n}',
  ],
  ['instantiation violating a constraint', 'CONSTRAINT_NOT_SATISFIED', 'fun f(r: Box<R>) {\n Ret\n}'],
  [
    'write through an immutable reference',
    'WRITEREF_NO_MUTABLE_REFERENCE_ERROR',
    'fun f(c: C) {\n LdU64 1\n Pack C\n ImmBorrowLoc c\n WriteRef\n Ret\n}',
  ],
  [
    'returning a reference to a local',
    'UNSAFE_RET_LOCAL_OR_RESOURCE_STILL_BORROWED',
    'fun f(c: C): &C {\n ImmBorrowLoc c\n Ret\n}',
  ],
  [
    'returning a reference into global storage (through a local)',
    'UNSAFE_RET_LOCAL_OR_RESOURCE_STILL_BORROWED',
    'fun f(a: address): &u64 acquires R {\n locals r: &R\n MoveLoc a\n ImmBorrowGlobal R\n StLoc r\n MoveLoc r\n ImmBorrowField R.v\n Ret\n}',
  ],
  [
    'acquires missing for a same-module callee',
    'MISSING_ACQUIRES_RESOURCE_ANNOTATION_ERROR',
    'fun g(a: address): u64 acquires R {\n MoveLoc a\n ImmBorrowGlobal R\n ImmBorrowField R.v\n ReadRef\n Ret\n}\nfun f(a: address): u64 {\n MoveLoc a\n Call g\n Ret\n}',
  ],
  [
    'generic recursion growing its type argument',
    'LOOP_IN_INSTANTIATION_GRAPH',
    'fun g<T0: drop>(x: T0) {\n VecPack<T0> 0\n Call g<vector<T0>>\n Ret\n}',
  ],
  [
    'moving a borrowed local',
    'MOVELOC_EXISTS_BORROW_ERROR',
    'fun f(c: C): C {\n locals r: &C\n ImmBorrowLoc c\n StLoc r\n MoveLoc c\n Ret\n}',
  ],
  [
    'copying a mutably borrowed local',
    'COPYLOC_EXISTS_BORROW_ERROR',
    'fun f(c: C): C {\n locals r: &mut C\n MutBorrowLoc c\n StLoc r\n CopyLoc c\n Ret\n}',
  ],
  [
    'overwriting a borrowed local',
    'STLOC_UNSAFE_TO_DESTROY_ERROR',
    'fun f(c: C, d: C) {\n locals r: &C\n ImmBorrowLoc c\n StLoc r\n MoveLoc d\n StLoc c\n Ret\n}',
  ],
  [
    'borrowing a mutably borrowed local',
    'BORROWLOC_EXISTS_BORROW_ERROR',
    'fun f(c: C) {\n locals r: &mut C\n MutBorrowLoc c\n StLoc r\n ImmBorrowLoc c\n Pop\n Ret\n}',
  ],
  [
    'borrow_global_mut while the resource is borrowed',
    'GLOBAL_REFERENCE_ERROR',
    'fun f(a: address): u64 acquires R {\n locals r: &R\n CopyLoc a\n ImmBorrowGlobal R\n StLoc r\n MoveLoc a\n MutBorrowGlobal R\n Pop\n MoveLoc r\n ImmBorrowField R.v\n ReadRef\n Ret\n}',
  ],
  [
    'calling a function that acquires a borrowed resource',
    'GLOBAL_REFERENCE_ERROR',
    'fun g(a: address): u64 acquires R {\n MoveLoc a\n ImmBorrowGlobal R\n ImmBorrowField R.v\n ReadRef\n Ret\n}\nfun f(a: address): u64 acquires R {\n locals r: &mut R\n CopyLoc a\n MutBorrowGlobal R\n StLoc r\n MoveLoc a\n Call g\n MoveLoc r\n Pop\n Ret\n}',
  ],
  [
    'writing through a reference whose field is borrowed',
    'WRITEREF_EXISTS_BORROW_ERROR',
    'fun f(c: &mut C) {\n locals r: &mut u64\n CopyLoc c\n MutBorrowField C.v\n StLoc r\n LdU64 1\n Pack C\n MoveLoc c\n WriteRef\n Ret\n}',
  ],
  [
    'reading through a reference that is mutably borrowed',
    'READREF_EXISTS_MUTABLE_BORROW_ERROR',
    'fun f(c: &mut C): C {\n locals r: &mut u64\n CopyLoc c\n MutBorrowField C.v\n StLoc r\n MoveLoc c\n ReadRef\n Ret\n}',
  ],
  [
    'freezing a reference that is mutably borrowed',
    'FREEZEREF_EXISTS_MUTABLE_BORROW_ERROR',
    'fun f(c: &mut C) {\n locals r: &mut u64\n CopyLoc c\n MutBorrowField C.v\n StLoc r\n MoveLoc c\n FreezeRef\n Pop\n Ret\n}',
  ],
  [
    'passing a borrowed mutable reference',
    'CALL_BORROWED_MUTABLE_REFERENCE_ERROR',
    'fun g(c: &mut C) {\n Ret\n}\nfun f(c: &mut C) {\n locals r: &u64\n CopyLoc c\n ImmBorrowField C.v\n StLoc r\n MoveLoc c\n Call g\n Ret\n}',
  ],
  [
    'returning a mutable reference together with a borrow of it',
    'RET_BORROWED_MUTABLE_REFERENCE_ERROR',
    'fun f(c: &mut C): (&mut C, &u64) {\n locals r: &u64\n CopyLoc c\n ImmBorrowField C.v\n StLoc r\n MoveLoc c\n MoveLoc r\n Ret\n}',
  ],
  ['extraneous acquires', 'EXTRANEOUS_ACQUIRES_RESOURCE_ANNOTATION_ERROR', 'fun f() acquires R {\n Ret\n}'],
  ['constant index out of bounds', 'INDEX_OUT_OF_BOUNDS', 'fun f(): u64 {\n LdConst 3\n Ret\n}'],
  ['local index out of bounds', 'INDEX_OUT_OF_BOUNDS', 'fun f(): u64 {\n CopyLoc 9\n Ret\n}'],
];

describe('verifier rejects crafted bad modules with the right status', () => {
  for (const [name, status, fn] of CASES) {
    it(`${name} → ${status}`, () => {
      const module = assemble(`${HEADER}${fn}\n`, { addressWidth: 16 });
      expect(() => verifyModule(module)).toThrow(
        expect.objectContaining({ name: 'ValidationError', details: expect.objectContaining({ status }) }),
      );
      expect(() => verifyModule(module)).toThrow(ValidationError);
    });
  }

  it('a struct promising copy over a field without copy → FIELD_MISSING_TYPE_ABILITY', () => {
    const module = assemble(
      'module 0x42::bad\nstruct R has key {\n v: u64\n}\nstruct S has copy {\n r: R\n}\n',
      {
        addressWidth: 16,
      },
    );
    expect(() => verifyModule(module)).toThrow(/FIELD_MISSING_TYPE_ABILITY/);
  });

  it('a reference inside a struct field → INVALID_SIGNATURE_TOKEN', () => {
    const module = assemble('module 0x42::bad\nstruct S {\n r: &u64\n}\n', { addressWidth: 16 });
    expect(() => verifyModule(module)).toThrow(/INVALID_SIGNATURE_TOKEN/);
  });

  it('a borrow released by moving the reference out lets the local move again', () => {
    const ok = assemble(
      `${HEADER}fun f(c: C): C {\n locals r: &C\n ImmBorrowLoc c\n StLoc r\n MoveLoc r\n Pop\n MoveLoc c\n Ret\n}\n`,
      { addressWidth: 16 },
    );
    expect(() => verifyModule(ok)).not.toThrow();
  });

  it('writing after the field borrow is released is allowed', () => {
    const ok = assemble(
      `${HEADER}fun f(c: &mut C) {\n locals r: &mut u64\n CopyLoc c\n MutBorrowField C.v\n StLoc r\n LdU64 2\n MoveLoc r\n WriteRef\n LdU64 1\n Pack C\n MoveLoc c\n WriteRef\n Ret\n}\n`,
      { addressWidth: 16 },
    );
    expect(() => verifyModule(ok)).not.toThrow();
  });

  it('generic recursion with the same type argument is allowed', () => {
    const ok = assemble(`${HEADER}fun g<T0: drop>(x: T0) {\n MoveLoc x\n Call g<T0>\n Ret\n}\n`, {
      addressWidth: 16,
    });
    expect(() => verifyModule(ok)).not.toThrow();
  });

  it('returning a field of a reference parameter is allowed', () => {
    const ok = assemble(`${HEADER}fun f(c: &C): &u64 {\n MoveLoc c\n ImmBorrowField C.v\n Ret\n}\n`, {
      addressWidth: 16,
    });
    expect(() => verifyModule(ok)).not.toThrow();
  });

  it('the well-formed header module itself verifies', () => {
    expect(() =>
      verifyModule(assemble(`${HEADER}fun f(c: C): C {\n MoveLoc c\n Ret\n}\n`, { addressWidth: 16 })),
    ).not.toThrow();
  });
});

describe('version-gated signature rules', () => {
  const nested = (version: number) =>
    assemble(
      'module 0x42::v\nstruct R has key {\n v: u64\n}\nstruct Box<T0: copy> has copy, drop {\n v: T0\n}\nfun f(x: &vector<Box<R>>) {\n Ret\n}\n',
      { addressWidth: 16, version },
    );
  it('a constraint violated inside &vector<…> is refused from v6 on', () => {
    expect(() => verifyModule(nested(6))).toThrow(/CONSTRAINT_NOT_SATISFIED/);
  });
  it('older binaries keep the old outermost-only check', () => {
    expect(() => verifyModule(nested(5))).not.toThrow();
    expect(() =>
      verifyModule(
        assemble(
          'module 0x42::v\nstruct R has key {\n v: u64\n}\nstruct Box<T0: copy> has copy, drop {\n v: T0\n}\nfun f(x: Box<R>) {\n Ret\n}\n',
          {
            addressWidth: 16,
            version: 5,
          },
        ),
      ),
    ).toThrow(/CONSTRAINT_NOT_SATISFIED/);
  });
});
