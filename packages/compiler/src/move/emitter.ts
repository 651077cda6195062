/** What the code generators that work on one function (storage paths, hashing) need from it. */
import type { Expr } from '../ir/nodes.js';
import type { IrType } from '../ir/types.js';

/** Where a value is: an instruction that pushes it without side effects. */
export interface Operand {
  readonly push: string;
}

/** What the storage generator needs from the function being generated. */
export interface Emitter {
  emit(instruction: string): void;
  label(name: string): void;
  newLabel(hint: string): string;
  /** A fresh local of a Move type. */
  temp(type: string, prefix?: string): string;
  /** A local of a Move type with a given name, declared once. */
  namedLocal(name: string, type: string): void;
  /** The value on the stack after `instructions` (`|`-separated, emitted first when given), in a new temporary of `type`. */
  result(type: IrType, instructions?: string): Operand;
  /** An operand's current value in a temporary. */
  materialize(op: Operand, type: IrType): Operand;
  /** The value of an expression in a temporary (evaluated now). */
  operand(e: Expr): Operand;
  pushZero(type: IrType): void;
  /** Aborts with Panic(code) when the `|`-separated instructions push true. */
  panicIf(condition: string, code: number): void;
  /** The current statement's `unsupported on move` error. */
  unsupported(construct: string): Error;
  /** Places a label that a later instruction jumps back to (a loop head). */
  loopHead(name: string): void;
  /** Name of a module helper function (emitted on first use). */
  helper(name: 'pack_word' | 'pack_bytes' | 'word_of'): string;
  /** Notes that the function borrows `State`. */
  touchState(): void;
  readonly selfConstant: number;
  fieldOf(variable: number): string;
}
