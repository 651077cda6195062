import { ExecutionError } from '@polyvm/core';

/** A Move `abort code`: the program's own request to undo; maps to receipt status `revert`. */
export class MoveAbort extends ExecutionError {
  override name = 'MoveAbort';
  constructor(
    readonly abortCode: bigint,
    readonly location: string,
  ) {
    super(`ABORTED with code ${abortCode} in ${location}`, {
      details: { status: 'ABORTED', abortCode: abortCode.toString(), location },
    });
  }
}

/** A VM-raised execution failure (arithmetic error, missing resource…), named by its Move `StatusCode`. */
export function vmError(status: string, message: string, location?: string): ExecutionError {
  const where = location ? ` in ${location}` : '';
  return new ExecutionError(`${status}: ${message}${where}`, { details: { status, location } });
}
