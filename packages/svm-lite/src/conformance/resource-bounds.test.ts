import { addressFromNumber, JournaledState } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/assembler.js';
import { writeElf } from '../elf/writer.js';
import { readAccount, walletAccount, writeAccount } from '../host/account.js';
import { COMPUTE_BUDGET_PROGRAM_ID } from '../host/compute-budget.js';
import { SvmRuntime } from '../runtime.js';

/**
 * Resource bounds (issue 11): hostile syscall arguments must cost time and memory in proportion to
 * the compute units they pay for. Each program points a syscall at a 1 MiB account many times
 * over; each case must end in a typed failure within a fixed time and memory budget, keeping only
 * the fee. Before agave's charge-before-touch order was followed, the 2,048-slice cases copied
 * 2 GiB of guest memory before charging anything.
 */
const PAYER = addressFromNumber(0xfee, 32);
const PROGRAM = addressFromNumber(0x9a, 32);
const BIG = addressFromNumber(0xb16, 32);
const MIB = 1024 * 1024;
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

interface BoundCase {
  name: string;
  source: string;
  status: string;
  /** Wall-clock budget (generous: the machine is shared). */
  maxMs: number;
}

const CASES: BoundCase[] = [
  {
    name: 'sol_sha256 over 2,048 slices of 1 MiB',
    source: withTable(2048, MIB, 'syscall sol_sha256'),
    status: 'out-of-gas',
    maxMs: 3000,
  },
  {
    name: 'sol_keccak256 over 2,048 slices of 1 MiB',
    source: withTable(2048, MIB, 'syscall sol_keccak256'),
    status: 'out-of-gas',
    maxMs: 3000,
  },
  {
    name: 'sol_log_data of 2,048 fields of 1 MiB',
    source: withTable(2048, MIB, 'syscall sol_log_data'),
    status: 'out-of-gas',
    maxMs: 1000,
  },
  {
    name: 'sol_create_program_address with 16 seeds of 1 MiB',
    source: withTable(16, MIB, 'syscall sol_create_program_address'),
    status: 'error',
    maxMs: 1000,
  },
  {
    name: 'sol_try_find_program_address with 16 seeds of 1 MiB',
    source: withTable(16, MIB, 'mov64 r5, r10\n  add64 r5, -100\n  syscall sol_try_find_program_address'),
    status: 'error',
    maxMs: 1000,
  },
  {
    name: 'sol_memcpy_ of 4 GiB',
    source:
      'mov64 r2, r1\nmov64 r1, r10\nadd64 r1, -64\nlddw r3, 0xffffffff\nsyscall sol_memcpy_\nmov64 r0, 0\nexit',
    status: 'out-of-gas',
    maxMs: 1000,
  },
  {
    name: 'sol_log_ of 4 GiB from the account',
    source: `mov64 r6, r1\nadd64 r6, ${DATA_OFFSET}\nmov64 r1, r6\nlddw r2, 0xffffffff\nsyscall sol_log_\nmov64 r0, 0\nexit`,
    status: 'out-of-gas',
    maxMs: 1000,
  },
];

/** Extra bytes the process may allocate for a case: a few copies of the 1 MiB account, not gigabytes. */
const MAX_EXTRA_BYTES = 64 * MIB;

describe('resource bounds: hostile syscall arguments cost what they pay for', () => {
  it.each(CASES)('$name', ({ source, status, maxMs }) => {
    const runtime = new SvmRuntime();
    const state = new JournaledState();
    writeAccount(state, PAYER, walletAccount(10_000_000_000n));
    expect(
      runtime.deploy(state, {
        sender: PAYER,
        code: writeElf(assemble(source)),
        address: PROGRAM,
        gasLimit: 0n,
      }).status,
    ).toBe('success');
    writeAccount(state, BIG, {
      lamports: 10_000_000_000n,
      owner: PROGRAM,
      executable: false,
      rentEpoch: 0n,
      data: new Uint8Array(MIB),
    });
    const payerBefore = readAccount(state, PAYER)!.lamports;
    const before = process.memoryUsage();
    const started = performance.now();
    const receipt = runtime.execute(state, {
      sender: PAYER,
      input: new Uint8Array(0),
      value: 0n,
      gasLimit: 1_400_000n,
      nonce: 0n,
      payload: {
        instructions: [
          // The largest budget a transaction can buy.
          { programId: COMPUTE_BUDGET_PROGRAM_ID, accounts: [], data: Uint8Array.of(2, 0x60, 0x5c, 0x15, 0) },
          {
            programId: PROGRAM,
            accounts: [{ pubkey: BIG, isSigner: false, isWritable: false }],
            data: new Uint8Array(0),
          },
        ],
      },
    });
    const elapsed = performance.now() - started;
    const after = process.memoryUsage();
    expect(receipt.status).toBe(status);
    expect(receipt.error?.details.instructionIndex).toBe(1);
    expect(elapsed).toBeLessThan(maxMs);
    expect(after.arrayBuffers - before.arrayBuffers + (after.heapUsed - before.heapUsed)).toBeLessThan(
      MAX_EXTRA_BYTES,
    );
    // Only the fee survives.
    expect(receipt.stateDiff).toHaveLength(1);
    expect(readAccount(state, PAYER)!.lamports).toBe(payerBefore - 5000n);
  });
});
