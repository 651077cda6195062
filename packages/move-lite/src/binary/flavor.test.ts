import { DecodeError, UnsupportedError } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/assemble.js';
import { deserializeModule, SUI_FLAVOR, UNPUBLISHABLE_MAGIC } from './deserialize.js';
import { serialize } from './serialize.js';
import { TableKind } from './types.js';

const SOURCE = 'module 0x2::m\npublic fun f(): u64 {\n LdU64 7\n Ret\n}\n';
const decode = (b: Uint8Array) => deserializeModule(b, { addressWidth: 32 });

/** A v7 module in Sui's layout: flavor 0x05 in the version word's high byte, no access specifiers. */
function suiV7(): Uint8Array {
  const m = assemble(SOURCE, { addressWidth: 32, version: 7 });
  m.versionWord = (SUI_FLAVOR << 24) | 7;
  return serialize(m);
}

describe('binary flavors and magics', () => {
  it('decodes a Sui v7 module (no access specifiers) and re-encodes it byte for byte', () => {
    const bytes = suiV7();
    const m = decode(bytes);
    expect(m.versionWord >>> 24).toBe(SUI_FLAVOR);
    expect(m.functionHandles).toHaveLength(1);
    expect(Buffer.from(serialize(m)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('a Sui v7 enum table is an UnsupportedError naming enums, not a DecodeError', () => {
    const m = assemble(SOURCE, { addressWidth: 32, version: 7 });
    m.versionWord = (SUI_FLAVOR << 24) | 7;
    const bytes = serialize(m);
    // Rename the function-definitions table to Sui's enum-definitions table (0x11): table headers
    // follow the 8-byte magic+version and the table count, as (kind, offset, length) ULEB128s.
    const renamed = bytes.slice();
    let at = 9;
    while (renamed[at] !== TableKind.FunctionDefs) at += 3;
    renamed[at] = 0x11;
    expect(() => decode(renamed)).toThrow(UnsupportedError);
    expect(() => decode(renamed)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ feature: 'enums' }) }),
    );
  });

  it('a v7 variant opcode is an UnsupportedError naming enums', () => {
    const bytes = suiV7();
    const at = bytes.lastIndexOf(0x02); // the final Ret
    bytes[at] = 0x4e;
    expect(() => decode(bytes)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ feature: 'enums' }) }),
    );
  });

  it('the test-mode magic is reported at offset 0', () => {
    const bytes = suiV7();
    bytes.set(UNPUBLISHABLE_MAGIC, 0);
    expect(() => decode(bytes)).toThrow(DecodeError);
    expect(() => decode(bytes)).toThrow(expect.objectContaining({ details: { offset: 0 } }));
    expect(() => decode(bytes)).toThrow(/test-mode/);
  });
});

describe('identifiers', () => {
  it('a function named "an swer;\\x01" is refused at decode time', () => {
    const m = assemble(SOURCE, { addressWidth: 32 });
    m.identifiers[m.functionHandles[0]!.name] = 'an swer;\x01';
    expect(() => decode(serialize(m))).toThrow(DecodeError);
    expect(() => decode(serialize(m))).toThrow(/invalid identifier/);
  });
  it('accepts the identifier forms Move allows', () => {
    for (const name of ['f', 'F_1', '_x', '__', '<SELF>', '<SELF>_0']) {
      const m = assemble(SOURCE, { addressWidth: 32 });
      m.identifiers[m.functionHandles[0]!.name] = name;
      expect(decode(serialize(m)).identifiers).toContain(name);
    }
    for (const name of ['_', '1a', 'a-b', '', 'é', '<SELF>_', '<SELF>_x']) {
      const m = assemble(SOURCE, { addressWidth: 32 });
      m.identifiers[m.functionHandles[0]!.name] = name;
      expect(() => decode(serialize(m)), name).toThrow(DecodeError);
    }
  });
});
