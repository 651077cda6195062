import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DecodeError, fixturesOrWarn, UnsupportedError } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assembleToBytes } from '../asm/assemble.js';
import { deserializeModule } from './deserialize.js';
import { serialize } from './serialize.js';

const SMALL = assembleToBytes('module 0x1::m\npublic fun f(): u64 {\n LdU64 7\n Ret\n}\n', {
  addressWidth: 16,
});
const decode = (b: Uint8Array) => deserializeModule(b, { addressWidth: 16 });

describe('deserializer errors are typed and name the problem', () => {
  it('decodes the small module', () => {
    expect(decode(SMALL).functionDefs).toHaveLength(1);
  });
  it('bad magic', () => {
    const b = SMALL.slice();
    b[0] = 0;
    expect(() => decode(b)).toThrow(DecodeError);
    expect(() => decode(b)).toThrow(/magic/);
  });
  it('every truncation is a DecodeError, never a crash', () => {
    for (let n = 0; n < SMALL.length; n++)
      expect(() => decode(SMALL.subarray(0, n)), `length ${n}`).toThrow(DecodeError);
  });
  it('trailing bytes', () => {
    expect(() => decode(Uint8Array.of(...SMALL, 0))).toThrow(/trailing/);
  });
  it('unknown opcode', () => {
    const b = SMALL.slice();
    const at = b.lastIndexOf(0x02); // the final Ret
    b[at] = 0x4e;
    expect(() => decode(b)).toThrow(/unknown opcode 0x4e/);
  });
  it('v7 features beyond v6 (access specifiers) and pre-v4 binaries are refused as unsupported features', () => {
    const v7 = assembleToBytes('module 0x1::m\npublic fun f(): u64 {\n LdU64 7\n Ret\n}\n', {
      addressWidth: 16,
      version: 7,
    });
    expect(serialize(decode(v7))).toEqual(v7);
    // Flipping the handle's `Option` tag from None (1) to Some (2) declares access specifiers.
    const refused = [...v7.keys()]
      .filter((i) => v7[i] === 1)
      .filter((i) => {
        const b = v7.slice();
        b[i] = 2;
        try {
          decode(b);
          return false;
        } catch (err) {
          return err instanceof UnsupportedError && err.details.feature === 'access-specifiers';
        }
      });
    expect(refused.length).toBeGreaterThan(0);
    const v1 = SMALL.slice();
    v1[4] = 1;
    expect(() => decode(v1)).toThrow(UnsupportedError);
    const v99 = SMALL.slice();
    v99[4] = 99;
    expect(() => decode(v99)).toThrow(DecodeError);
  });
});

describe('operand encodings', () => {
  it('local indices of 128 and more are ULEB128 (two bytes), and round-trip', () => {
    const locals = Array.from({ length: 200 }, (_, i) => `l${i}: u64`).join(', ');
    const source = `module 0x1::m\npublic fun f(): u64 {\n locals ${locals}\n LdU64 1\n StLoc l199\n MoveLoc l199\n Ret\n}\n`;
    const bytes = assembleToBytes(source, { addressWidth: 16 });
    expect(Buffer.from(bytes).includes(Buffer.from([0x0c, 0xc7, 0x01]))).toBe(true); // StLoc 199
    const m = decode(bytes);
    expect(m.functionDefs[0]!.code!.code[1]).toEqual({ op: 0x0c, a: 199 });
    expect(serialize(m)).toEqual(bytes);
  });
});

const dir = fixturesOrWarn('move', 'negative binary fixtures');
describe.skipIf(!dir)('negative fixtures', () => {
  it('rejects invalid_script_no_signature.mv with a typed error', () => {
    const bytes = readFileSync(join(dir!, 'move-language-move/invalid_script_no_signature.mv'));
    expect(() => decode(bytes)).toThrow(UnsupportedError);
  });
});
