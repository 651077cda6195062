import { UnsupportedError } from '@polyvm/core';
import type { SourceLoc } from '../ir/index.js';

/** Errors already prefixed with a source location (the innermost one wins). */
const LOCATED = new WeakSet<object>();

/** `file:line:col: unsupported: …` for an `UnsupportedError` raised while compiling the code at `loc`. */
export function located(error: unknown, loc: SourceLoc): unknown {
  if (!(error instanceof UnsupportedError) || LOCATED.has(error)) return error;
  const wrapped = new UnsupportedError(
    `${loc.file}:${loc.line}:${loc.column}: unsupported: ${error.message}`,
    {
      cause: error,
    },
  );
  LOCATED.add(wrapped);
  return wrapped;
}
