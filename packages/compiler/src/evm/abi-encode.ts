import { UnsupportedError } from '@polyvm/core';
import { isDynamic } from '../abi/codec.js';
import { type IrType, isValueType, typeName } from '../ir/index.js';
import type { CodeBuilder } from './code-builder.js';

/**
 * Solidity ABI encoding (docs/abi-spec.rst §Formal Specification of the Encoding) of values held as
 * clean stack words (value types) or memory pointers (solc's memory layout: `T[]` = length word then
 * one word per element, `T[k]` and structs = one word per element/member, nested references as
 * pointers, `bytes`/`string` = length then data).
 */

/** Bytes a type takes in the head of a tuple: 32 for value and dynamic types, inline for static ones. */
export function headSize(type: IrType): number {
  if (isValueType(type) || isDynamic(type)) return 32;
  if (type.kind === 'array') return type.length! * headSize(type.element);
  if (type.kind === 'struct') return type.fields.reduce((sum, f) => sum + headSize(f.type), 0);
  throw new UnsupportedError(`evm: no ABI encoding for ${typeName(type)}`);
}

/**
 * Encodes a tuple. `values[i]` is the absolute stack index (height − 1 when it was pushed) of the i-th
 * value, which stays on the stack. `[…, headStart]` → `[…, end]`.
 */
export function encodeTuple(b: CodeBuilder, types: readonly IrType[], values: readonly number[]): void {
  const size = types.reduce((sum, t) => sum + headSize(t), 0);
  b.dup(1).push(size).op('ADD'); // [hs, tail]
  let offset = 0;
  types.forEach((type, i) => {
    const valueDepth = (): number => b.height - values[i]!;
    if (isDynamic(type)) {
      b.dup(2).dup(2).op('SUB').dup(3).push(offset).op('ADD').op('MSTORE'); // head = tail − hs
      b.dup(valueDepth()).swap(1); // [hs, v, tail]
      encodeTail(b, type); // [hs, tail']
    } else {
      b.dup(valueDepth()).dup(3).push(offset).op('ADD');
      encodeStatic(b, type);
    }
    offset += headSize(type);
  });
  b.swap(1).op('POP');
}

/** `[value, pos]` → `[]`: the inline encoding of a static type at `pos`. */
function encodeStatic(b: CodeBuilder, type: IrType): void {
  if (isValueType(type)) {
    b.op('MSTORE');
    return;
  }
  const members = staticMembers(type);
  let offset = 0;
  members.forEach((member, i) => {
    b.dup(2)
      .push(32 * i)
      .op('ADD')
      .op('MLOAD');
    b.dup(2).push(offset).op('ADD');
    encodeStatic(b, member);
    offset += headSize(member);
  });
  b.pop(2);
}

function staticMembers(type: IrType): IrType[] {
  if (type.kind === 'struct') return type.fields.map((f) => f.type);
  if (type.kind === 'array' && type.length !== null) return Array(type.length).fill(type.element);
  throw new UnsupportedError(`evm: no ABI encoding for ${typeName(type)}`);
}

/** `[pointer, pos]` → `[end]`: the tail encoding of a dynamic type at `pos`. */
function encodeTail(b: CodeBuilder, type: IrType): void {
  if (type.kind === 'string' || type.kind === 'bytes') {
    b.dup(2).op('MLOAD'); // [ptr, pos, len]
    b.dup(1).dup(3).op('MSTORE');
    b.push(0).dup(2).dup(4).op('ADD').push(32).op('ADD').op('MSTORE'); // zero padding
    b.dup(1).dup(4).push(32).op('ADD').dup(4).push(32).op('ADD').op('MCOPY');
    b.push(31).op('ADD').push(~31n).op('AND').op('ADD').push(32).op('ADD');
    b.swap(1).op('POP');
    return;
  }
  if (type.kind === 'array') {
    const element = type.element;
    if (type.length === null) {
      // [ptr, pos]: write the length, then encode the elements after it.
      b.dup(2).op('MLOAD').dup(2).op('MSTORE');
      b.swap(1).push(32).op('ADD').swap(1).push(32).op('ADD'); // [ptr+32, pos+32]
      b.push(32).dup(3).op('SUB').op('MLOAD'); // [first, pos, n]
    } else b.push(type.length);
    encodeSequence(b, element);
    return;
  }
  if (type.kind === 'struct') {
    const fields = type.fields.map((f) => f.type);
    // [ptr, pos]: load every member on the stack, encode them as a tuple at pos, drop them.
    const base = b.height;
    fields.forEach((_, i) => {
      b.dup(2 + i)
        .push(32 * i)
        .op('ADD')
        .op('MLOAD');
    });
    b.dup(1 + fields.length);
    encodeTuple(
      b,
      fields,
      fields.map((_, i) => base + i),
    );
    for (let i = 0; i < fields.length + 2; i++) b.swap(1).op('POP');
    return;
  }
  throw new UnsupportedError(`evm: no ABI encoding for ${typeName(type)}`);
}

/**
 * `[first, pos, n]` → `[end]`: `n` elements stored one word each from `first`, encoded as a tuple
 * of `n` elements at `pos` (heads then tails for dynamic elements).
 */
function encodeSequence(b: CodeBuilder, element: IrType): void {
  const loop = b.newLabel('abi-seq');
  const done = b.newLabel('abi-seq-done');
  const dynamic = isDynamic(element);
  const stride = dynamic ? 32 : headSize(element);
  // tail = pos + n·stride; i = 0   → [first, pos, n, tail, i]
  b.dup(1).push(stride).op('MUL').dup(3).op('ADD').push(0);
  b.mark(loop);
  b.dup(3).dup(2).op('LT').op('ISZERO').jumpIf(done);
  // value = mload(first + 32·i)
  b.dup(5).dup(2).push(32).op('MUL').op('ADD').op('MLOAD'); // [.., tail, i, v]
  if (dynamic) {
    // head_i = tail − pos
    b.dup(5).dup(4).op('SUB').dup(6).dup(4).push(32).op('MUL').op('ADD').op('MSTORE');
    b.dup(3); // [.., tail, i, v, tail]
    encodeTail(b, element); // [.., tail, i, tail']
    b.swap(2).op('POP'); // [.., tail', i]
  } else {
    b.dup(5).dup(3).push(stride).op('MUL').op('ADD'); // pos + stride·i
    encodeStatic(b, element);
  }
  b.push(1).op('ADD').jump(loop);
  b.mark(done);
  // [first, pos, n, tail, i] → [end] = dynamic ? tail : pos + n·stride (equal for static)
  b.op('POP').swap(3).pop(3);
}
