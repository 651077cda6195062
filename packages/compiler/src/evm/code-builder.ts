import { UnsupportedError } from '@polyvm/core';
import { opcodeByName } from '@polyvm/evm';

/** A jump target inside one `CodeBuilder`; resolved to a byte offset when the code is built. */
export interface Label {
  readonly id: number;
  readonly name: string;
}

/** Stack height of a label not yet reached: set by the first jump to it or by falling into it. */
const UNKNOWN = -1;
/** Terminal labels (revert/return blocks) accept any height: nothing after them reads the stack. */
const ANY = -2;

const JUMPDEST = 0x5b;
const PUSH2 = 0x61;

type Piece =
  | { kind: 'bytes'; bytes: number[] }
  | { kind: 'label'; label: Label }
  | { kind: 'push-label'; label: Label }
  | { kind: 'data'; label: Label; bytes: Uint8Array };

/** Opcodes after which execution does not fall through to the next instruction. */
const HALTS = new Set(['STOP', 'JUMP', 'RETURN', 'REVERT', 'INVALID', 'SELFDESTRUCT']);

/**
 * Builds EVM bytecode from opcodes, minimal pushes and labels. Label references are always PUSH2
 * (code ≤ 64 KiB, far above EIP-170's 24 KiB), so one pass resolves them. The builder tracks the
 * static stack height and checks that every path into a label arrives with the same height: a
 * code-generation bug becomes a build-time error instead of a wrong contract.
 */
export class CodeBuilder {
  readonly #pieces: Piece[] = [];
  readonly #labelHeights: number[] = [];
  #current: number[] = [];
  /** The stack height at this point, or `undefined` after an unconditional halt or jump. */
  #height: number | undefined = 0;

  constructor(initialHeight = 0) {
    this.#height = initialHeight;
    this.#pieces.push({ kind: 'bytes', bytes: this.#current });
  }

  get height(): number {
    if (this.#height === undefined) throw new Error('codegen: unreachable code has no stack height');
    return this.#height;
  }

  get reachable(): boolean {
    return this.#height !== undefined;
  }

  /** Declares the height of unreachable code about to be emitted (e.g. a subroutine entry). */
  setHeight(height: number): this {
    this.#height = height;
    return this;
  }

  newLabel(name: string, terminal = false): Label {
    const label = { id: this.#labelHeights.length, name };
    this.#labelHeights.push(terminal ? ANY : UNKNOWN);
    return label;
  }

  /** Whether some jump already targets `label` (so placing it makes the code after it reachable). */
  isTargeted(label: Label): boolean {
    return this.#labelHeights[label.id]! >= 0;
  }

  /** Places `label` here as a JUMPDEST. */
  mark(label: Label): this {
    this.#placeLabel(label);
    this.#current.push(JUMPDEST);
    return this;
  }

  op(mnemonic: string): this {
    const info = opcodeByName(mnemonic);
    if (info === undefined || info.immediate > 0) throw new Error(`codegen: bad mnemonic ${mnemonic}`);
    this.#adjust(info.pops, info.pushes);
    this.#current.push(info.code);
    if (HALTS.has(mnemonic)) this.#height = undefined;
    return this;
  }

  /** Several opcodes, space separated: `ops('DUP1 MLOAD')`. */
  ops(mnemonics: string): this {
    for (const mnemonic of mnemonics.split(' ')) if (mnemonic !== '') this.op(mnemonic);
    return this;
  }

  /** The shortest push of a value (PUSH0 for zero); negative numbers are pushed as two's complement. */
  push(value: bigint | number): this {
    let v = BigInt(value);
    if (v < 0n) v += 1n << 256n;
    if (v < 0n || v >= 1n << 256n) throw new Error(`codegen: push of ${value} out of range`);
    this.#adjust(0, 1);
    if (v === 0n) {
      this.#current.push(0x5f);
      return this;
    }
    // Shorter spellings of wide constants: NOT of a small value (~0, masks of low bytes) or a small value
    // shifted left (selectors `0x4e487b71 << 224`, masks of high bytes), when they save enough bytes to pay
    // for the extra instruction.
    const plain = byteLength(v) + 1;
    const inverted = (1n << 256n) - 1n - v;
    const notForm = plain > 4 ? byteLength(inverted) + 2 : Number.POSITIVE_INFINITY;
    const shift = trailingZeroBytes(v) * 8;
    const shiftForm = shift > 0 ? byteLength(v >> BigInt(shift)) + 4 : Number.POSITIVE_INFINITY;
    if (shiftForm + SHIFT_SAVING <= plain && shiftForm < notForm) {
      this.#pushBytes(v >> BigInt(shift));
      this.#pushBytes(BigInt(shift));
      this.#current.push(0x1b);
    } else if (notForm < plain) {
      this.#pushBytes(inverted);
      this.#current.push(0x19);
    } else this.#pushBytes(v);
    return this;
  }

  pushLabel(label: Label): this {
    this.#adjust(0, 1);
    this.#pieces.push({ kind: 'push-label', label });
    this.#newRun();
    return this;
  }

  dup(n: number): this {
    if (n < 1 || n > 16) throw new UnsupportedError(`evm: stack too deep (DUP${n}); split the expression`);
    return this.op(`DUP${n}`);
  }

  swap(n: number): this {
    if (n < 1 || n > 16) throw new UnsupportedError(`evm: stack too deep (SWAP${n}); split the expression`);
    return this.op(`SWAP${n}`);
  }

  pop(count = 1): this {
    for (let i = 0; i < count; i++) this.op('POP');
    return this;
  }

  jump(label: Label): this {
    const height = this.height;
    this.pushLabel(label);
    this.op('JUMP');
    this.#arrive(label, height);
    return this;
  }

  /** Pops a condition and jumps to `label` if it is non-zero. */
  jumpIf(label: Label): this {
    this.pushLabel(label);
    this.op('JUMPI');
    this.#arrive(label, this.height);
    return this;
  }

  /**
   * Appends `bytes` after all code (never executed) and returns a label at its offset, for CODECOPY.
   */
  data(name: string, bytes: Uint8Array): Label {
    const label = this.newLabel(name, true);
    this.#pieces.push({ kind: 'data', label, bytes });
    this.#newRun();
    return label;
  }

  /** Resolves labels and returns the bytecode; `end` (if given) is placed after code and data. */
  build(end?: Label): Uint8Array {
    const code = this.#pieces.filter((piece) => piece.kind !== 'data');
    const data = this.#pieces.filter((piece) => piece.kind === 'data');
    const ordered = [...code, ...data];
    const offsets = new Map<number, number>();
    let size = 0;
    for (const piece of ordered) {
      if (piece.kind === 'bytes') size += piece.bytes.length;
      else if (piece.kind === 'push-label') size += 3;
      else if (piece.kind === 'data') {
        offsets.set(piece.label.id, size);
        size += piece.bytes.length;
      } else offsets.set(piece.label.id, size);
    }
    if (end !== undefined) offsets.set(end.id, size);
    if (size > 0xffff) throw new Error(`codegen: ${size} bytes of code exceed PUSH2 label range`);
    const out = new Uint8Array(size);
    let at = 0;
    for (const piece of ordered) {
      if (piece.kind === 'bytes') {
        out.set(piece.bytes, at);
        at += piece.bytes.length;
      } else if (piece.kind === 'push-label') {
        const target = offsets.get(piece.label.id);
        if (target === undefined) throw new Error(`codegen: label ${piece.label.name} never placed`);
        out.set([PUSH2, target >> 8, target & 0xff], at);
        at += 3;
      } else if (piece.kind === 'data') {
        out.set(piece.bytes, at);
        at += piece.bytes.length;
      }
    }
    return out;
  }

  #adjust(pops: number, pushes: number): void {
    if (this.#height === undefined) throw new Error('codegen: instruction emitted in unreachable code');
    if (this.#height < pops)
      throw new Error(`codegen: stack underflow (height ${this.#height}, pops ${pops})`);
    this.#height += pushes - pops;
  }

  #arrive(label: Label, height: number): void {
    const known = this.#labelHeights[label.id]!;
    if (known === ANY) return;
    if (known === UNKNOWN) this.#labelHeights[label.id] = height;
    else if (known !== height)
      throw new Error(`codegen: label ${label.name} reached with height ${height}, expected ${known}`);
  }

  #placeLabel(label: Label): void {
    if (this.#height !== undefined) this.#arrive(label, this.#height);
    const settled = this.#labelHeights[label.id]!;
    if (settled === ANY) this.#height = this.#height ?? 0;
    else if (settled === UNKNOWN) throw new Error(`codegen: label ${label.name} has no known stack height`);
    else this.#height = settled;
    this.#pieces.push({ kind: 'label', label });
    this.#newRun();
  }

  #pushBytes(value: bigint): void {
    const size = byteLength(value);
    const bytes: number[] = [0x5f + size];
    for (let i = size - 1; i >= 0; i--) bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
    this.#current.push(...bytes);
  }

  #newRun(): void {
    this.#current = [];
    this.#pieces.push({ kind: 'bytes', bytes: this.#current });
  }
}

/** Bytes a shifted push must save over the plain PUSHn before it is used (it costs 6 gas instead of 3). */
const SHIFT_SAVING = 8;

function trailingZeroBytes(value: bigint): number {
  let count = 0;
  while (count < 31 && ((value >> BigInt(8 * count)) & 0xffn) === 0n) count++;
  return count;
}

function byteLength(value: bigint): number {
  return value === 0n ? 0 : Math.ceil(value.toString(16).length / 2);
}
