import { addressFromNumber } from '@polyvm/core';
import type { Account } from '../host/account.js';
import type { Pubkey } from '../host/pubkey.js';

/**
 * Hostile programs (issue 11): each points a syscall at a 1 MiB account many times over, or asks
 * for gigabytes. They seed the fuzz harness and drive the resource-bounds test table. Each is run
 * with `HOSTILE_ACCOUNT` (1 MiB, read-only) as the instruction's only account.
 */
export const HOSTILE_ACCOUNT = addressFromNumber(0xb16, 32);
export const MIB = 1024 * 1024;

/** The 1 MiB account the hostile programs point at, owned by the program under test. */
export function hostileAccount(owner: Pubkey): Account {
  return { lamports: 10_000_000_000n, owner, executable: false, rentEpoch: 0n, data: new Uint8Array(MIB) };
}
/** The account's data in the input region: u64 count, 8 flag/padding bytes, key, owner, lamports, length. */
const DATA_OFFSET = 8 + 8 + 32 + 32 + 8 + 8;

/** Fills the heap with `count` descriptors `{ ptr: account data, len }`, then runs `call` with r1 = table. */
const withTable = (count: number, len: number, call: string) => `
  mov64 r6, r1
  add64 r6, ${DATA_OFFSET}
  lddw r7, 0x300000000
  mov64 r8, 0
fill:
  stxdw [r7+0], r6
  stdw [r7+8], ${len}
  add64 r7, 16
  add64 r8, 1
  jlt r8, ${count}, fill
  lddw r1, 0x300000000
  mov64 r2, ${count}
  mov64 r3, r10
  add64 r3, -64
  mov64 r4, r10
  add64 r4, -32
  mov64 r5, r10
  add64 r5, -96
  ${call}
  mov64 r0, 0
  exit`;

export interface HostileProgram {
  name: string;
  source: string;
  /** The receipt status it must end in, at the 1.4M CU maximum. */
  status: 'out-of-gas' | 'error';
  /** Wall-clock budget (generous: the machine is shared). */
  maxMs: number;
}

export const HOSTILE_PROGRAMS: HostileProgram[] = [
  {
    name: 'sol_sha256 over 2,048 slices of 1 MiB',
    source: withTable(2048, MIB, 'syscall sol_sha256'),
    status: 'out-of-gas',
    maxMs: 5000,
  },
  {
    name: 'sol_keccak256 over 2,048 slices of 1 MiB',
    source: withTable(2048, MIB, 'syscall sol_keccak256'),
    status: 'out-of-gas',
    maxMs: 5000,
  },
  {
    name: 'sol_log_data of 2,048 fields of 1 MiB',
    source: withTable(2048, MIB, 'syscall sol_log_data'),
    status: 'out-of-gas',
    maxMs: 2000,
  },
  {
    name: 'sol_create_program_address with 16 seeds of 1 MiB',
    source: withTable(16, MIB, 'syscall sol_create_program_address'),
    status: 'error',
    maxMs: 2000,
  },
  {
    name: 'sol_try_find_program_address with 16 seeds of 1 MiB',
    source: withTable(16, MIB, 'mov64 r5, r10\n  add64 r5, -100\n  syscall sol_try_find_program_address'),
    status: 'error',
    maxMs: 2000,
  },
  {
    name: 'sol_memcpy_ of 4 GiB',
    source:
      'mov64 r2, r1\nmov64 r1, r10\nadd64 r1, -64\nlddw r3, 0xffffffff\nsyscall sol_memcpy_\nmov64 r0, 0\nexit',
    status: 'out-of-gas',
    maxMs: 2000,
  },
  {
    name: 'sol_log_ of 4 GiB from the account',
    source: `mov64 r6, r1\nadd64 r6, ${DATA_OFFSET}\nmov64 r1, r6\nlddw r2, 0xffffffff\nsyscall sol_log_\nmov64 r0, 0\nexit`,
    status: 'out-of-gas',
    maxMs: 2000,
  },
];
