/**
 * Typed errors shared by every runtime. Each carries a stable `code` so tools can branch on it, and an
 * optional `cause` chain (as in viem) so a runtime error can wrap the low-level reason.
 */
export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'DECODE'
  | 'VALIDATION'
  | 'OUT_OF_GAS'
  | 'EXECUTION'
  | 'INVALID_TRANSACTION'
  | 'STATE'
  | 'REGISTRY'
  | 'UNSUPPORTED';

export interface PolyvmErrorOptions {
  cause?: unknown;
  /** Machine-readable context, e.g. `{ offset: 12 }` for a decode error. */
  details?: Readonly<Record<string, unknown>>;
}

export class PolyvmError extends Error {
  override name = 'PolyvmError';
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: PolyvmErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }

  /** Walks the cause chain and returns the first error matching `predicate`. */
  walk(predicate: (err: unknown) => boolean): unknown {
    let current: unknown = this;
    const seen = new Set<unknown>();
    while (current !== undefined && current !== null && !seen.has(current)) {
      if (predicate(current)) return current;
      seen.add(current);
      current = (current as { cause?: unknown }).cause;
    }
    return undefined;
  }
}

/** A public function was called with an argument of the wrong type or range. */
export class InvalidArgumentError extends PolyvmError {
  override name = 'InvalidArgumentError';
  constructor(message: string, options?: PolyvmErrorOptions) {
    super('INVALID_ARGUMENT', message, options);
  }
}

/** Malformed binary input (bytecode, module, ELF…): it cannot be parsed at all. */
export class DecodeError extends PolyvmError {
  override name = 'DecodeError';
  constructor(message: string, options?: PolyvmErrorOptions) {
    super('DECODE', message, options);
  }
}

/** Well-formed input that the chain's verifier/validator rejects. */
export class ValidationError extends PolyvmError {
  override name = 'ValidationError';
  constructor(message: string, options?: PolyvmErrorOptions) {
    super('VALIDATION', message, options);
  }
}

/** The gas (or compute-unit) limit was reached. */
export class OutOfGasError extends PolyvmError {
  override name = 'OutOfGasError';
  constructor(message: string, options?: PolyvmErrorOptions) {
    super('OUT_OF_GAS', message, options);
  }
}

/** A guest program failed while running: a trap, an abort, an access violation, a stack overflow… */
export class ExecutionError extends PolyvmError {
  override name = 'ExecutionError';
  constructor(message: string, options?: PolyvmErrorOptions) {
    super('EXECUTION', message, options);
  }
}

/** A transaction that must be rejected before execution (bad nonce, insufficient balance…). */
export class InvalidTransactionError extends PolyvmError {
  override name = 'InvalidTransactionError';
  constructor(message: string, options?: PolyvmErrorOptions) {
    super('INVALID_TRANSACTION', message, options);
  }
}

/** Misuse of the state store (e.g. commit without a checkpoint). */
export class StateError extends PolyvmError {
  override name = 'StateError';
  constructor(message: string, options?: PolyvmErrorOptions) {
    super('STATE', message, options);
  }
}

/** A runtime name that is unknown or registered twice. */
export class RegistryError extends PolyvmError {
  override name = 'RegistryError';
  constructor(message: string, options?: PolyvmErrorOptions) {
    super('REGISTRY', message, options);
  }
}

/** A feature the chain defines but this implementation deliberately does not provide. */
export class UnsupportedError extends PolyvmError {
  override name = 'UnsupportedError';
  constructor(message: string, options?: PolyvmErrorOptions) {
    super('UNSUPPORTED', message, options);
  }
}
