import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesOrWarn } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { deserialize, deserializeModule } from '../binary/deserialize.js';
import { serialize } from '../binary/serialize.js';
import { verify, verifyModule } from '../verify/verifier.js';
import { assemble, assembleUnit } from './assemble.js';
import { disassemble } from './disassemble.js';

const dir = fixturesOrWarn('move', 'Move disassembler/assembler round trip');

const FOLDERS: [string, number][] = [
  ['starcoin-framework-v6', 16],
  ['move-language-move/diem-v4-0x1', 16],
  ['move-language-move/diem-v4-0x2', 16],
  ['mysten-ts-sdks', 32],
];

describe.skipIf(!dir)('disassemble → assemble → disassemble', () => {
  it('reproduces the same text, and the reassembled module verifies, for every fixture module', () => {
    let count = 0;
    for (const [folder, width] of FOLDERS) {
      for (const file of readdirSync(join(dir!, folder)).filter((f) => f.endsWith('.mv'))) {
        const original = deserializeModule(readFileSync(join(dir!, folder, file)), { addressWidth: width });
        const text = disassemble(original);
        const rebuilt = deserializeModule(
          serialize(assemble(text, { addressWidth: width, version: original.version })),
          {
            addressWidth: width,
          },
        );
        expect(disassemble(rebuilt), `${folder}/${file}`).toBe(text);
        // The offsets variant only adds comments, so it assembles to the same module.
        const withOffsets = assemble(disassemble(original, { offsets: true }), {
          addressWidth: width,
          version: original.version,
        });
        expect(disassemble(withOffsets)).toBe(text);
        verifyModule(rebuilt);
        count++;
      }
    }
    console.log(`move asm: ${count} fixture modules disassembled, reassembled and re-verified`);
    expect(count).toBe(96 + 59 + 5 + 3);
  });

  it('does the same for the Aptos scripts (v6 and v7)', () => {
    const folder = join(dir!, 'aptos-ts-sdk');
    let count = 0;
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.mv'))) {
      const original = deserialize(readFileSync(join(folder, file)), { addressWidth: 32 });
      if (original.kind !== 'script') continue;
      const text = disassemble(original);
      const rebuilt = deserialize(
        serialize(assembleUnit(text, { addressWidth: 32, version: original.version })),
        {
          addressWidth: 32,
        },
      );
      expect(rebuilt.kind).toBe('script');
      expect(disassemble(rebuilt), file).toBe(text);
      verify(rebuilt);
      count++;
    }
    console.log(`move asm: ${count} Aptos scripts disassembled, reassembled and re-verified`);
    expect(count).toBe(7);
  });
});
