/**
 * A minimal WebAssembly binary writer: LEB128 numbers, vectors and sections, and the structured
 * control stack a function body needs to name branch targets by absolute position (encoding
 * from the WebAssembly core specification 2.0, §5 "Binary Format").
 */
export class ByteWriter {
  #bytes = new Uint8Array(256);
  length = 0;

  #reserve(extra: number): void {
    if (this.length + extra <= this.#bytes.length) return;
    const grown = new Uint8Array(Math.max(this.#bytes.length * 2, this.length + extra));
    grown.set(this.#bytes);
    this.#bytes = grown;
  }

  byte(b: number): this {
    this.#reserve(1);
    this.#bytes[this.length++] = b;
    return this;
  }

  bytes(b: ArrayLike<number>): this {
    this.#reserve(b.length);
    this.#bytes.set(b, this.length);
    this.length += b.length;
    return this;
  }

  /** Unsigned LEB128 (§5.2.2) of a non-negative integer below 2^32. */
  u32(value: number): this {
    let v = value >>> 0;
    for (;;) {
      const b = v & 0x7f;
      v >>>= 7;
      if (v === 0) return this.byte(b);
      this.byte(b | 0x80);
    }
  }

  /** Signed LEB128 of an int32 (also the encoding of that value sign-extended to 64 bits). */
  s32(value: number): this {
    let v = value | 0;
    for (;;) {
      const b = v & 0x7f;
      v >>= 7;
      const done = (v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0);
      if (done) return this.byte(b);
      this.byte(b | 0x80);
    }
  }

  /** Signed LEB128 of a 64-bit two's-complement value. */
  s64(value: bigint): this {
    let v = BigInt.asIntN(64, value);
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      const done = (v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0);
      if (done) return this.byte(b);
      this.byte(b | 0x80);
    }
  }

  /** A length-prefixed byte vector (sections, function bodies, names). */
  sized(inner: ByteWriter): this {
    this.u32(inner.length);
    return this.bytes(inner.view());
  }

  name(text: string): this {
    const utf8 = new TextEncoder().encode(text);
    this.u32(utf8.length);
    return this.bytes(utf8);
  }

  view(): Uint8Array {
    return this.#bytes.subarray(0, this.length);
  }
}

/** Opcodes used by the translators (§5.4). */
export const Op = {
  unreachable: 0x00,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  brTable: 0x0e,
  return: 0x0f,
  call: 0x10,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  i64Load: 0x29,
  i32Load8u: 0x2d,
  i32Load16u: 0x2f,
  i32Store: 0x36,
  i64Store: 0x37,
  i32Store8: 0x3a,
  i32Const: 0x41,
  i64Const: 0x42,
  i32Eqz: 0x45,
  i32Eq: 0x46,
  i32Ne: 0x47,
  i32LtU: 0x49,
  i32GeU: 0x4f,
  i64Eqz: 0x50,
  i64Eq: 0x51,
  i64Ne: 0x52,
  i64LtS: 0x53,
  i64LtU: 0x54,
  i64GtS: 0x55,
  i64GtU: 0x56,
  i64LeS: 0x57,
  i64LeU: 0x58,
  i64GeS: 0x59,
  i64GeU: 0x5a,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32DivU: 0x6e,
  i32RemU: 0x70,
  i32And: 0x71,
  i32Or: 0x72,
  i32Xor: 0x73,
  i32Shl: 0x74,
  i32ShrS: 0x75,
  i32ShrU: 0x76,
  i32Rotl: 0x77,
  i32Rotr: 0x78,
  i64Add: 0x7c,
  i64Sub: 0x7d,
  i64Mul: 0x7e,
  i64DivU: 0x80,
  i64RemU: 0x82,
  i64And: 0x83,
  i64Or: 0x84,
  i64Xor: 0x85,
  i64Shl: 0x86,
  i64ShrS: 0x87,
  i64ShrU: 0x88,
  i32WrapI64: 0xa7,
  i64ExtendI32S: 0xac,
  i64ExtendI32U: 0xad,
} as const;

export const I32 = 0x7f;
export const I64 = 0x7e;
const EMPTY_BLOCK = 0x40;

/**
 * A function body under construction: instructions plus the open control constructs, so a branch
 * can name its target by the position it was opened at (`br` counts outward from the innermost).
 */
export class BodyWriter extends ByteWriter {
  #open = 0;

  /** Opens a `block`, `loop` or `if` and returns its absolute label. */
  open(kind: typeof Op.block | typeof Op.loop | typeof Op.if): number {
    this.byte(kind).byte(EMPTY_BLOCK);
    return this.#open++;
  }

  close(): this {
    this.#open--;
    return this.byte(Op.end);
  }

  br(label: number): this {
    return this.byte(Op.br).u32(this.#open - 1 - label);
  }

  brTable(labels: number[], fallback: number): this {
    this.byte(Op.brTable).u32(labels.length);
    for (const label of labels) this.u32(this.#open - 1 - label);
    return this.u32(this.#open - 1 - fallback);
  }

  get(local: number): this {
    return this.byte(Op.localGet).u32(local);
  }

  set(local: number): this {
    return this.byte(Op.localSet).u32(local);
  }

  i32(value: number): this {
    return this.byte(Op.i32Const).s32(value);
  }

  i64(value: number | bigint): this {
    return typeof value === 'bigint' ? this.byte(Op.i64Const).s64(value) : this.byte(Op.i64Const).s32(value);
  }

  /**
   * Byte-swaps the i32 on the stack through `local` (WebAssembly has no bswap):
   * rotl(x & 0xff00ff00, 8) | rotr(x & 0x00ff00ff, 8).
   */
  bswap32(local: number): this {
    this.set(local);
    this.get(local)
      .i32(0xff00ff00 | 0)
      .byte(Op.i32And)
      .i32(8)
      .byte(Op.i32Rotl);
    this.get(local).i32(0x00ff00ff).byte(Op.i32And).i32(8).byte(Op.i32Rotr);
    return this.byte(Op.i32Or);
  }

  /** A load or store with its memarg: alignment exponent and constant offset. */
  mem(op: number, offset: number, alignLog2: number): this {
    return this.byte(op).u32(alignLog2).u32(offset);
  }
}

/** A function type: parameter and result value types. */
export interface FuncType {
  params: number[];
  results: number[];
}

export interface ModuleSpec {
  types: FuncType[];
  /** Imported functions (module "h"), by type index, in function-index order. */
  imports: Array<{ name: string; type: number }>;
  /** An imported memory ("m"."mem") of at least this many 64 KiB pages. */
  memoryPages: number;
  /** One defined function: its type, local groups and body (without the trailing `end`). */
  func: { type: number; locals: Array<[count: number, type: number]>; body: BodyWriter; export: string };
  /** Bytes written to memory at instantiation (an active data segment). */
  data?: { offset: number; bytes: Uint8Array };
}

function section(out: ByteWriter, id: number, fill: (w: ByteWriter) => void): void {
  const inner = new ByteWriter();
  fill(inner);
  out.byte(id).sized(inner);
}

/** Encodes a module with imports, one exported function and an optional data segment. */
export function encodeModule(spec: ModuleSpec): Uint8Array {
  const out = new ByteWriter().bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  section(out, 1, (w) => {
    w.u32(spec.types.length);
    for (const t of spec.types)
      w.byte(0x60).u32(t.params.length).bytes(t.params).u32(t.results.length).bytes(t.results);
  });
  section(out, 2, (w) => {
    w.u32(spec.imports.length + 1);
    w.name('m').name('mem').byte(0x02).byte(0x00).u32(spec.memoryPages);
    for (const imp of spec.imports) w.name('h').name(imp.name).byte(0x00).u32(imp.type);
  });
  section(out, 3, (w) => w.u32(1).u32(spec.func.type));
  section(out, 7, (w) => w.u32(1).name(spec.func.export).byte(0x00).u32(spec.imports.length));
  section(out, 10, (w) => {
    const body = new ByteWriter();
    body.u32(spec.func.locals.length);
    for (const [count, type] of spec.func.locals) body.u32(count).byte(type);
    body.bytes(spec.func.body.view()).byte(Op.end);
    w.u32(1).sized(body);
  });
  if (spec.data) {
    const { offset, bytes } = spec.data;
    section(out, 11, (w) =>
      w.u32(1).u32(0).byte(Op.i32Const).s32(offset).byte(Op.end).u32(bytes.length).bytes(bytes),
    );
  }
  return out.view().slice();
}
