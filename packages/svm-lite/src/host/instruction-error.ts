import { ExecutionError } from '@polyvm/core';

/**
 * agave `InstructionError` variants the runtime raises: the program's own error codes (mapped from
 * its u64 return value) and the account rules the runtime enforces around every instruction.
 */
export class InstructionError extends ExecutionError {
  override name = 'InstructionError';
  readonly kind: string;
  /** Set for `Custom(n)`. */
  readonly custom: number | undefined;
  /** True when the program itself returned the error (status `revert`, not a runtime fault). */
  readonly fromProgram: boolean;
  constructor(
    kind: string,
    message?: string,
    options: { custom?: number; fromProgram?: boolean; cause?: unknown } = {},
  ) {
    super(message ?? kind, { details: { kind, custom: options.custom }, cause: options.cause });
    this.kind = kind;
    this.custom = options.custom;
    this.fromProgram = options.fromProgram ?? false;
  }
}

/** `solana_program_error` builtin error codes, carried in the upper 32 bits of a program's r0. */
const BUILTIN_ERRORS = [
  'Custom(0)',
  'InvalidArgument',
  'InvalidInstructionData',
  'InvalidAccountData',
  'AccountDataTooSmall',
  'InsufficientFunds',
  'IncorrectProgramId',
  'MissingRequiredSignature',
  'AccountAlreadyInitialized',
  'UninitializedAccount',
  'NotEnoughAccountKeys',
  'AccountBorrowFailed',
  'MaxSeedLengthExceeded',
  'InvalidSeeds',
  'BorshIoError',
  'AccountNotRentExempt',
  'UnsupportedSysvar',
  'IllegalOwner',
  'MaxAccountsDataAllocationsExceeded',
  'InvalidRealloc',
  'MaxInstructionTraceLengthExceeded',
  'BuiltinProgramsMustConsumeComputeUnits',
  'InvalidAccountOwner',
  'ArithmeticOverflow',
  'Immutable',
  'IncorrectAuthority',
] as const;

/** `ProgramError::from(u64)`: the error a non-zero entrypoint return value stands for. */
export function programErrorFromReturn(r0: bigint): InstructionError {
  const builtin = r0 >> 32n;
  if ((r0 & 0xffffffffn) === 0n && builtin >= 1n && builtin <= BigInt(BUILTIN_ERRORS.length)) {
    const kind = BUILTIN_ERRORS[Number(builtin) - 1]!;
    if (kind === 'Custom(0)')
      return new InstructionError('Custom', 'custom program error: 0x0', { custom: 0, fromProgram: true });
    return new InstructionError(kind, kind, { fromProgram: true });
  }
  const code = Number(r0 & 0xffffffffn);
  return new InstructionError('Custom', `custom program error: 0x${code.toString(16)}`, {
    custom: code,
    fromProgram: true,
  });
}
