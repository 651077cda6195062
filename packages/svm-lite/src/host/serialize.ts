import {
  BPF_ALIGN_OF_U128,
  MAX_PERMITTED_DATA_INCREASE,
  MAX_PERMITTED_DATA_LENGTH,
} from '../syscalls/costs.js';
import type { Account } from './account.js';
import { InstructionError } from './instruction-error.js';
import type { Pubkey } from './pubkey.js';

/** Marks an account's first occurrence; a duplicate carries the position of that first occurrence. */
export const NON_DUP_MARKER = 0xff;

export interface SerializableAccount {
  key: Pubkey;
  account: Account;
  isSigner: boolean;
  isWritable: boolean;
  /** Position of this account's first occurrence when it is a duplicate. */
  duplicateOf?: number;
}

/** Where one account's mutable fields sit in the input region, for deserializing and for CPI. */
export interface SerializedAccountLayout {
  duplicateOf?: number;
  /** Offsets into the input buffer. */
  owner: number;
  lamports: number;
  dataLength: number;
  data: number;
  /** Data length when serialized: realloc room and padding are laid out from it. */
  originalDataLength: number;
}

const alignPadding = (length: number): number =>
  (BPF_ALIGN_OF_U128 - (length % BPF_ALIGN_OF_U128)) % BPF_ALIGN_OF_U128;

/**
 * agave `serialize_parameters_aligned` (loader v2/v3 programs), all little-endian:
 *
 *     u64 account count
 *     per account: u8 0xff, u8 is_signer, u8 is_writable, u8 executable, 4 bytes padding,
 *                  key[32], owner[32], u64 lamports, u64 data_len, data,
 *                  10 KiB realloc room + padding to 8, u64 rent_epoch
 *        or, for a duplicate: u8 position of the first occurrence, 7 bytes padding
 *     u64 instruction data length, instruction data, program_id[32]
 */
export function serializeParameters(
  accounts: SerializableAccount[],
  instructionData: Uint8Array,
  programId: Pubkey,
): { input: Uint8Array; layout: SerializedAccountLayout[] } {
  let size = 8;
  for (const a of accounts) {
    size +=
      a.duplicateOf !== undefined
        ? 8
        : 8 +
          32 +
          32 +
          8 +
          8 +
          a.account.data.length +
          MAX_PERMITTED_DATA_INCREASE +
          alignPadding(a.account.data.length) +
          8;
  }
  size += 8 + instructionData.length + 32;
  const input = new Uint8Array(size);
  const view = new DataView(input.buffer);
  const layout: SerializedAccountLayout[] = [];
  let at = 0;
  view.setBigUint64(at, BigInt(accounts.length), true);
  at += 8;
  for (const a of accounts) {
    if (a.duplicateOf !== undefined) {
      input[at] = a.duplicateOf;
      at += 8;
      layout.push({
        duplicateOf: a.duplicateOf,
        owner: 0,
        lamports: 0,
        dataLength: 0,
        data: 0,
        originalDataLength: 0,
      });
      continue;
    }
    input[at] = NON_DUP_MARKER;
    input[at + 1] = a.isSigner ? 1 : 0;
    input[at + 2] = a.isWritable ? 1 : 0;
    input[at + 3] = a.account.executable ? 1 : 0;
    at += 8;
    input.set(a.key, at);
    at += 32;
    const owner = at;
    input.set(a.account.owner, at);
    at += 32;
    const lamports = at;
    view.setBigUint64(at, a.account.lamports, true);
    at += 8;
    const dataLength = at;
    view.setBigUint64(at, BigInt(a.account.data.length), true);
    at += 8;
    const data = at;
    input.set(a.account.data, at);
    at += a.account.data.length + MAX_PERMITTED_DATA_INCREASE + alignPadding(a.account.data.length);
    view.setBigUint64(at, a.account.rentEpoch, true);
    at += 8;
    layout.push({ owner, lamports, dataLength, data, originalDataLength: a.account.data.length });
  }
  view.setBigUint64(at, BigInt(instructionData.length), true);
  at += 8;
  input.set(instructionData, at);
  at += instructionData.length;
  input.set(programId, at);
  return { input, layout };
}

/** The values a program left in the input region for one (non-duplicate) account. */
export interface SerializedAccountState {
  lamports: bigint;
  owner: Uint8Array;
  data: Uint8Array;
}

/**
 * Reads back what the program wrote (agave `deserialize_parameters_aligned`): lamports, data
 * (the length may grow by at most 10 KiB) and owner, in that order, per non-duplicate account.
 */
export function readSerializedAccount(
  input: Uint8Array,
  layout: SerializedAccountLayout,
): SerializedAccountState {
  const view = new DataView(input.buffer, input.byteOffset, input.length);
  const lamports = view.getBigUint64(layout.lamports, true);
  const postLength = view.getBigUint64(layout.dataLength, true);
  if (
    postLength > BigInt(MAX_PERMITTED_DATA_LENGTH) ||
    postLength > BigInt(layout.originalDataLength + MAX_PERMITTED_DATA_INCREASE)
  ) {
    throw new InstructionError('InvalidRealloc');
  }
  const data = input.subarray(layout.data, layout.data + Number(postLength));
  return { lamports, owner: input.subarray(layout.owner, layout.owner + 32), data };
}

/** Offsets (from the input start, r1) of each account's fields and of the instruction data. */
export interface InputOffsets {
  accounts: Array<{
    header: number;
    key: number;
    owner: number;
    lamports: number;
    dataLength: number;
    data: number;
  }>;
  instructionDataLength: number;
  instructionData: number;
}

/**
 * Where `serializeParameters` puts things for accounts with these data lengths (no duplicates),
 * so hand-written programs can address their accounts at fixed offsets.
 */
export function inputOffsets(dataLengths: readonly number[]): InputOffsets {
  let at = 8;
  const accounts = dataLengths.map((length) => {
    const header = at;
    at += 8 + 32 + 32 + 8 + 8 + length + MAX_PERMITTED_DATA_INCREASE + alignPadding(length) + 8;
    return {
      header,
      key: header + 8,
      owner: header + 40,
      lamports: header + 72,
      dataLength: header + 80,
      data: header + 88,
    };
  });
  return { accounts, instructionDataLength: at, instructionData: at + 8 };
}
