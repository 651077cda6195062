import { ExecutionError, OutOfGasError, type PolyvmError } from '@polyvm/core';
import { VmFault } from '../execute/errors.js';

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
    options: {
      custom?: number;
      fromProgram?: boolean;
      cause?: unknown;
      details?: Record<string, unknown>;
    } = {},
  ) {
    super(message ?? instructionErrorText(kind, options.custom), {
      details: { kind, custom: options.custom, ...options.details },
      cause: options.cause,
    });
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

/**
 * agave's `Display` of each `InstructionError` variant (`solana-instruction-error`), the text of
 * `Program … failed: …` log lines.
 */
const INSTRUCTION_ERROR_TEXT: Readonly<Record<string, string>> = {
  GenericError: 'generic instruction error',
  InvalidArgument: 'invalid program argument',
  InvalidInstructionData: 'invalid instruction data',
  InvalidAccountData: 'invalid account data for instruction',
  AccountDataTooSmall: 'account data too small for instruction',
  InsufficientFunds: 'insufficient funds for instruction',
  IncorrectProgramId: 'incorrect program id for instruction',
  MissingRequiredSignature: 'missing required signature for instruction',
  AccountAlreadyInitialized: 'instruction requires an uninitialized account',
  UninitializedAccount: 'instruction requires an initialized account',
  UnbalancedInstruction: 'sum of account balances before and after instruction do not match',
  ModifiedProgramId: 'instruction illegally modified the program id of an account',
  ExternalAccountLamportSpend: 'instruction spent from the balance of an account it does not own',
  ExternalAccountDataModified: 'instruction modified data of an account it does not own',
  ReadonlyLamportChange: 'instruction changed the balance of a read-only account',
  ReadonlyDataModified: 'instruction modified data of a read-only account',
  DuplicateAccountIndex: 'instruction contains duplicate accounts',
  ExecutableModified: 'instruction changed executable bit of an account',
  RentEpochModified: 'instruction modified rent epoch of an account',
  NotEnoughAccountKeys: 'insufficient account keys for instruction',
  AccountDataSizeChanged: "program other than the account's owner changed the size of the account data",
  AccountNotExecutable: 'instruction expected an executable account',
  AccountBorrowFailed: 'instruction tries to borrow reference for an account which is already borrowed',
  AccountBorrowOutstanding: 'instruction left account with an outstanding borrowed reference',
  DuplicateAccountOutOfSync: 'instruction modifications of multiply-passed account differ',
  InvalidError: 'program returned invalid error code',
  ExecutableDataModified: 'instruction changed executable accounts data',
  ExecutableLamportChange: 'instruction changed the balance of an executable account',
  ExecutableAccountNotRentExempt: 'executable accounts must be rent exempt',
  UnsupportedProgramId: 'Unsupported program id',
  CallDepth: 'Cross-program invocation call depth too deep',
  MissingAccount: 'An account required by the instruction is missing',
  ReentrancyNotAllowed: 'Cross-program invocation reentrancy not allowed for this instruction',
  MaxSeedLengthExceeded: 'Length of the seed is too long for address generation',
  InvalidSeeds: 'Provided seeds do not result in a valid address',
  InvalidRealloc: 'Failed to reallocate account data',
  ComputationalBudgetExceeded: 'Computational budget exceeded',
  PrivilegeEscalation: 'Cross-program invocation with unauthorized signer or writable account',
  ProgramEnvironmentSetupFailure: 'Failed to create program execution environment',
  ProgramFailedToComplete: 'Program failed to complete',
  ProgramFailedToCompile: 'Program failed to compile',
  Immutable: 'Account is immutable',
  IncorrectAuthority: 'Incorrect authority provided',
  BorshIoError: 'Failed to serialize or deserialize account data',
  AccountNotRentExempt: 'An account does not have enough lamports to be rent-exempt',
  InvalidAccountOwner: 'Invalid account owner',
  ArithmeticOverflow: 'Program arithmetic overflowed',
  UnsupportedSysvar: 'Unsupported sysvar',
  IllegalOwner: 'Provided owner is not allowed',
  MaxAccountsDataAllocationsExceeded:
    'Accounts data allocations exceeded the maximum allowed per transaction',
  MaxAccountsExceeded: 'Max accounts exceeded',
  MaxInstructionTraceLengthExceeded: 'Max instruction trace length exceeded',
  BuiltinProgramsMustConsumeComputeUnits: 'Builtin programs must consume compute units',
};

/** agave's text for an `InstructionError` variant (`Custom(n)` prints `custom program error: 0x…`). */
export function instructionErrorText(kind: string, custom?: number): string {
  if (kind === 'Custom') return `custom program error: 0x${(custom ?? 0).toString(16)}`;
  return INSTRUCTION_ERROR_TEXT[kind] ?? kind;
}

/**
 * How agave words a VM failure in `Program … failed:` (sbpf `EbpfError` / agave `SyscallError`
 * `Display`), checked against litesvm; failures without a checked wording keep ours.
 */
const VM_FAULT_TEXT: Readonly<Record<string, (details: Readonly<Record<string, unknown>>) => string>> = {
  Abort: () => 'SBF program panicked',
  Panic: (d) => `SBF program Panicked in ${d.file} at ${d.line}:${d.column}`,
  InvalidString: (d) => String(d.text),
  DivideByZero: () => 'divide by zero at BPF instruction',
  InvalidAttribute: () => 'InvalidAttribute',
  UnsupportedInstruction: () => 'unsupported BPF instruction',
  CallOutsideTextSegment: () => 'callx attempted to call outside of the text segment',
  AccessViolation: (d) =>
    `Access violation ${d.access === 'store' ? 'writing' : 'reading'} ${d.length} bytes at address ${d.address} (in ${d.region} region)`,
  StackAccessViolation: (d) =>
    `Access violation in stack frame ${d.frame} at address ${d.address} of size ${d.length}`,
};

const VM_FAULT_PATTERNS = [
  /^SBF program panicked$/,
  /^SBF program Panicked in .* at \d+:\d+$/,
  /^(invalid utf-8 sequence of \d bytes|incomplete utf-8 byte sequence) from index \d+: \[[\d, ]*\]$/,
  /^divide by zero at BPF instruction$/,
  /^InvalidAttribute$/,
  /^unsupported BPF instruction$/,
  /^callx attempted to call outside of the text segment$/,
  /^Access violation (reading|writing) \d+ bytes at address 0x[0-9a-f]+ \(in \w+ region\)$/,
  /^Access violation in stack frame -?\d+ at address 0x[0-9a-f]+ of size \d+$/,
  /^exceeded CUs meter at BPF instruction$/,
];

export function vmFaultText(fault: VmFault): string {
  const syscall = fault.details.syscallError;
  const text = VM_FAULT_TEXT[typeof syscall === 'string' ? syscall : fault.kind];
  return text ? text(fault.details) : `Program failed to complete: ${fault.message}`;
}

/** Whether a `failed:` reason is worded as agave words it (so differential tests compare it exactly). */
export function isAgaveFailureText(text: string): boolean {
  return (
    /^custom program error: 0x[0-9a-f]+$/.test(text) ||
    Object.values(INSTRUCTION_ERROR_TEXT).includes(text) ||
    VM_FAULT_PATTERNS.some((pattern) => pattern.test(text))
  );
}

/** The agave `InstructionError` variant an error stands for: `Custom(0)`, `ProgramFailedToComplete`, … */
export function instructionErrorVariant(err: PolyvmError): string {
  if (err instanceof InstructionError) return err.kind === 'Custom' ? `Custom(${err.custom})` : err.kind;
  if (err instanceof OutOfGasError) return 'ComputationalBudgetExceeded';
  if (err instanceof VmFault) return 'ProgramFailedToComplete';
  return 'GenericError';
}

/**
 * agave `TransactionError::InstructionError(index, error)`: the top-level instruction that failed
 * and how, as in `InstructionError(1, Custom(0))`. The original error is the cause; its details
 * are kept, with `instructionIndex` and `instructionError` added.
 */
export class TransactionInstructionError extends ExecutionError {
  override name = 'TransactionInstructionError';
  readonly index: number;
  readonly variant: string;
  constructor(index: number, error: PolyvmError) {
    const variant = instructionErrorVariant(error);
    const label = `InstructionError(${index}, ${variant})`;
    const text = error instanceof InstructionError ? instructionErrorText(error.kind, error.custom) : '';
    super(error.message === text ? label : `${label}: ${error.message}`, {
      details: { ...error.details, instructionIndex: index, instructionError: variant },
      cause: error,
    });
    this.index = index;
    this.variant = variant;
  }
}

/** `ProgramError::from(u64)`: the error a non-zero entrypoint return value stands for. */
export function programErrorFromReturn(r0: bigint): InstructionError {
  const builtin = r0 >> 32n;
  if ((r0 & 0xffffffffn) === 0n && builtin >= 1n && builtin <= BigInt(BUILTIN_ERRORS.length)) {
    const kind = BUILTIN_ERRORS[Number(builtin) - 1]!;
    if (kind === 'Custom(0)')
      return new InstructionError('Custom', undefined, { custom: 0, fromProgram: true });
    return new InstructionError(kind, undefined, { fromProgram: true });
  }
  // A valid custom error has no bits set in the upper 32; anything else is `InvalidError`.
  if (r0 >> 32n !== 0n) return new InstructionError('InvalidError', undefined, { fromProgram: true });
  return new InstructionError('Custom', undefined, { custom: Number(r0), fromProgram: true });
}
