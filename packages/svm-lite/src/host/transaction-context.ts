import { equalBytes } from '@polyvm/core';
import { MAX_PERMITTED_DATA_LENGTH } from '../syscalls/costs.js';
import type { Account } from './account.js';
import { InstructionError } from './instruction-error.js';
import type { Pubkey } from './pubkey.js';

/** An account loaded for a transaction, with the privileges the transaction grants it. */
export interface TransactionAccount {
  key: Pubkey;
  account: Account;
  isSigner: boolean;
  isWritable: boolean;
}

/** One of an instruction's account references (an index into the transaction's accounts). */
export interface InstructionAccount {
  index: number;
  isSigner: boolean;
  isWritable: boolean;
}

/**
 * The rules of agave `BorrowedAccount` (`transaction-context/src/lib.rs`): who may change an
 * account's lamports, data and owner while `programId` runs. Each setter is a no-op when the
 * value is unchanged, and throws the agave `InstructionError` otherwise.
 */
export class AccountGuard {
  constructor(
    private readonly target: TransactionAccount,
    private readonly programId: Pubkey,
    private readonly writable: boolean,
  ) {}

  get account(): Account {
    return this.target.account;
  }

  get ownedByProgram(): boolean {
    return equalBytes(this.target.account.owner, this.programId);
  }

  setLamports(lamports: bigint): void {
    const account = this.target.account;
    if (account.lamports === lamports) return;
    if (!this.ownedByProgram && lamports < account.lamports)
      throw new InstructionError('ExternalAccountLamportSpend');
    if (!this.writable) throw new InstructionError('ReadonlyLamportChange');
    if (account.executable) throw new InstructionError('ExecutableLamportChange');
    account.lamports = lamports;
  }

  /** `can_data_be_resized` + `can_data_be_changed` + `set_data_from_slice`. */
  setData(data: Uint8Array): void {
    const account = this.target.account;
    if (equalBytes(account.data, data)) return;
    if (data.length !== account.data.length && !this.ownedByProgram)
      throw new InstructionError('AccountDataSizeChanged');
    if (data.length > MAX_PERMITTED_DATA_LENGTH) throw new InstructionError('InvalidRealloc');
    if (account.executable) throw new InstructionError('ExecutableDataModified');
    if (!this.writable) throw new InstructionError('ReadonlyDataModified');
    if (!this.ownedByProgram) throw new InstructionError('ExternalAccountDataModified');
    account.data = data.slice();
  }

  /** Only the owner may reassign, and only a writable, non-executable account with zeroed data. */
  setOwner(owner: Pubkey): void {
    const account = this.target.account;
    if (equalBytes(account.owner, owner)) return;
    if (!this.ownedByProgram || !this.writable || account.executable || !account.data.every((b) => b === 0)) {
      throw new InstructionError('ModifiedProgramId');
    }
    account.owner = owner.slice();
  }
}
