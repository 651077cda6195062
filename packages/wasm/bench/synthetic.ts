import { ByteReader } from '../src/binary/reader.js';
import { ByteWriter } from '../src/binary/writer.js';
import { decodeModule } from '../src/module/decode.js';
import { SECTION } from '../src/module/types.js';
import { watToWasm } from '../src/wat.js';

/** One realistic function body: a loop with i32/i64 arithmetic, loads, stores and branches. */
const BODY_WAT = `(module (memory 1)
  (func (param $n i32) (result i32) (local $i i32) (local $acc i64)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (i64.add (i64.mul (local.get $acc) (i64.const 6364136223846793005)) (i64.const 1442695040888963407)))
        (i64.store offset=16 (i32.and (i32.shl (local.get $i) (i32.const 3)) (i32.const 4095)) (local.get $acc))
        (if (i32.eqz (i32.and (local.get $i) (i32.const 7)))
          (then (local.set $acc (i64.xor (local.get $acc) (i64.load offset=16 (i32.const 0)))))
          (else (local.set $acc (i64.rotl (local.get $acc) (i64.const 13)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.wrap_i64 (local.get $acc))))`;

/** A module of about `size` bytes made of copies of one function, for decoder throughput runs. */
export async function syntheticModule(size: number): Promise<Uint8Array> {
  const template = decodeModule(await watToWasm(BODY_WAT));
  const section = template.sections.find((s) => s.id === SECTION.code)!;
  // The body as encoded (locals onward): skip the section's count and the body's size prefix.
  const cursor = new ByteReader(template.bytes, section.start, section.end);
  cursor.u32();
  cursor.u32();
  const body = template.bytes.subarray(cursor.pos, template.codes[0]!.codeEnd);
  const r = new ByteWriter();
  const count = Math.max(1, Math.floor(size / (body.length + 3)));
  r.bytes(template.bytes.subarray(0, 8));
  r.section(SECTION.type, new ByteWriter().u32(1).u8(0x60).u32(1).u8(0x7f).u32(1).u8(0x7f));
  const functions = new ByteWriter().u32(count);
  for (let i = 0; i < count; i++) functions.u32(0);
  r.section(SECTION.function, functions);
  r.section(SECTION.memory, new ByteWriter().u32(1).u8(0).u32(1));
  const codes = new ByteWriter(size + 16).u32(count);
  for (let i = 0; i < count; i++) codes.u32(body.length).bytes(body);
  r.section(SECTION.code, codes);
  return r.finish();
}
