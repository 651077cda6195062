import type { CodeBuilder, Label } from './code-builder.js';

/** `Panic(uint256)` selector (docs/control-structures.rst §Panic via assert and Error via require). */
export const PANIC_SELECTOR = 0x4e487b71n;
/** `Error(string)` selector. */
export const ERROR_SELECTOR = 0x08c379a0n;

/** Panic codes (solidity libsolutil/ErrorCodes.h). */
export const PanicCode = {
  assert: 0x01,
  overflow: 0x11,
  divisionByZero: 0x12,
  badStorageBytes: 0x22,
  emptyPop: 0x31,
  outOfBounds: 0x32,
  allocation: 0x41,
} as const;

/**
 * One shared revert block per panic code, placed at the end of the code and reached by a JUMP/JUMPI
 * from anywhere (any stack height): `mstore(0, shl(224, 0x4e487b71)) mstore(4, code) revert(0, 0x24)`,
 * the same 36 bytes of revert data as solc's `panic_error_0xNN`.
 */
export class PanicBlocks {
  readonly #labels = new Map<number, Label>();
  /** Revert with empty data (failed ABI validation, `require(c)`, unknown selector). */
  readonly #empty: Label;

  constructor(private readonly b: CodeBuilder) {
    this.#empty = b.newLabel('revert-empty', true);
  }

  label(code: number): Label {
    let label = this.#labels.get(code);
    if (label === undefined) {
      label = this.b.newLabel(`panic-0x${code.toString(16)}`, true);
      this.#labels.set(code, label);
    }
    return label;
  }

  /** Label of a block that reverts with no data. */
  get emptyRevert(): Label {
    return this.#empty;
  }

  /** Pops a condition; panics with `code` when it is non-zero. */
  panicIf(code: number): void {
    this.b.jumpIf(this.label(code));
  }

  /** Pops a condition; reverts with empty data when it is non-zero. */
  revertIf(): void {
    this.b.jumpIf(this.#empty);
  }

  /** Emits every block that was referenced. Call once, after all other code. */
  emit(): void {
    const b = this.b;
    for (const [code, label] of this.#labels) {
      b.mark(label)
        .push(PANIC_SELECTOR << 224n)
        .push(0)
        .op('MSTORE')
        .push(code)
        .push(4)
        .op('MSTORE')
        .push(0x24)
        .push(0)
        .op('REVERT');
    }
    b.mark(this.#empty).push(0).op('DUP1').op('REVERT');
  }
}
