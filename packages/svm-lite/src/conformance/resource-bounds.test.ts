import { addressFromNumber, JournaledState } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/assembler.js';
import { writeElf } from '../elf/writer.js';
import { HOSTILE_ACCOUNT, HOSTILE_PROGRAMS, hostileAccount, MIB } from '../fuzz/hostile-seeds.js';
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

/** Extra bytes the process may allocate for a case: a few copies of the 1 MiB account, not gigabytes. */
const MAX_EXTRA_BYTES = 64 * MIB;

describe('resource bounds: hostile syscall arguments cost what they pay for', () => {
  it.each(HOSTILE_PROGRAMS)('$name', ({ source, status, maxMs }) => {
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
    writeAccount(state, HOSTILE_ACCOUNT, hostileAccount(PROGRAM));
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
            accounts: [{ pubkey: HOSTILE_ACCOUNT, isSigner: false, isWritable: false }],
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
