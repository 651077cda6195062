import type { Expr, IrContract } from '../ir/index.js';
import type { CodeBuilder } from './code-builder.js';
import type { PanicBlocks } from './panic.js';
import type { Subroutines } from './subroutines.js';

/** What the storage, call and statement emitters share while compiling one function body. */
export interface Gen {
  readonly b: CodeBuilder;
  readonly panics: PanicBlocks;
  readonly contract: IrContract;
  readonly subroutines: Subroutines;
  /** Emits `e`, leaving its value (one clean word, or a pointer) on the stack. */
  expr(e: Expr): void;
  /** Memory address of a local of the function being compiled. */
  localAddress(id: number): number;
}
