import { addressFromNumber, concatBytes } from '@polyvm/core';
import { inputOffsets, readAccount } from '@polyvm/svm-lite';
import { TOKEN } from '../spec.js';
import { ALICE, BOB, svmWorkload, u64At, u64Bytes } from './harness.js';

const ALICE_TOKENS = addressFromNumber(0xa1, 32);
const BOB_TOKENS = addressFromNumber(0xb1, 32);
/** Token account data: authority[32] | balance u64. Accounts: [from, to, authority wallet]. */
const at = inputOffsets([40, 40, 0]);
const [from, to, wallet] = at.accounts;

const compareKeys = [0, 8, 16, 24]
  .map(
    (i) =>
      `  ldxdw r3, [r1+${from!.data + i}]\n  ldxdw r4, [r1+${wallet!.key + i}]\n  jne r3, r4, not_authority`,
  )
  .join('\n');

/**
 * Moves `amount` (instruction data, u64) between two program-owned token accounts; the wallet
 * named as the source's authority must sign. Errors: 1 not signed, 2 wrong authority, 3 funds.
 */
export const tokenTransfer = svmWorkload({
  workload: 'token-transfer',
  source: `
entrypoint:
  ldxb r2, [r1+${wallet!.header + 1}]
  jeq r2, 0, not_signed
${compareKeys}
  ldxdw r5, [r1+${at.instructionData}]
  ldxdw r6, [r1+${from!.data + 32}]
  jlt r6, r5, insufficient
  sub64 r6, r5
  stxdw [r1+${from!.data + 32}], r6
  ldxdw r7, [r1+${to!.data + 32}]
  add64 r7, r5
  stxdw [r1+${to!.data + 32}], r7
  mov64 r0, 0
  exit
not_signed:
  mov64 r0, 1
  exit
not_authority:
  mov64 r0, 2
  exit
insufficient:
  mov64 r0, 3
  exit`,
  accounts: () => [
    { key: ALICE_TOKENS, data: concatBytes(ALICE, u64Bytes(TOKEN.initialSupply)), writable: true },
    { key: BOB_TOKENS, data: concatBytes(BOB, u64Bytes(0)), writable: true },
  ],
  signers: [{ pubkey: ALICE, isSigner: true, isWritable: true }],
  data: u64Bytes(TOKEN.amount),
  result: (_receipt, state) => ({
    alice: u64At(readAccount(state, ALICE_TOKENS)!.data.subarray(32)),
    bob: u64At(readAccount(state, BOB_TOKENS)!.data.subarray(32)),
  }),
});
