import { addressFromNumber, JournaledState } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/assembler.js';
import { writeElf } from '../elf/writer.js';
import { SvmRuntime } from '../runtime.js';
import { readAccount, walletAccount, writeAccount } from './account.js';
import {
  COMPUTE_BUDGET_PROGRAM_ID,
  computeBudgetLimits,
  heapCost,
  prioritizationFee,
} from './compute-budget.js';

const limits = (computeUnitLimit: number, computeUnitPrice: bigint) => ({
  computeUnitLimit,
  computeUnitPrice,
  heapSize: 32 * 1024,
  loadedAccountsDataSizeLimit: 1,
});

describe('ComputeBudget', () => {
  it('prioritization fee: limit × price micro-lamports, rounded up, saturating at u64::MAX', () => {
    expect(prioritizationFee(limits(200_000, 0n))).toBe(0n);
    expect(prioritizationFee(limits(1, 1n))).toBe(1n);
    expect(prioritizationFee(limits(1_000_000, 1n))).toBe(1n);
    expect(prioritizationFee(limits(1_000_001, 1n))).toBe(2n);
    expect(prioritizationFee(limits(1_400_000, (1n << 64n) - 1n))).toBe((1n << 64n) - 1n);
  });

  it('heap cost: 8 CU per 32 KiB page beyond the first', () => {
    expect(heapCost(32 * 1024)).toBe(0);
    expect(heapCost(33 * 1024)).toBe(8);
    expect(heapCost(256 * 1024)).toBe(56);
  });

  it('trailing bytes are accepted, as borsh try_from_slice_unchecked does', () => {
    const data = Uint8Array.of(2, 0x10, 0x27, 0, 0, 0xff, 0xff);
    expect(
      computeBudgetLimits([{ programId: COMPUTE_BUDGET_PROGRAM_ID, data }], () => false).computeUnitLimit,
    ).toBe(10_000);
  });

  it('a loaded-accounts limit the transaction exceeds fails it, keeping the fee', () => {
    const runtime = new SvmRuntime();
    const state = new JournaledState();
    const payer = addressFromNumber(0xfee, 32);
    const program = addressFromNumber(0x9a, 32);
    writeAccount(state, payer, walletAccount(1_000_000n));
    runtime.deploy(state, {
      sender: payer,
      code: writeElf(assemble('mov64 r0, 0\nexit')),
      address: program,
      gasLimit: 0n,
    });
    const receipt = runtime.execute(state, {
      sender: payer,
      input: new Uint8Array(0),
      value: 0n,
      gasLimit: 200_000n,
      nonce: 0n,
      payload: {
        instructions: [
          { programId: COMPUTE_BUDGET_PROGRAM_ID, accounts: [], data: Uint8Array.of(4, 100, 0, 0, 0) },
          { programId: program, accounts: [], data: new Uint8Array(0) },
        ],
      },
    });
    // agave commits such a load failure as fee-only (litesvm reports the error but drops the fee).
    expect(receipt.status).toBe('error');
    expect(receipt.error?.details.kind).toBe('MaxLoadedAccountsDataSizeExceeded');
    expect(receipt.gasUsed).toBe(0);
    expect(readAccount(state, payer)?.lamports).toBe(1_000_000n - 5000n);
  });
});

describe('programs are checked when the transaction loads', () => {
  it('a missing or non-executable program is InvalidProgramForExecution: no logs, no CU, the fee kept', () => {
    const runtime = new SvmRuntime();
    const state = new JournaledState();
    const payer = addressFromNumber(0xfee, 32);
    const plain = addressFromNumber(0x77, 32);
    writeAccount(state, payer, walletAccount(1_000_000n));
    writeAccount(state, plain, walletAccount(1_000_000n));
    for (const programId of [addressFromNumber(0x404, 32), plain]) {
      const receipt = runtime.execute(state, {
        sender: payer,
        input: new Uint8Array(0),
        value: 0n,
        gasLimit: 200_000n,
        nonce: 0n,
        payload: { instructions: [{ programId, accounts: [], data: new Uint8Array(0) }] },
      });
      // litesvm reports the same error and no logs, but does not commit agave's fee-only result.
      expect(receipt.error?.details.kind).toBe('InvalidProgramForExecution');
      expect(receipt.logs).toEqual([]);
      expect(receipt.gasUsed).toBe(0);
      expect(receipt.stateDiff).toHaveLength(1);
    }
    expect(readAccount(state, payer)?.lamports).toBe(1_000_000n - 10_000n);
  });
});
