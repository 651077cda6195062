import { BodyWriter, encodeModule, I32, Op } from '../execute/wasm/encoder.js';
import { type WasmModule, wasmApi } from '../execute/wasm/js-api.js';

/**
 * SHA-256 (FIPS 180-4) whose compression function is generated WebAssembly: the 64 rounds are
 * unrolled with the eight working variables renamed round by round instead of shifted, so each
 * round updates two locals. One instance is reused by `sol_sha256`; input is copied into the
 * module's memory and compressed a buffer at a time, so a call allocates nothing.
 */

/** Round constants (FIPS 180-4 §4.2.2). */
const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
];
/** Initial hash value (FIPS 180-4 §5.3.3). */
const H0_WORDS = Int32Array.of(
  0x6a09e667,
  0xbb67ae85 | 0,
  0x3c6ef372,
  0xa54ff53a | 0,
  0x510e527f,
  0x9b05688c | 0,
  0x1f83d9ab,
  0x5be0cd19,
);

/**
 * Message buffer (whole blocks, plus a block of room for padding), the eight state words, and the
 * state as big-endian bytes (the digest so far), rewritten after every compression.
 */
const BUFFER_BYTES = 16 * 1024;
const STATE = BUFFER_BYTES + 64;
const DIGEST = STATE + 32;

// Locals of `compress(blocks)`: the parameter, the block pointer, eight working variables, 16 schedule words.
const BLOCKS = 0;
const PTR = 1;
const VAR = 2;
const W = 10;

function compressBody(): BodyWriter {
  const w = new BodyWriter();
  const rotr = (local: number, n: number) => w.get(local).i32(n).byte(Op.i32Rotr);
  /** rotr(x, a) ^ rotr(x, b) ^ (x >>> c or rotr(x, c)) */
  const mix = (x: number, a: number, b: number, c: number, shift: boolean) => {
    rotr(x, a);
    rotr(x, b);
    w.byte(Op.i32Xor);
    w.get(x)
      .i32(c)
      .byte(shift ? Op.i32ShrU : Op.i32Rotr);
    w.byte(Op.i32Xor);
  };
  w.open(Op.loop);
  for (let i = 0; i < 16; i++) {
    // Big-endian words.
    w.get(PTR)
      .mem(Op.i32Load, 4 * i, 2)
      .bswap32(W + i)
      .set(W + i);
  }
  for (let j = 0; j < 8; j++)
    w.i32(0)
      .mem(Op.i32Load, STATE + 4 * j, 2)
      .set(VAR + j);
  for (let i = 0; i < 64; i++) {
    // The message schedule in a rolling window of 16 locals: W[i] replaces W[i - 16].
    const slot = (j: number) => W + (j & 15);
    if (i >= 16) {
      mix(slot(i - 2), 17, 19, 10, true);
      w.get(slot(i - 7)).byte(Op.i32Add);
      mix(slot(i - 15), 7, 18, 3, true);
      w.byte(Op.i32Add)
        .get(slot(i - 16))
        .byte(Op.i32Add)
        .set(slot(i));
    }
    // Working variable `v` of this round (a = 0 … h = 7) lives in local VAR + (v - i) mod 8.
    const v = (name: number) => VAR + ((((name - i) % 8) + 8) % 8);
    const [a, b, c, d, e, f, g, h] = [0, 1, 2, 3, 4, 5, 6, 7].map(v) as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    // T1 = h + Σ1(e) + Ch(e, f, g) + K[i] + W[i], with Ch = g ^ (e & (f ^ g)); kept in h's local.
    w.get(h);
    mix(e, 6, 11, 25, false);
    w.byte(Op.i32Add);
    w.get(g).get(e).get(f).get(g).byte(Op.i32Xor).byte(Op.i32And).byte(Op.i32Xor).byte(Op.i32Add);
    w.i32(K[i]! | 0)
      .byte(Op.i32Add)
      .get(slot(i))
      .byte(Op.i32Add)
      .set(h);
    // d += T1; h = T1 + Σ0(a) + Maj(a, b, c), Maj = (a & b) | (c & (a | b)).
    w.get(d).get(h).byte(Op.i32Add).set(d);
    w.get(h);
    mix(a, 2, 13, 22, false);
    w.byte(Op.i32Add);
    w.get(a).get(b).byte(Op.i32And).get(c).get(a).get(b).byte(Op.i32Or).byte(Op.i32And).byte(Op.i32Or);
    w.byte(Op.i32Add).set(h);
  }
  // After 64 rounds (a multiple of 8) the names are back in place.
  for (let j = 0; j < 8; j++) {
    w.i32(0)
      .i32(0)
      .mem(Op.i32Load, STATE + 4 * j, 2)
      .get(VAR + j)
      .byte(Op.i32Add)
      .mem(Op.i32Store, STATE + 4 * j, 2);
  }
  w.get(PTR).i32(64).byte(Op.i32Add).set(PTR);
  for (let j = 0; j < 8; j++) {
    // The updated word, byte-swapped into the digest.
    w.i32(0)
      .i32(0)
      .mem(Op.i32Load, STATE + 4 * j, 2)
      .bswap32(VAR)
      .mem(Op.i32Store, DIGEST + 4 * j, 2);
  }
  w.get(BLOCKS).i32(1).byte(Op.i32Sub).byte(Op.localTee).u32(BLOCKS);
  w.byte(Op.brIf).u32(0);
  w.close();
  return w;
}

let compiled: WasmModule | undefined;

/** An incremental SHA-256 over a private WebAssembly memory; `reset` starts a new message. */
export class Sha256 {
  readonly #bytes: Uint8Array;
  /** The same memory for word-at-a-time copies (little-endian, as WebAssembly memory is). */
  readonly #view: DataView;
  readonly #words: Int32Array;
  readonly #digest: Uint8Array;
  readonly #compress: (blocks: number) => void;
  #buffered = 0;
  #length = 0;

  constructor() {
    compiled ??= new wasmApi.Module(
      encodeModule({
        types: [{ params: [I32], results: [] }],
        imports: [],
        memoryPages: 1,
        func: {
          type: 0,
          locals: [
            [1, I32],
            [8, I32],
            [16, I32],
          ],
          body: compressBody(),
          export: 'compress',
        },
      }),
    );
    const memory = new wasmApi.Memory({ initial: 1 });
    this.#bytes = new Uint8Array(memory.buffer);
    this.#view = new DataView(memory.buffer);
    this.#words = new Int32Array(memory.buffer);
    this.#digest = new Uint8Array(memory.buffer, DIGEST, 32);
    this.#compress = new wasmApi.Instance(compiled, { m: { mem: memory } }).exports.compress as (
      n: number,
    ) => void;
    this.reset();
  }

  reset(): this {
    this.#words.set(H0_WORDS, STATE / 4);
    this.#buffered = 0;
    this.#length = 0;
    return this;
  }

  update(data: Uint8Array): this {
    this.#length += data.length;
    let at = 0;
    while (at < data.length) {
      const take = Math.min(data.length - at, BUFFER_BYTES - this.#buffered);
      this.#bytes.set(take === data.length ? data : data.subarray(at, at + take), this.#buffered);
      this.#buffered += take;
      at += take;
      if (this.#buffered === BUFFER_BYTES) {
        this.#compress(BUFFER_BYTES / 64);
        this.#buffered = 0;
      }
    }
    return this;
  }

  /** `update` from `length` bytes of `view` at `offset`; short inputs are copied without a new array. */
  updateView(view: DataView, offset: number, length: number): this {
    if (length > 64 || this.#buffered + length > BUFFER_BYTES)
      return this.update(new Uint8Array(view.buffer, view.byteOffset + offset, length));
    const own = this.#view;
    let at = this.#buffered;
    // Four bytes at a time (both sides little-endian: a plain byte copy), then the tail.
    let i = 0;
    for (; i + 4 <= length; i += 4, at += 4) own.setInt32(at, view.getInt32(offset + i, true), true);
    for (; i < length; i++) own.setUint8(at++, view.getUint8(offset + i));
    this.#buffered = at;
    this.#length += length;
    if (at === BUFFER_BYTES) {
      this.#compress(BUFFER_BYTES / 64);
      this.#buffered = 0;
    }
    return this;
  }

  /** `digestInto` 32 bytes of `view` at `offset`. */
  digestIntoView(view: DataView, offset: number): void {
    this.#finish();
    // The digest area already holds the big-endian bytes: copy them a word at a time.
    const own = this.#view;
    for (let j = 0; j < 32; j += 4) view.setInt32(offset + j, own.getInt32(DIGEST + j, true), true);
  }

  /** Writes the 32-byte digest to `out`. */
  digestInto(out: Uint8Array): void {
    this.#finish();
    out.set(this.#digest);
  }

  /** Pads (FIPS 180-4 §5.1.1) and compresses what is left. */
  #finish(): void {
    const bytes = this.#bytes;
    const end = this.#buffered;
    bytes[end] = 0x80;
    // Room for the 8-byte length in this block, else one more block.
    const total = (end + 1 + 8 + 63) & ~63;
    // Zeros up to the length field: bytes to a word boundary, then words.
    let at = end + 1;
    while ((at & 3) !== 0 && at < total - 8) bytes[at++] = 0;
    for (; at < total - 8; at += 4) this.#view.setInt32(at, 0, true);
    const bits = this.#length * 8;
    this.#view.setUint32(total - 8, Math.floor(bits / 0x1_0000_0000), false);
    this.#view.setUint32(total - 4, bits >>> 0, false);
    this.#compress(total / 64);
  }
}
