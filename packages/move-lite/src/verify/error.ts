import { ValidationError } from '@polyvm/core';

/**
 * A verifier rejection. `status` is the Move VM `StatusCode` name the reference verifier reports for
 * the same rule (move-core-types vm_status.rs), so failures read the same as on chain.
 */
export function verifyError(
  status: string,
  message: string,
  where: { fn?: string; offset?: number } = {},
): ValidationError {
  const loc =
    where.fn === undefined
      ? ''
      : ` in ${where.fn}${where.offset === undefined ? '' : ` at offset ${where.offset}`}`;
  return new ValidationError(`${status}: ${message}${loc}`, { details: { status, ...where } });
}
