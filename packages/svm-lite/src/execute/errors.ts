import { ExecutionError, OutOfGasError } from '@polyvm/core';

/** The guest faults of sbpf `EbpfError` that the v0 interpreter can raise, by their upstream names. */
export type VmFaultKind =
  | 'ExecutionOverrun'
  | 'CallDepthExceeded'
  | 'CallOutsideTextSegment'
  | 'DivideByZero'
  | 'UnsupportedInstruction'
  | 'InvalidInstruction'
  | 'AccessViolation'
  | 'StackAccessViolation'
  | 'SyscallError';

/** A fault raised by the guest program; `pc` is the instruction slot that faulted. */
export class VmFault extends ExecutionError {
  override name = 'VmFault';
  readonly kind: VmFaultKind;
  /** Raised while a syscall ran (sbpf wraps these as `SyscallError`); agave does not deplete the meter for them. */
  inSyscall = false;
  constructor(kind: VmFaultKind, message: string, details: Record<string, unknown> = {}, cause?: unknown) {
    super(`${kind}: ${message}`, { details: { kind, ...details }, cause });
    this.kind = kind;
  }
}

/** sbpf `ExceededMaxInstructions` / agave `ComputationalBudgetExceeded`: the compute meter ran dry. */
export class ComputeBudgetExceeded extends OutOfGasError {
  override name = 'ComputeBudgetExceeded';
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, { details });
  }
}

export type AccessKind = 'load' | 'store';
