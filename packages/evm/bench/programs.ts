import { assemble } from '../src/asm/assembler.js';

/** Compute-heavy bytecode for the side-by-side benchmark, each a loop of `n` rounds. */
export const BENCH_PROGRAMS: Record<string, Uint8Array> = {
  // keccak256 of 64 bytes, fed back into memory each round.
  'keccak loop': assemble(`
    PUSH 2000
  loop: JUMPDEST
    PUSH 64 PUSH0 KECCAK256 PUSH 32 MSTORE
    PUSH 1 SWAP1 SUB DUP1 PUSH @loop JUMPI STOP`),
  // 256-bit arithmetic: x = (x·x + i) mod p, plus EXP, SDIV and shifts on full-width words.
  '256-bit arithmetic loop': assemble(`
    PUSH32 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001
    PUSH32 0x1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef
    PUSH 3000
  loop: JUMPDEST
    SWAP1 DUP3 DUP2 DUP1 MULMOD SWAP1 POP DUP2 ADD      ; [p, n, x·x mod p + n]
    DUP1 PUSH 3 EXP XOR DUP1 PUSH 7 SWAP1 SDIV ADD PUSH 3 SHL
    SWAP1 PUSH 1 SWAP1 SUB DUP1 PUSH @loop JUMPI STOP`),
  // MCOPY and MLOAD/MSTORE over a 1 KiB window.
  'memory-copy loop': assemble(`
    PUSH 0x1234 PUSH 1000 MSTORE
    PUSH 1500
  loop: JUMPDEST
    PUSH 1024 PUSH0 PUSH 1024 MCOPY
    PUSH 1024 MLOAD PUSH 1 ADD PUSH 32 MSTORE
    PUSH 1 SWAP1 SUB DUP1 PUSH @loop JUMPI STOP`),
  // The compute-arith example workload (examples/src/evm/programs.ts): x = x·A + C mod 2^64, 10 000 times,
  // on 64-bit words; the interpreter's Mgas/s figure.
  'compute-arith loop': assemble(`
    PUSH 1 PUSH 10000
  loop: JUMPDEST
    SWAP1 PUSH 0x5851f42d4c957f2d MUL PUSH 0x14057b7ef767814f ADD PUSH 0xffffffffffffffff AND
    SWAP1 PUSH 1 SWAP1 SUB DUP1 PUSH @loop JUMPI
    POP PUSH0 MSTORE PUSH 32 PUSH0 RETURN`),
  // SSTORE then SLOAD of 200 fresh slots.
  'storage loop': assemble(`
    PUSH 200
  loop: JUMPDEST
    DUP1 DUP1 SSTORE DUP1 SLOAD POP
    PUSH 1 SWAP1 SUB DUP1 PUSH @loop JUMPI STOP`),
};
