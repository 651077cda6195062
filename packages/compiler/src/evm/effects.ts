import { UnsupportedError } from '@polyvm/core';
import {
  type Expr,
  type HashExpr,
  type IrType,
  isValueType,
  type RevertReason,
  typeName,
} from '../ir/index.js';
import { encodeTuple } from './abi-encode.js';
import type { CodeBuilder } from './code-builder.js';
import type { Gen } from './gen-context.js';
import { freePointer } from './memory.js';
import { ERROR_SELECTOR } from './panic.js';
import { literalWords, wordShape } from './words.js';

/** Evaluates `args` left to right; returns their absolute stack indices. */
function pushArgs(g: Gen, args: readonly Expr[]): number[] {
  return args.map((arg) => {
    g.expr(arg);
    return g.b.height - 1;
  });
}

/** `[…, start, end]` → `[…, start, length]` */
function lengthFromEnd(b: CodeBuilder): void {
  b.dup(2).swap(1).op('SUB');
}

/** Drops `count` words below the top one. */
function dropBelow(b: CodeBuilder, count: number): void {
  for (let i = 0; i < count; i++) b.swap(1).op('POP');
}

/**
 * `revert`: empty data, a panic, `Error(string)` (0x08c379a0 ‖ abi(string)) or a custom error
 * (selector ‖ abi(args)), encoded at the free pointer as solc does (docs/control-structures.rst).
 */
export function emitRevert(g: Gen, reason: RevertReason): void {
  const b = g.b;
  if (reason.kind === 'empty') {
    b.jump(g.panics.emptyRevert);
    return;
  }
  if (reason.kind === 'panic') {
    b.jump(g.panics.label(reason.code));
    return;
  }
  if (reason.kind === 'error' && reason.message.kind === 'stringConst') {
    revertWithLiteral(b, reason.message.value);
    return;
  }
  let selector: bigint;
  let types: readonly IrType[];
  let args: readonly Expr[];
  if (reason.kind === 'error') {
    selector = ERROR_SELECTOR;
    types = [reason.message.type!];
    args = [reason.message];
  } else {
    const error = g.contract.errors.find((e) => e.signature === reason.error);
    if (error === undefined) throw new UnsupportedError(`evm: unknown error ${reason.error}`);
    selector = BigInt(`0x${error.selector}`);
    types = error.params.map((p) => p.type);
    args = reason.args;
  }
  const values = pushArgs(g, args);
  freePointer(b); // [args…, fp]
  b.push(selector << 224n)
    .dup(2)
    .op('MSTORE');
  b.dup(1).push(4).op('ADD');
  encodeTuple(b, types, values); // [args…, fp, end]
  lengthFromEnd(b);
  b.swap(1).op('REVERT');
}

/**
 * `Error(string)` with a literal reason, written word by word at the free pointer without allocating
 * (as solc does): selector, offset 0x20, length, the padded bytes.
 */
function revertWithLiteral(b: CodeBuilder, message: Uint8Array): void {
  const words = literalWords(message);
  freePointer(b);
  b.push(ERROR_SELECTOR << 224n)
    .dup(2)
    .op('MSTORE');
  b.push(0x20).dup(2).push(4).op('ADD').op('MSTORE');
  b.push(message.length).dup(2).push(0x24).op('ADD').op('MSTORE');
  words.forEach((word, w) => {
    b.push(word)
      .dup(2)
      .push(0x44 + 32 * w)
      .op('ADD')
      .op('MSTORE');
  });
  b.push(0x44 + 32 * words.length)
    .swap(1)
    .op('REVERT');
}

/** `emit E(args)`: LOGn with topic0 (unless anonymous), indexed topics, ABI data of the rest. */
export function emitEmit(g: Gen, signature: string, args: readonly Expr[]): void {
  const b = g.b;
  const event = g.contract.events.find((e) => e.signature === signature);
  if (event === undefined) throw new UnsupportedError(`evm: unknown event ${signature}`);
  const values = pushArgs(g, args);
  const data = event.params.flatMap((p, i) => (p.indexed ? [] : [i]));
  freePointer(b);
  const fpIndex = b.height - 1;
  b.dup(1);
  encodeTuple(
    b,
    data.map((i) => event.params[i]!.type),
    data.map((i) => values[i]!),
  );
  lengthFromEnd(b); // [args…, fp, size]
  const sizeIndex = b.height - 1;
  const indexed = event.params.flatMap((p, i) => (p.indexed ? [i] : []));
  for (const i of [...indexed].reverse()) {
    const type = event.params[i]!.type;
    b.dup(b.height - values[i]!);
    if (type.kind === 'string' || type.kind === 'bytes')
      b.dup(1).op('MLOAD').swap(1).push(32).op('ADD').op('KECCAK256');
    else if (!isValueType(type)) hashFlatWords(b, type);
  }
  if (!event.anonymous) b.push(BigInt(`0x${event.topic0}`));
  const topics = indexed.length + (event.anonymous ? 0 : 1);
  b.dup(b.height - sizeIndex).dup(b.height - fpIndex);
  b.op(`LOG${topics}`);
  b.pop(2 + values.length);
}

/**
 * `[pointer]` → `[topic]` of an indexed array or struct of value types: keccak256 of its elements, each
 * padded to 32 bytes, without a length (docs/abi-spec.rst §Encoding of Indexed Event Parameters) —
 * exactly the memory words after a dynamic array's length, or the words of a static array or struct.
 */
function hashFlatWords(b: CodeBuilder, type: IrType): void {
  const flat =
    (type.kind === 'struct' && type.fields.every((f) => isValueType(f.type))) ||
    (type.kind === 'array' && isValueType(type.element));
  if (!flat) throw new UnsupportedError(`evm: indexed ${typeName(type)} event parameter`);
  if (type.kind === 'array' && type.length === null)
    b.dup(1).op('MLOAD').push(5).op('SHL').swap(1).push(32).op('ADD');
  else {
    const words = type.kind === 'struct' ? type.fields.length : type.kind === 'array' ? type.length! : 0;
    b.push(32 * words).swap(1);
  }
  b.op('KECCAK256');
}

/** `keccak256`/`sha256` of `abi.encodePacked(args)` or `abi.encode(args)`, built at the free pointer. */
export function emitHash(g: Gen, e: HashExpr): void {
  const b = g.b;
  const values = pushArgs(g, e.args);
  freePointer(b);
  b.dup(1); // [args…, start, pos]
  if (e.encoding === 'standard') {
    encodeTuple(
      b,
      e.args.map((a) => a.type!),
      values,
    );
  } else
    e.args.forEach((arg, i) => {
      packed(b, arg.type!, b.height - values[i]!);
    });
  lengthFromEnd(b); // [args…, start, length]
  if (e.algorithm === 'keccak256') b.swap(1).op('KECCAK256');
  else {
    // STATICCALL(gas, 0x02, start, length, 0, 32) — the sha256 precompile (Yellow Paper App. E).
    b.push(32).push(0).dup(3).dup(5).push(2).op('GAS').op('STATICCALL').op('ISZERO');
    g.panics.revertIf();
    b.pop(2).push(0).op('MLOAD');
  }
  dropBelow(b, values.length);
}

/** `[pos]` → `[pos']`: appends the packed encoding of the value at stack depth `depth` (from before). */
function packed(b: CodeBuilder, type: IrType, depth: number): void {
  b.dup(depth); // [pos, v]
  if (isValueType(type)) {
    const shape = wordShape(type);
    const size = shape.kind === 'left' ? shape.bytes : Math.max(1, shape.bits / 8);
    if (shape.kind !== 'left' && size < 32) b.push(256 - 8 * size).op('SHL');
    b.dup(2).op('MSTORE').push(size).op('ADD');
    return;
  }
  if (type.kind === 'string' || type.kind === 'bytes') {
    b.dup(1).op('MLOAD').swap(1).push(32).op('ADD'); // [pos, len, src]
  } else if (type.kind === 'array' && isValueType(type.element)) {
    if (type.length === null) b.dup(1).op('MLOAD').push(5).op('SHL').swap(1).push(32).op('ADD');
    else b.push(32 * type.length).swap(1);
  } else throw new UnsupportedError(`evm: abi.encodePacked of ${typeName(type)}`);
  // [pos, len, src] → mcopy(pos, src, len) → [pos + len]
  b.dup(2).swap(1).dup(4).op('MCOPY').op('ADD');
}
