import { ByteWriter } from '../src/binary/writer.js';

const HEADER = Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0);

/** One `[] -> []` function with `body` (locals vector included), exported as "go" with a memory. */
function withBody(body: Uint8Array, exports = 0): Uint8Array {
  const w = new ByteWriter().bytes(HEADER);
  w.section(1, new ByteWriter().u32(1).u8(0x60).u32(0).u32(0));
  w.section(3, new ByteWriter().u32(1).u32(0));
  w.section(5, new ByteWriter().u32(1).u8(0).u32(1));
  const e = new ByteWriter()
    .u32(2 + exports)
    .name('memory')
    .u8(2)
    .u32(0)
    .name('go')
    .u8(0)
    .u32(0);
  for (let i = 0; i < exports; i++) e.name(`e${i}`).u8(0).u32(0);
  w.section(7, e);
  w.section(10, new ByteWriter().u32(1).u32(body.length).bytes(body));
  return w.finish();
}

/**
 * Hostile modules from issue 11 as fuzz seeds: an overlong block type, a br_table and an export
 * table past V8's limits, an abort that declares a 120 MiB message, deep nesting, a huge
 * custom section, and a declared count far beyond the bytes present.
 */
export function hostileModules(): Uint8Array[] {
  const brTable = new ByteWriter().u8(0).u8(0x02).u8(0x40).u8(0x41).u8(0).u8(0x0e).u32(65_521);
  for (let i = 0; i <= 65_521; i++) brTable.u8(0);
  brTable.u8(0x0b).u8(0x0b);
  const nested = new ByteWriter().u8(0);
  for (let i = 0; i < 10_000; i++) nested.u8(0x02).u8(0x40);
  for (let i = 0; i <= 10_000; i++) nested.u8(0x0b);
  // abort(4, 4, 1, 1) after storing 120 MiB as the message length: the 95-byte module.
  const abort = new ByteWriter().bytes(HEADER);
  abort.section(
    1,
    new ByteWriter()
      .u32(2)
      .u8(0x60)
      .u32(4)
      .bytes(Uint8Array.of(0x7f, 0x7f, 0x7f, 0x7f))
      .u32(0)
      .u8(0x60)
      .u32(0)
      .u32(0),
  );
  abort.section(2, new ByteWriter().u32(1).name('env').name('abort').u8(0).u32(0));
  abort.section(3, new ByteWriter().u32(1).u32(1));
  abort.section(5, new ByteWriter().u32(1).u8(0).u32(2048));
  abort.section(7, new ByteWriter().u32(2).name('memory').u8(2).u32(0).name('go').u8(0).u32(1));
  const abortBody = new ByteWriter()
    .u32(0)
    .u8(0x41)
    .s32(0)
    .u8(0x41)
    .s32(120 * 1024 * 1024)
    .u8(0x36)
    .u32(2)
    .u32(0)
    .u8(0x41)
    .s32(4)
    .u8(0x41)
    .s32(4)
    .u8(0x41)
    .s32(1)
    .u8(0x41)
    .s32(1)
    .u8(0x10)
    .u32(0)
    .u8(0x0b);
  abort.section(10, new ByteWriter().u32(1).u32(abortBody.length).append(abortBody));
  const custom = new ByteWriter().bytes(HEADER);
  custom.section(0, new ByteWriter().name('x').bytes(new Uint8Array(64 * 1024)));
  return [
    withBody(Uint8Array.of(0, 0x02, 0xff, 0x7f, 0x41, 0, 0x0b, 0x1a, 0x0b)),
    withBody(brTable.finish()),
    withBody(Uint8Array.of(0, 0x0b), 100_001),
    withBody(nested.finish()),
    abort.finish(),
    custom.finish(),
    Uint8Array.of(...HEADER, 1, 5, 0xff, 0xff, 0xff, 0xff, 0x0f),
  ];
}
