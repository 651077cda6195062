import {
  type AccountRole,
  type Address,
  appendTransactionMessageInstruction,
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
}

/** Sends one instruction, paid and signed by `payer`, and reports what agave did with it. */
export async function sendInstruction(
  svm: LiteSVM,
  payer: KeyPairSigner,
  programAddress: Address,
  accounts: LiteAccountMeta[],
  data: Uint8Array,
): Promise<LiteOutcome> {
  const instruction = { programAddress, accounts, data } as unknown as Parameters<
    typeof appendTransactionMessageInstruction
  >[0];
  const tx = await pipe(
    createTransactionMessage({ version: 0 }),
    (t) => setTransactionMessageFeePayerSigner(payer, t),
    (t) => svm.setTransactionMessageLifetimeUsingLatestBlockhash(t),
    (t) => appendTransactionMessageInstruction(instruction, t),
    (t) => signTransactionMessageWithSigners(t as Parameters<typeof signTransactionMessageWithSigners>[0]),
  );
  const result = svm.sendTransaction(tx);
  const failed = result instanceof FailedTransactionMetadata;
  const meta = failed ? result.meta() : result;
  return { success: !failed, computeUnits: Number(meta.computeUnitsConsumed()), logs: meta.logs() };
}

/** agave words failure reasons differently from us; compare a failure line up to the reason. */
export function normalizeLogs(logs: string[]): string[] {
  return logs.map((line) => line.replace(/ failed: .*$/, ' failed'));
}
