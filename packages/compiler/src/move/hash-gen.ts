/**
 * `keccak256`/`sha256` of `abi.encodePacked(…)` or `abi.encode(…)`: the preimage is built big-endian
 * in a `vector<u8>` (module helpers `pack_word`/`pack_bytes`), hashed with `0x1::aptos_hash::keccak256`
 * or `0x1::hash::sha2_256`, and the 32-byte digest read back as a `u256` (`word_of`).
 */
import { type IrType, isValueType, typeName } from '../ir/types.js';
import type { Emitter, Operand } from './emitter.js';
import { moveValueType } from './types.js';
import { isNegative, mask, wordBits } from './words.js';

/** Leaves the digest of `args` (already computed) on the stack, as a `u256`. */
export function emitHash(
  out: Emitter,
  algorithm: 'keccak256' | 'sha256',
  standard: boolean,
  args: readonly { readonly type: IrType; readonly value: Operand }[],
): void {
  const preimage = out.temp('vector<u8>');
  out.emit('VecPack<u8> 0');
  out.emit(`StLoc ${preimage}`);
  for (const { type, value } of args) pack(out, preimage, type, value, standard);
  out.emit(`MoveLoc ${preimage}`);
  out.emit(algorithm === 'keccak256' ? 'Call 0x1::aptos_hash::keccak256' : 'Call 0x1::hash::sha2_256');
  const digest = out.temp('vector<u8>');
  out.emit(`StLoc ${digest}`);
  out.emit(`ImmBorrowLoc ${digest}`);
  out.emit('LdU64 32');
  out.emit(`Call ${out.helper('word_of')}`);
}

/**
 * Appends one value to a hash preimage: each value type in its own size (packed) or one 32-byte
 * word (`standard`), byte strings raw, arrays (packed) element by element, each padded to a word.
 */
function pack(out: Emitter, preimage: string, type: IrType, value: Operand, standard: boolean): void {
  // Each value type in its own size (packed) or one 32-byte word (standard); byte strings raw.
  const word = (bytes: number, shift = 0): void => {
    let number = value.push;
    if (type.kind === 'bool') {
      const t = out.temp('u256');
      const one = out.newLabel('True');
      const done = out.newLabel('Bool');
      out.emit(value.push);
      out.emit(`BrTrue ${one}`);
      out.emit('LdU256 0');
      out.emit(`StLoc ${t}`);
      out.emit(`Branch ${done}`);
      out.label(one);
      out.emit('LdU256 1');
      out.emit(`StLoc ${t}`);
      out.label(done);
      number = `CopyLoc ${t}`;
    } else if (type.kind === 'int' && bytes === 32 && type.bits < 256) {
      // abi.encode sign-extends a narrower signed integer to the word.
      const t = out.temp('u256');
      const done = out.newLabel('Extended');
      out.emit(value.push);
      out.emit('CastU256');
      out.emit(`StLoc ${t}`);
      for (const ins of isNegative(type.bits, value.push).split('|')) out.emit(ins);
      out.emit(`BrFalse ${done}`);
      out.emit(`CopyLoc ${t}`);
      out.emit(`LdU256 ${mask(256) ^ mask(type.bits)}`);
      out.emit('BitOr');
      out.emit(`StLoc ${t}`);
      out.label(done);
      number = `CopyLoc ${t}`;
    }
    out.emit(`MutBorrowLoc ${preimage}`);
    out.emit(number);
    if (number === value.push && wordBits(type) !== 256) out.emit('CastU256');
    if (shift > 0) {
      out.emit(`LdU8 ${shift}`);
      out.emit('Shl');
    }
    out.emit(`LdU64 ${bytes}`);
    out.emit(`Call ${out.helper('pack_word')}`);
  };
  const raw = (from: number): void => {
    const bytes = out.temp('vector<u8>');
    if (type.kind === 'address') {
      const a = out.temp('address');
      out.emit(value.push);
      out.emit(`StLoc ${a}`);
      out.emit(`ImmBorrowLoc ${a}`);
      out.emit('Call 0x1::bcs::to_bytes<address>');
    } else out.emit(value.push);
    out.emit(`StLoc ${bytes}`);
    out.emit(`MutBorrowLoc ${preimage}`);
    out.emit(`ImmBorrowLoc ${bytes}`);
    out.emit(`LdU64 ${from}`);
    out.emit(`Call ${out.helper('pack_bytes')}`);
  };
  switch (type.kind) {
    case 'uint':
      word(standard ? 32 : type.bits / 8);
      break;
    case 'int':
      word(standard ? 32 : type.bits / 8);
      break;
    case 'fixedBytes':
      // Left-aligned: padded on the right to a word in the standard encoding.
      if (standard) word(32, 8 * (32 - type.size));
      else word(type.size);
      break;
    case 'bool':
      word(standard ? 32 : 1);
      break;
    case 'address':
      // The 20-byte EVM address is the low 20 of Move's 32 (left-padded with zeros).
      raw(standard ? 0 : 32 - 20);
      break;
    case 'string':
    case 'bytes':
      if (standard) throw out.unsupported(`abi.encode of ${type.kind} in a hash`);
      raw(0);
      break;
    case 'array': {
      if (standard || !isValueType(type.element)) throw out.unsupported(`${typeName(type)} in a hash`);
      const element = moveValueType(type.element);
      const i = out.temp('u64');
      const head = out.newLabel('PackEach');
      const done = out.newLabel('Packed');
      out.emit('LdU64 0');
      out.emit(`StLoc ${i}`);
      out.loopHead(head);
      out.emit(`CopyLoc ${i}`);
      out.emit(`ImmBorrowLoc ${value.push.slice('CopyLoc '.length)}`);
      out.emit(`VecLen<${element}>`);
      out.emit('Eq');
      out.emit(`BrTrue ${done}`);
      const item = out.temp(element);
      out.emit(`ImmBorrowLoc ${value.push.slice('CopyLoc '.length)}`);
      out.emit(`CopyLoc ${i}`);
      out.emit(`VecImmBorrow<${element}>`);
      out.emit('ReadRef');
      out.emit(`StLoc ${item}`);
      pack(out, preimage, type.element, { push: `CopyLoc ${item}` }, true);
      out.emit(`CopyLoc ${i}`);
      out.emit('LdU64 1');
      out.emit('Add');
      out.emit(`StLoc ${i}`);
      out.emit(`Branch ${head}`);
      out.label(done);
      return;
    }
    default:
      throw out.unsupported(`${typeName(type)} in a hash`);
  }
}
