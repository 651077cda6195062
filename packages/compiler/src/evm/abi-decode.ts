import { UnsupportedError } from '@polyvm/core';
import { isDynamic } from '../abi/codec.js';
import { type IrType, isValueType, typeName } from '../ir/index.js';
import { headSize } from './abi-encode.js';
import type { CodeBuilder } from './code-builder.js';
import { allocate, allocateArray, MAX_MEMORY } from './memory.js';
import { type PanicBlocks, PanicCode } from './panic.js';
import { cleanup, wordShape } from './words.js';

/**
 * Where ABI-encoded arguments are read from: call data for functions (tuple at 4, end CALLDATASIZE),
 * memory for constructor arguments (copied from the end of the init code; start and end kept in the
 * scratch words 0x00/0x20, which decoding never hashes into).
 */
export interface AbiSource {
  pushStart(b: CodeBuilder): void;
  pushEnd(b: CodeBuilder): void;
  /** `[absolute offset]` → `[word]` */
  load(b: CodeBuilder): void;
  /** `[length, source, destination]` → `[]` */
  copy(b: CodeBuilder): void;
  /**
   * solc decodes `calldata` parameters to pointers, not memory: a length above 2^64 − 1 reverts with
   * empty data (no allocation to panic in) and the range check comes first. polyvm still copies them to
   * memory, but checks in that order.
   */
  readonly calldataReference?: boolean;
}

export const CALLDATA_SOURCE: AbiSource = {
  pushStart: (b) => b.push(4),
  pushEnd: (b) => b.op('CALLDATASIZE'),
  load: (b) => b.op('CALLDATALOAD'),
  copy: (b) => b.op('CALLDATACOPY'),
};

/** Call data read for a parameter declared `calldata`. */
export const CALLDATA_REFERENCE_SOURCE: AbiSource = { ...CALLDATA_SOURCE, calldataReference: true };

export const MEMORY_SOURCE: AbiSource = {
  pushStart: (b) => b.push(0).op('MLOAD'),
  pushEnd: (b) => b.push(0x20).op('MLOAD'),
  load: (b) => b.op('MLOAD'),
  copy: (b) => b.op('MCOPY'),
};

/**
 * Decodes a parameter tuple with solc's validation (YulUtilFunctions/ABIFunctions `abi_decode_tuple`):
 * too-short data, out-of-range offsets and lengths, and value words that are not clean for their type
 * revert with empty data; an array length ≥ 2^64 panics 0x41. Pushes one word per parameter (value or
 * memory pointer), first parameter deepest.
 */
export function decodeTuple(
  b: CodeBuilder,
  panics: PanicBlocks,
  types: readonly IrType[],
  src: AbiSource,
  sourceOf: (index: number) => AbiSource = () => src,
): void {
  const size = types.reduce((sum, t) => sum + headSize(t), 0);
  src.pushStart(b);
  src.pushEnd(b);
  b.op('SUB').push(size).swap(1).op('SLT');
  panics.revertIf();
  let offset = 0;
  types.forEach((type, i) => {
    const from = sourceOf(i);
    from.pushStart(b);
    b.push(offset).op('ADD');
    if (isDynamic(type)) decodeAtOffset(b, panics, type, from, () => from.pushStart(b));
    else decodeStatic(b, panics, type, from);
    offset += headSize(type);
  });
}

/**
 * `[position of a head word]` → `[pointer]`: reads the offset stored there (above 2^64 − 1 reverts),
 * adds the base that `pushBase` pushes (the start its offsets count from) and decodes the tail.
 */
function decodeAtOffset(
  b: CodeBuilder,
  panics: PanicBlocks,
  type: IrType,
  src: AbiSource,
  pushBase: () => void,
): void {
  src.load(b);
  b.push(MAX_MEMORY).dup(2).op('GT');
  panics.revertIf();
  pushBase();
  b.op('ADD');
  decodeDynamic(b, panics, type, src);
}

/** `[absolute position]` → `[value or pointer]` for a static type encoded in place. */
function decodeStatic(b: CodeBuilder, panics: PanicBlocks, type: IrType, src: AbiSource): void {
  if (isValueType(type)) {
    src.load(b);
    validate(b, panics, type);
    return;
  }
  const members =
    type.kind === 'struct'
      ? type.fields.map((f) => f.type)
      : type.kind === 'array' && type.length !== null
        ? Array<IrType>(type.length).fill(type.element)
        : undefined;
  if (members === undefined) throw new UnsupportedError(`evm: cannot ABI-decode ${typeName(type)}`);
  decodeMembers(b, panics, members, src);
}

function validate(b: CodeBuilder, panics: PanicBlocks, type: IrType): void {
  b.dup(1);
  cleanup(b, wordShape(type));
  b.dup(2).ops('EQ ISZERO');
  panics.revertIf();
}

/** `[absolute start of the tail]` → `[memory pointer]`. */
function decodeDynamic(b: CodeBuilder, panics: PanicBlocks, type: IrType, src: AbiSource): void {
  if (type.kind === 'struct') {
    // if slt(sub(end, headStart), headSize) revert
    src.pushEnd(b);
    b.dup(2).swap(1).op('SUB').push(headSize(type)).swap(1).op('SLT');
    panics.revertIf();
    decodeMembers(
      b,
      panics,
      type.fields.map((f) => f.type),
      src,
    );
    return;
  }
  // if iszero(slt(add(offset, 0x1f), end)) revert
  src.pushEnd(b);
  b.dup(2).push(31).op('ADD').op('SLT').op('ISZERO');
  panics.revertIf();
  if (type.kind === 'string' || type.kind === 'bytes') {
    decodeBytes(b, panics, src);
    return;
  }
  if (type.kind !== 'array') throw new UnsupportedError(`evm: cannot ABI-decode ${typeName(type)}`);
  const element = type.element;
  const dynamicElement = isDynamic(element);
  const stride = dynamicElement ? 32 : headSize(element);
  // Range check on [abs, n, _, first]: first + n·stride must not pass the end.
  const inRange = (): void => {
    src.pushEnd(b);
    b.dup(4).push(stride).op('MUL').dup(3).op('ADD').op('GT');
    panics.revertIf();
  };
  if (type.length === null) {
    b.dup(1);
    src.load(b); // [abs, n]
    checkLength(b, panics, src);
    if (src.calldataReference) {
      b.push(0).dup(3).push(32).op('ADD');
      inRange();
      b.pop(2);
    }
    b.dup(1);
    allocateArray(b, panics); // [abs, n, p]
    b.dup(3).push(32).op('ADD'); // [abs, n, p, first]
  } else {
    b.push(type.length).push(32 * type.length);
    allocate(b, panics);
    b.dup(3); // [abs, k, p, first = abs]
  }
  if (!src.calldataReference || type.length !== null) inRange();
  const loop = b.newLabel('abi-dec');
  const done = b.newLabel('abi-dec-done');
  b.push(0); // [abs, n, p, first, i]
  b.mark(loop);
  b.dup(4).dup(2).op('LT').op('ISZERO').jumpIf(done);
  b.dup(1).push(stride).op('MUL').dup(3).op('ADD'); // position of element i
  if (dynamicElement) decodeAtOffset(b, panics, element, src, () => b.dup(3));
  else decodeStatic(b, panics, element, src);
  b.dup(2).push(5).op('SHL').dup(5).op('ADD');
  if (type.length === null) b.push(32).op('ADD');
  b.op('MSTORE');
  b.push(1).op('ADD').jump(loop);
  b.mark(done);
  b.pop(2).swap(2).pop(2);
}

/** `[absolute position of the tuple]` → `[pointer to a memory struct]` of its decoded members. */
function decodeMembers(
  b: CodeBuilder,
  panics: PanicBlocks,
  members: readonly IrType[],
  src: AbiSource,
): void {
  b.push(32 * members.length);
  allocate(b, panics); // [abs, p]
  let offset = 0;
  members.forEach((member, i) => {
    b.dup(2).push(offset).op('ADD');
    if (isDynamic(member)) decodeAtOffset(b, panics, member, src, () => b.dup(3));
    else decodeStatic(b, panics, member, src);
    b.dup(2)
      .push(32 * i)
      .op('ADD')
      .op('MSTORE');
    offset += headSize(member);
  });
  b.swap(1).op('POP');
}

/** `[n]` → `[n]`: a length above 2^64 − 1 panics 0x41 (memory) or reverts (calldata reference). */
function checkLength(b: CodeBuilder, panics: PanicBlocks, src: AbiSource): void {
  b.push(MAX_MEMORY).dup(2).op('GT');
  if (src.calldataReference) panics.revertIf();
  else panics.panicIf(PanicCode.allocation);
}

/** `[abs]` → `[pointer]`: a `bytes`/`string` tail (length word, data) copied to fresh memory. */
function decodeBytes(b: CodeBuilder, panics: PanicBlocks, src: AbiSource): void {
  b.dup(1);
  src.load(b); // [abs, len]
  checkLength(b, panics, src);
  const inRange = (): void => {
    src.pushEnd(b);
    b.dup(3).dup(5).op('ADD').push(32).op('ADD').op('GT');
    panics.revertIf();
  };
  if (src.calldataReference) {
    b.push(0); // keep the range check's stack shape: [abs, len, _]
    inRange();
    b.op('POP');
  }
  b.dup(1).push(32).op('ADD');
  allocate(b, panics); // [abs, len, p]
  b.dup(2).dup(2).op('MSTORE');
  if (!src.calldataReference) inRange();
  b.dup(2).dup(4).push(32).op('ADD').dup(3).push(32).op('ADD');
  src.copy(b);
  b.push(0).dup(3).dup(3).op('ADD').push(32).op('ADD').op('MSTORE');
  b.swap(2).pop(2);
}
