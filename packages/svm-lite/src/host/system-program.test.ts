import { addressFromNumber, JournaledState } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { type SvmAccountMeta, SvmRuntime } from '../runtime.js';
import { minimumBalance, readAccount, walletAccount, writeAccount } from './account.js';
import { SYSTEM_PROGRAM_ID } from './pubkey.js';
import { SystemInstruction } from './system-program.js';

const PAYER = addressFromNumber(0xa, 32);
const NEW = addressFromNumber(0xb, 32);
const OWNER = addressFromNumber(0xc, 32);

function instructionData(tag: number, ...fields: Array<bigint | Uint8Array>): Uint8Array {
  const parts: number[] = [tag, 0, 0, 0];
  for (const field of fields) {
    if (field instanceof Uint8Array) parts.push(...field);
    else for (let i = 0n; i < 8n; i++) parts.push(Number((field >> (8n * i)) & 0xffn));
  }
  return Uint8Array.from(parts);
}

function run(data: Uint8Array, accounts: SvmAccountMeta[], prepare?: (state: JournaledState) => void) {
  const runtime = new SvmRuntime();
  const state = new JournaledState();
  writeAccount(state, PAYER, walletAccount(10_000_000_000n));
  prepare?.(state);
  // What a failed transaction leaves: the same state with only the fee (5,000 per signature) taken.
  const signatures = 1 + accounts.filter((a) => a.isSigner && a.pubkey !== PAYER).length;
  const feeOnly = new JournaledState();
  writeAccount(feeOnly, PAYER, walletAccount(10_000_000_000n - 5000n * BigInt(signatures)));
  prepare?.(feeOnly);
  const receipt = runtime.execute(state, {
    sender: PAYER,
    input: new Uint8Array(0),
    value: 0n,
    gasLimit: 200_000n,
    nonce: 0n,
    payload: { instructions: [{ programId: SYSTEM_PROGRAM_ID, accounts, data }] },
  });
  const onlyFeeTaken = () => {
    expect(state.stateRoot()).toEqual(feeOnly.stateRoot());
    expect(receipt.stateDiff).toHaveLength(1);
  };
  return { receipt, state, onlyFeeTaken };
}

const payerMeta = { pubkey: PAYER, isSigner: true, isWritable: true };
const createAccount = (space: bigint) =>
  instructionData(SystemInstruction.CreateAccount, minimumBalance(Number(space)), space, OWNER);

describe('system program', () => {
  it('create account funds, allocates and assigns a signing new account', () => {
    const { receipt, state } = run(createAccount(64n), [
      payerMeta,
      { pubkey: NEW, isSigner: true, isWritable: true },
    ]);
    expect(receipt.status).toBe('success');
    expect(receipt.gasUsed).toBe(150);
    const created = readAccount(state, NEW)!;
    expect(created.owner).toEqual(OWNER);
    expect(created.data).toEqual(new Uint8Array(64));
    expect(created.lamports).toBe(minimumBalance(64));
  });

  it('the new account must sign', () => {
    const { receipt, onlyFeeTaken } = run(createAccount(64n), [
      payerMeta,
      { pubkey: NEW, isSigner: false, isWritable: true },
    ]);
    expect(receipt.error?.message).toBe('InstructionError(0, MissingRequiredSignature)');
    expect(receipt.logs.at(-1)).toBe(
      'Program 11111111111111111111111111111111 failed: missing required signature for instruction',
    );
    onlyFeeTaken();
  });

  it('an account in use cannot be created again (SystemError::AccountAlreadyInUse)', () => {
    const { receipt, onlyFeeTaken } = run(
      createAccount(8n),
      [payerMeta, { pubkey: NEW, isSigner: true, isWritable: true }],
      (state) => writeAccount(state, NEW, walletAccount(1_000_000n)),
    );
    expect(receipt.status).toBe('revert');
    expect(receipt.error?.details.custom).toBe(0);
    onlyFeeTaken();
  });

  it('allocating more than 10 MiB is InvalidAccountDataLength', () => {
    const data = instructionData(SystemInstruction.Allocate, 10n * 1024n * 1024n + 1n);
    const { receipt } = run(data, [{ pubkey: NEW, isSigner: true, isWritable: true }]);
    expect(receipt.error?.details.custom).toBe(3);
  });

  it('assign needs the account signature; a read-only destination cannot be credited', () => {
    const assign = run(instructionData(SystemInstruction.Assign, OWNER), [
      { pubkey: NEW, isSigner: false, isWritable: true },
    ]);
    expect(assign.receipt.error?.message).toBe('InstructionError(0, MissingRequiredSignature)');
    const transfer = run(instructionData(SystemInstruction.Transfer, 1_000_000n), [
      payerMeta,
      { pubkey: NEW, isSigner: false, isWritable: false },
    ]);
    expect(transfer.receipt.error?.message).toBe('InstructionError(0, ReadonlyLamportChange)');
    expect(transfer.receipt.logs.at(-1)).toBe(
      'Program 11111111111111111111111111111111 failed: instruction changed the balance of a read-only account',
    );
    transfer.onlyFeeTaken();
  });

  it('unknown instructions are invalid instruction data', () => {
    const { receipt } = run(instructionData(42), [payerMeta]);
    expect(receipt.error?.details.kind).toBe('InvalidInstructionData');
  });
});
