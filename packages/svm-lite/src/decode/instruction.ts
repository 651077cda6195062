import { DecodeError } from '@polyvm/core';
import { INSN_SIZE } from '../constants.js';

/**
 * One 8-byte instruction slot, little-endian (sbpf `ebpf::Insn`):
 * `opcode:8 | dst:4 | src:4 | off:16 (signed) | imm:32 (signed)`.
 */
export interface Instruction {
  opcode: number;
  dst: number;
  src: number;
  off: number;
  imm: number;
}

export function decodeInstruction(text: Uint8Array, slot: number): Instruction {
  const at = slot * INSN_SIZE;
  if (at + INSN_SIZE > text.length) {
    throw new DecodeError(`instruction ${slot} is past the end of the text section`, { details: { slot } });
  }
  const view = new DataView(text.buffer, text.byteOffset + at, INSN_SIZE);
  const regs = text[at + 1]!;
  return {
    opcode: text[at]!,
    dst: regs & 0x0f,
    src: regs >>> 4,
    off: view.getInt16(2, true),
    imm: view.getInt32(4, true),
  };
}

export function encodeInstruction(insn: Instruction): Uint8Array {
  const out = new Uint8Array(INSN_SIZE);
  const view = new DataView(out.buffer);
  out[0] = insn.opcode;
  out[1] = (insn.dst & 0x0f) | ((insn.src & 0x0f) << 4);
  view.setInt16(2, insn.off, true);
  view.setInt32(4, insn.imm, true);
  return out;
}

/**
 * The text section split into parallel typed arrays, one entry per slot, so the interpreter's
 * hot loop reads fields without re-parsing bytes or allocating.
 */
export interface DecodedText {
  readonly count: number;
  readonly opcode: Uint8Array;
  readonly dst: Uint8Array;
  readonly src: Uint8Array;
  readonly off: Int32Array;
  readonly imm: Int32Array;
}

export function decodeText(text: Uint8Array): DecodedText {
  const count = Math.floor(text.length / INSN_SIZE);
  const view = new DataView(text.buffer, text.byteOffset, text.length);
  const decoded = {
    count,
    opcode: new Uint8Array(count),
    dst: new Uint8Array(count),
    src: new Uint8Array(count),
    off: new Int32Array(count),
    imm: new Int32Array(count),
  };
  for (let slot = 0; slot < count; slot++) {
    const at = slot * INSN_SIZE;
    decoded.opcode[slot] = text[at]!;
    decoded.dst[slot] = text[at + 1]! & 0x0f;
    decoded.src[slot] = text[at + 1]! >>> 4;
    decoded.off[slot] = view.getInt16(at + 2, true);
    decoded.imm[slot] = view.getInt32(at + 4, true);
  }
  return decoded;
}
