import { equalBytes } from '@polyvm/core';
import { COSTS, MAX_PERMITTED_DATA_LENGTH } from '../syscalls/costs.js';
import { InstructionError } from './instruction-error.js';
import type { InstructionFrame, InvokeContext } from './invoke-context.js';
import { SYSTEM_PROGRAM_ID } from './pubkey.js';

/** `SystemError` codes (returned as `Custom(n)`). */
const ACCOUNT_ALREADY_IN_USE = 0;
const RESULT_WITH_NEGATIVE_LAMPORTS = 1;
const INVALID_ACCOUNT_DATA_LENGTH = 3;

/** `SystemInstruction` tags (bincode: u32 little-endian discriminant). */
export const SystemInstruction = { CreateAccount: 0, Assign: 1, Transfer: 2, Allocate: 8 } as const;

const systemError = (code: number, kind: string): InstructionError =>
  new InstructionError('Custom', `custom program error: 0x${code.toString(16)} (${kind})`, {
    custom: code,
    fromProgram: true,
  });

/**
 * The native system program (agave `system_processor.rs`): create account, assign, transfer and
 * allocate, each costing `DEFAULT_COMPUTE_UNITS` (150). Other instructions are rejected as
 * invalid instruction data.
 */
export function systemProgram(context: InvokeContext, frame: InstructionFrame): void {
  context.consume(COSTS.system_program_units, 'storage');
  const data = frame.data;
  if (data.length < 4) throw new InstructionError('InvalidInstructionData');
  const view = new DataView(data.buffer, data.byteOffset, data.length);
  const tag = view.getUint32(0, true);
  const need = (length: number): void => {
    if (data.length < length) throw new InstructionError('InvalidInstructionData');
  };
  switch (tag) {
    case SystemInstruction.CreateAccount: {
      need(4 + 8 + 8 + 32);
      const lamports = view.getBigUint64(4, true);
      const space = view.getBigUint64(12, true);
      const owner = data.slice(20, 52);
      const to = 1;
      const target = context.borrow(frame, to).account;
      if (target.lamports > 0n || target.data.length > 0 || !equalBytes(target.owner, SYSTEM_PROGRAM_ID)) {
        throw systemError(ACCOUNT_ALREADY_IN_USE, 'AccountAlreadyInUse');
      }
      allocate(context, frame, to, space);
      assign(context, frame, to, owner);
      transfer(context, frame, 0, to, lamports);
      return;
    }
    case SystemInstruction.Assign:
      need(4 + 32);
      assign(context, frame, 0, data.slice(4, 36));
      return;
    case SystemInstruction.Transfer:
      need(4 + 8);
      transfer(context, frame, 0, 1, view.getBigUint64(4, true));
      return;
    case SystemInstruction.Allocate:
      need(4 + 8);
      allocate(context, frame, 0, view.getBigUint64(4, true));
      return;
    default:
      throw new InstructionError('InvalidInstructionData', `unsupported system instruction ${tag}`);
  }
}

function requireSigner(frame: InstructionFrame, position: number): void {
  if (!frame.accounts[position]?.isSigner) throw new InstructionError('MissingRequiredSignature');
}

function allocate(context: InvokeContext, frame: InstructionFrame, position: number, space: bigint): void {
  requireSigner(frame, position);
  const guard = context.borrow(frame, position);
  if (guard.account.data.length > 0 || !equalBytes(guard.account.owner, SYSTEM_PROGRAM_ID)) {
    throw systemError(ACCOUNT_ALREADY_IN_USE, 'AccountAlreadyInUse');
  }
  if (space > BigInt(MAX_PERMITTED_DATA_LENGTH))
    throw systemError(INVALID_ACCOUNT_DATA_LENGTH, 'InvalidAccountDataLength');
  guard.setData(new Uint8Array(Number(space)));
}

function assign(context: InvokeContext, frame: InstructionFrame, position: number, owner: Uint8Array): void {
  const guard = context.borrow(frame, position);
  if (equalBytes(guard.account.owner, owner)) return;
  requireSigner(frame, position);
  guard.setOwner(owner);
}

function transfer(
  context: InvokeContext,
  frame: InstructionFrame,
  from: number,
  to: number,
  lamports: bigint,
): void {
  requireSigner(frame, from);
  const source = context.borrow(frame, from);
  if (source.account.data.length > 0)
    throw new InstructionError('InvalidArgument', 'Transfer: `from` must not carry data');
  if (lamports > source.account.lamports)
    throw systemError(RESULT_WITH_NEGATIVE_LAMPORTS, 'ResultWithNegativeLamports');
  source.setLamports(source.account.lamports - lamports);
  const destination = context.borrow(frame, to);
  destination.setLamports(destination.account.lamports + lamports);
}
