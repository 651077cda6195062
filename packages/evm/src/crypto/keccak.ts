import { keccakF1600 } from './keccak-f1600.js';

/**
 * Keccak-256 as Ethereum uses it (original Keccak padding 0x01…0x80, rate 136 bytes), written
 * for the interpreter's KECCAK256: one reusable state, bytes absorbed straight from memory, the
 * digest returned as a 256-bit word. Checked against @noble/hashes in keccak.test.ts.
 */
const RATE = 136;
const state = new Int32Array(50);

function absorbBlock(data: Uint8Array, offset: number): void {
  for (let lane = 0; lane < RATE / 8; lane++) {
    const p = offset + lane * 8;
    state[2 * lane]! ^= data[p]! | (data[p + 1]! << 8) | (data[p + 2]! << 16) | (data[p + 3]! << 24);
    state[2 * lane + 1]! ^= data[p + 4]! | (data[p + 5]! << 8) | (data[p + 6]! << 16) | (data[p + 7]! << 24);
  }
  keccakF1600(state);
}

const lastBlock = new Uint8Array(RATE);

function hashInto(data: Uint8Array, offset: number, length: number): void {
  state.fill(0);
  let p = offset;
  const end = offset + length;
  while (end - p >= RATE) {
    absorbBlock(data, p);
    p += RATE;
  }
  // Copied byte by byte: a subarray view per hash would be an allocation on KECCAK256's hot path.
  const tail = end - p;
  for (let i = 0; i < tail; i++) lastBlock[i] = data[p + i]!;
  lastBlock.fill(0, tail);
  lastBlock[end - p]! ^= 0x01;
  lastBlock[RATE - 1]! ^= 0x80;
  absorbBlock(lastBlock, 0);
}

/** The digest's 32 bytes, written lane by lane little-endian, read back as four big-endian u64s. */
const digest = new DataView(new ArrayBuffer(32));

/** keccak256(data[offset..offset+length)) as a big-endian 256-bit word. */
export function keccak256Word(data: Uint8Array, offset: number, length: number): bigint {
  hashInto(data, offset, length);
  for (let i = 0; i < 8; i++) digest.setInt32(4 * i, state[i]!, true);
  return (
    (digest.getBigUint64(0) << 192n) |
    (digest.getBigUint64(8) << 128n) |
    (digest.getBigUint64(16) << 64n) |
    digest.getBigUint64(24)
  );
}

/** keccak256 of a whole byte string, as 32 bytes. */
export function keccak256(data: Uint8Array): Uint8Array {
  hashInto(data, 0, data.length);
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const v = state[i]!;
    out[4 * i] = v & 0xff;
    out[4 * i + 1] = (v >>> 8) & 0xff;
    out[4 * i + 2] = (v >>> 16) & 0xff;
    out[4 * i + 3] = v >>> 24;
  }
  return out;
}
