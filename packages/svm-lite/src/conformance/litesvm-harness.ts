import {
  type AccountRole,
  type Address,
  appendTransactionMessageInstructions,
  createTransactionMessage,
  type KeyPairSigner,
  pipe,
  setTransactionMessageFeePayerSigner,
  signTransactionMessageWithSigners,
} from '@solana/kit';
import { FailedTransactionMetadata, type LiteSVM } from 'litesvm';
import { isAgaveFailureText } from '../host/instruction-error.js';

/** Test-only glue to the litesvm reference (excluded from the build: litesvm is a dev dependency). */
export interface LiteAccountMeta {
  address: Address;
  role: AccountRole;
  /** Required for signer roles: signs the transaction. */
  signer?: KeyPairSigner;
}

export interface LiteOutcome {
  success: boolean;
  computeUnits: number;
  logs: string[];
  /** The transaction error as litesvm prints it, when it failed. */
  error?: string;
}

export interface LiteInstruction {
  programAddress: Address;
  accounts: LiteAccountMeta[];
  data: Uint8Array;
}

/** Sends one instruction, paid and signed by `payer`, and reports what agave did with it. */
export async function sendInstruction(
  svm: LiteSVM,
  payer: KeyPairSigner,
  programAddress: Address,
  accounts: LiteAccountMeta[],
  data: Uint8Array,
): Promise<LiteOutcome> {
  return sendInstructions(svm, payer, [{ programAddress, accounts, data }]);
}

/** Sends a transaction of several instructions, paid and signed by `payer`. */
export async function sendInstructions(
  svm: LiteSVM,
  payer: KeyPairSigner,
  instructions: LiteInstruction[],
): Promise<LiteOutcome> {
  type KitInstruction = Parameters<typeof appendTransactionMessageInstructions>[0][number];
  const tx = await pipe(
    createTransactionMessage({ version: 0 }),
    (t) => setTransactionMessageFeePayerSigner(payer, t),
    (t) => svm.setTransactionMessageLifetimeUsingLatestBlockhash(t),
    (t) => appendTransactionMessageInstructions(instructions as unknown as KitInstruction[], t),
    (t) => signTransactionMessageWithSigners(t as Parameters<typeof signTransactionMessageWithSigners>[0]),
  );
  const result = svm.sendTransaction(tx);
  const failed = result instanceof FailedTransactionMetadata;
  const meta = failed ? result.meta() : result;
  return {
    success: !failed,
    computeUnits: Number(meta.computeUnitsConsumed()),
    logs: meta.logs(),
    error: failed ? transactionErrorLabel(String(result.err())) : undefined,
  };
}

/** `TransactionErrorFieldless` values litesvm reports as bare numbers (litesvm `internal.d.ts`). */
const FIELDLESS: Readonly<Record<string, string>> = {
  '4': 'InsufficientFundsForFee',
  '12': 'InvalidProgramForExecution',
  '29': 'MaxLoadedAccountsDataSizeExceeded',
  '31': 'InvalidLoadedAccountsDataSizeLimit',
};

/**
 * litesvm prints `TransactionErrorInstructionError { index: 1, error: Custom(0) }`; receipts here
 * say `InstructionError(1, Custom(0))`. `TransactionErrorDuplicateInstruction { index: 1 }` becomes
 * `DuplicateInstruction(1)`, a fieldless error its name.
 */
export function transactionErrorLabel(text: string): string {
  const instruction = /^TransactionErrorInstructionError \{ index: (\d+), error: (.*) \}$/.exec(text);
  if (instruction) {
    const custom = /^InstructionErrorCustom \{ code: (\d+) \}$/.exec(instruction[2]!);
    return `InstructionError(${instruction[1]}, ${custom ? `Custom(${custom[1]})` : instruction[2]})`;
  }
  const indexed = /^TransactionError(\w+) \{ \w+: (\d+) \}$/.exec(text);
  if (indexed) return `${indexed[1]}(${indexed[2]})`;
  return FIELDLESS[text] ?? text;
}

/** A receipt's error in the same notation as `transactionErrorLabel`. */
export function receiptErrorLabel(
  error: { details: Readonly<Record<string, unknown>> } | undefined,
): string | undefined {
  if (!error) return undefined;
  const { kind, instructionIndex, instructionError, accountIndex } = error.details;
  if (instructionError !== undefined) return `InstructionError(${instructionIndex}, ${instructionError})`;
  if (instructionIndex !== undefined) return `${kind}(${instructionIndex})`;
  if (accountIndex !== undefined) return `${kind}(${accountIndex})`;
  return String(kind);
}

/**
 * Failure reasons worded as agave words them are compared exactly; the others (VM faults whose
 * sbpf wording is not reproduced) only up to `failed`.
 */
export function normalizeLogs(logs: string[]): string[] {
  return logs.map((line) => {
    const at = line.indexOf(' failed: ');
    if (at < 0 || isAgaveFailureText(line.slice(at + 9))) return line;
    return `${line.slice(0, at)} failed`;
  });
}
