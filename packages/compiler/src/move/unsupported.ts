import { UnsupportedError } from '@polyvm/core';
import type { SourceLoc } from '../ir/nodes.js';

/** `unsupported on move: <construct> at file:line:col`: the typed compile error for constructs outside the slice. */
export function unsupportedOnMove(construct: string, loc: SourceLoc | null): UnsupportedError {
  const where = loc === null ? '' : ` at ${loc.file}:${loc.line}:${loc.column}`;
  return new UnsupportedError(`unsupported on move: ${construct}${where}`, {
    details: { target: 'move', construct },
  });
}
