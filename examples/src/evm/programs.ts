import { LCG_A, LCG_C } from '../spec.js';

/**
 * The seven workloads in EVM assembly (see `assemble` in @polyvm/evm). Arithmetic that the spec
 * defines mod 2^64 is masked with AND 0xffffffffffffffff after each step, since EVM words are 256-bit.
 */
const MASK64 = '0xffffffffffffffff';
const A = `0x${LCG_A.toString(16)}`;
const C = `0x${LCG_C.toString(16)}`;

/** slot 0 += 1; returns the new value. */
export const COUNTER = `
  PUSH0 SLOAD PUSH 1 ADD        ; [n+1]
  DUP1 PUSH0 SSTORE
  PUSH0 MSTORE PUSH 32 PUSH0 RETURN
`;

/** Solidity-style mapping slot: keccak256(key ‖ 0), key at memory 0, slot index 0 at memory 32. */
const MAPPING_SLOT = 'PUSH0 MSTORE PUSH0 PUSH 32 MSTORE PUSH 64 PUSH0 KECCAK256';

/** Constructor: balances[caller] = supply. */
export const tokenConstructor = (supply: number): string => `PUSH ${supply} CALLER ${MAPPING_SLOT} SSTORE`;

/** transfer(to = calldata[0:32], amount = calldata[32:64]); reverts when the balance is short. */
export const TOKEN = `
  CALLER ${MAPPING_SLOT}            ; [sFrom]
  DUP1 SLOAD                        ; [sFrom, balFrom]
  PUSH 32 CALLDATALOAD              ; [sFrom, balFrom, amount]
  DUP1 DUP3 LT PUSH @fail JUMPI     ; balFrom < amount → fail
  DUP1 SWAP2 SUB                    ; [sFrom, amount, balFrom - amount]
  DUP3 SSTORE SWAP1 POP             ; [amount]
  PUSH0 CALLDATALOAD ${MAPPING_SLOT} ; [amount, sTo]
  DUP1 SLOAD DUP3 ADD               ; [amount, sTo, balTo + amount]
  SWAP1 SSTORE STOP
fail: JUMPDEST
  PUSH0 PUSH0 REVERT
`;

/** slot i = i*i + 7 for i < slots, then returns the sum of all slots read back. */
export const storageHeavy = (slots: number): string => `
  PUSH0                             ; [i]
write: JUMPDEST
  DUP1 DUP1 MUL PUSH 7 ADD DUP2 SSTORE
  PUSH 1 ADD DUP1 PUSH ${slots} GT PUSH @write JUMPI
  POP PUSH0 PUSH0                   ; [sum, i]
read: JUMPDEST
  DUP1 SLOAD DUP3 ADD SWAP2 POP     ; [sum + s[i], i]
  PUSH 1 ADD DUP1 PUSH ${slots} GT PUSH @read JUMPI
  POP PUSH0 MSTORE PUSH 32 PUSH0 RETURN
`;

/** x = seed; iterations times x = x*A + C mod 2^64. */
export const computeArith = (iterations: number, seed: number): string => `
  PUSH ${seed} PUSH ${iterations}   ; [x, n]
loop: JUMPDEST
  SWAP1 PUSH ${A} MUL PUSH ${C} ADD PUSH ${MASK64} AND
  SWAP1 PUSH 1 SWAP1 SUB            ; [x', n-1]
  DUP1 PUSH @loop JUMPI
  POP PUSH0 MSTORE PUSH 32 PUSH0 RETURN
`;

/** h = 32 zero bytes; rounds times h = sha256(h) through the 0x02 precompile, in place at memory 0. */
export const computeHash = (rounds: number): string => `
  PUSH ${rounds}                    ; [n]
loop: JUMPDEST
  PUSH 32 PUSH0 PUSH 32 PUSH0 PUSH 2 GAS STATICCALL
  ISZERO PUSH @fail JUMPI
  PUSH 1 SWAP1 SUB DUP1 PUSH @loop JUMPI
  POP PUSH 32 PUSH0 RETURN
fail: JUMPDEST
  PUSH0 PUSH0 REVERT
`;

/**
 * a_i = lcg^(i+1)(seed) >> 32 at memory 32·i; insertion sort; returns
 * (sum((i+1)·a_i) mod 2^64, min, max).
 */
export const memorySort = (length: number, seed: number): string => `
  PUSH ${seed} PUSH0                ; [x, i]
build: JUMPDEST
  SWAP1 PUSH ${A} MUL PUSH ${C} ADD PUSH ${MASK64} AND   ; [i, x']
  DUP1 PUSH 32 SHR DUP3 PUSH 5 SHL MSTORE                ; a[i] = x' >> 32
  SWAP1 PUSH 1 ADD DUP1 PUSH ${length} GT PUSH @build JUMPI
  POP POP
  PUSH 1                            ; [i]
outer: JUMPDEST
  DUP1 PUSH 5 SHL MLOAD DUP2        ; [i, key, j]
inner: JUMPDEST
  DUP1 ISZERO PUSH @place JUMPI
  DUP1 PUSH 1 SWAP1 SUB PUSH 5 SHL MLOAD   ; [i, key, j, a[j-1]]
  DUP3 DUP2 GT ISZERO PUSH @stop JUMPI     ; a[j-1] <= key → stop shifting
  DUP2 PUSH 5 SHL MSTORE                   ; a[j] = a[j-1]
  PUSH 1 SWAP1 SUB PUSH @inner JUMP        ; j - 1
stop: JUMPDEST
  POP
place: JUMPDEST
  PUSH 5 SHL MSTORE                 ; a[j] = key
  PUSH 1 ADD DUP1 PUSH ${length} GT PUSH @outer JUMPI
  POP PUSH0 PUSH0                   ; [sum, i]
check: JUMPDEST
  DUP1 PUSH 5 SHL MLOAD DUP2 PUSH 1 ADD MUL
  DUP3 ADD PUSH ${MASK64} AND SWAP2 POP
  PUSH 1 ADD DUP1 PUSH ${length} GT PUSH @check JUMPI
  POP PUSH 0x10000 MSTORE
  PUSH0 MLOAD PUSH 0x10020 MSTORE
  PUSH ${(length - 1) * 32} MLOAD PUSH 0x10040 MSTORE
  PUSH 96 PUSH 0x10000 RETURN
`;

/**
 * fib(n) by naive recursion through internal subroutine calls, as Solidity compiles them: the
 * caller pushes its return address and the argument, JUMPs to the function, which JUMPs back.
 * Entry stack: [ret, n]; exit: [fib(n)] at ret.
 */
export const callHeavy = (n: number): string => `
  PUSH @done PUSH ${n} PUSH @fib JUMP
done: JUMPDEST
  PUSH0 MSTORE PUSH 32 PUSH0 RETURN
fib: JUMPDEST
  DUP1 PUSH 2 GT PUSH @base JUMPI           ; n < 2
  PUSH @after1 DUP2 PUSH 1 SWAP1 SUB PUSH @fib JUMP
after1: JUMPDEST                            ; [ret, n, f1]
  SWAP1 PUSH @after2 SWAP1 PUSH 2 SWAP1 SUB PUSH @fib JUMP
after2: JUMPDEST                            ; [ret, f1, f2]
  ADD SWAP1 JUMP
base: JUMPDEST                              ; [ret, n]
  SWAP1 JUMP
`;
