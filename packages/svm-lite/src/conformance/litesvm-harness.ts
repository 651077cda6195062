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

/**
 * litesvm prints `TransactionErrorInstructionError { index: 1, error: Custom(0) }`; the receipts
 * here say `InstructionError(1, Custom(0))`. Other transaction errors pass through unchanged.
 */
export function transactionErrorLabel(text: string): string {
  const match = /^TransactionErrorInstructionError \{ index: (\d+), error: (.*) \}$/.exec(text);
  if (!match) return text;
  const custom = /^InstructionErrorCustom \{ code: (\d+) \}$/.exec(match[2]!);
  return `InstructionError(${match[1]}, ${custom ? `Custom(${custom[1]})` : match[2]})`;
}

/** The `InstructionError(i, …)` label of a receipt's error, when an instruction failed. */
export function receiptErrorLabel(
  error: { details: Readonly<Record<string, unknown>> } | undefined,
): string | undefined {
  const { instructionIndex, instructionError } = error?.details ?? {};
  return instructionIndex === undefined
    ? undefined
    : `InstructionError(${instructionIndex}, ${instructionError})`;
}

/** agave words failure reasons differently from us; compare a failure line up to the reason. */
export function normalizeLogs(logs: string[]): string[] {
  return logs.map((line) => line.replace(/ failed: .*$/, ' failed'));
}
