import { ByteWriter } from '../binary/writer.js';
import '../engine/webassembly.js';
import { OP } from '../module/opcodes.js';
import { F32, F64, type FuncType, I32, I64, SECTION } from '../module/types.js';

/** Floats cross the JS boundary as numbers, which may canonicalize NaN payloads; integers do not. */
const CARRIER: Readonly<Record<number, number>> = { [I32]: I32, [I64]: I64, [F32]: I32, [F64]: I64 };

function typeEntry(w: ByteWriter, params: readonly number[], results: readonly number[]): void {
  w.u8(0x60).u32(params.length);
  for (const p of params) w.u8(p);
  w.u32(results.length);
  for (const r of results) w.u8(r);
}

/**
 * Builds a wasm module that imports a function of type `type` and exports `call`, taking and
 * returning floats as integer bit patterns (via reinterpret), so spec values cross the JS boundary
 * bit-exactly. Wasm-to-wasm imports keep NaN payloads, JS numbers might not.
 */
export function trampolineBytes(type: FuncType): Uint8Array {
  const carry = (t: number): number => CARRIER[t]!;
  const types = new ByteWriter().u32(2);
  typeEntry(types, type.params, type.results);
  typeEntry(types, type.params.map(carry), type.results.map(carry));
  const imports = new ByteWriter().u32(1).name('m').name('f').u8(0).u32(0);
  const functions = new ByteWriter().u32(1).u32(1);
  const exports = new ByteWriter().u32(1).name('call').u8(0).u32(1);
  const body = new ByteWriter().u32(0);
  type.params.forEach((p, i) => {
    body.u8(OP.localGet).u32(i);
    if (p === F32) body.u8(OP.f32ReinterpretI32);
    if (p === F64) body.u8(OP.f64ReinterpretI64);
  });
  body.u8(OP.call).u32(0);
  const [result] = type.results;
  if (result === F32) body.u8(OP.i32ReinterpretF32);
  if (result === F64) body.u8(OP.i64ReinterpretF64);
  body.u8(OP.end);
  const code = new ByteWriter().u32(1).u32(body.length).bytes(body.finish());
  return new ByteWriter()
    .bytes(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00))
    .section(SECTION.type, types)
    .section(SECTION.import, imports)
    .section(SECTION.function, functions)
    .section(SECTION.export, exports)
    .section(SECTION.code, code)
    .finish();
}

/** Wraps `fn` (a wasm export of type `type`) in a compiled trampoline; results of one per signature. */
export class Trampolines {
  readonly #modules = new Map<string, WebAssembly.Module>();

  wrap(fn: WebAssembly.ImportValue, type: FuncType): (...args: Array<number | bigint>) => unknown {
    const key = `${type.params.join(',')}>${type.results.join(',')}`;
    let module = this.#modules.get(key);
    if (!module) {
      module = new WebAssembly.Module(trampolineBytes(type));
      this.#modules.set(key, module);
    }
    const instance = new WebAssembly.Instance(module, { m: { f: fn } });
    return instance.exports.call as (...args: Array<number | bigint>) => unknown;
  }
}
