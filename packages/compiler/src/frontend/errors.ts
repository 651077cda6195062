import { PolyvmError, UnsupportedError } from '@polyvm/core';
import type { SourceLoc } from '../ir/nodes.js';

export function formatLoc(loc: SourceLoc): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}

/** A construct outside the supported subset: `file:line:col: unsupported: <construct>`. */
export class UnsupportedConstructError extends UnsupportedError {
  override name = 'UnsupportedConstructError';
  readonly loc: SourceLoc;
  readonly construct: string;
  constructor(loc: SourceLoc, construct: string) {
    super(`${formatLoc(loc)}: unsupported: ${construct}`, { details: { loc, construct } });
    this.loc = loc;
    this.construct = construct;
  }
}

/** solc rejected the source: its own diagnostics, each as `file:line:col: <Type>: <message>`. */
export class SolcError extends PolyvmError {
  override name = 'SolcError';
  readonly diagnostics: readonly string[];
  constructor(diagnostics: readonly string[]) {
    super('VALIDATION', diagnostics.join('\n'), { details: { diagnostics } });
    this.diagnostics = diagnostics;
  }
}
