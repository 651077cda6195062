import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DecodeError, fixturesOrWarn } from '@polyvm/core';
import { decode as oracleDecode } from '@webassemblyjs/wasm-parser';
import { describe, expect, it } from 'vitest';
import { watToWasm } from '../wat.js';
import { decodeModule } from './decode.js';
import { functionNames } from './names.js';

const contracts = fixturesOrWarn('wasm/contracts', 'decoder differential test on real contracts');

function oracle(bytes: Uint8Array) {
  const ast = oracleDecode(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
    {
      ignoreCodeSection: true,
      ignoreDataSection: true,
    },
  );
  const fields = ast.body[0]!.fields;
  return {
    imports: fields.filter((f) => f.type === 'ModuleImport').map((f) => `${f.module}.${f.name}`),
    exports: fields.filter((f) => f.type === 'ModuleExport').map((f) => f.name as string),
    functions: fields.filter((f) => f.type === 'Func').length,
  };
}

describe('decodeModule', () => {
  it('rejects a bad magic number, a bad version and out-of-order sections', () => {
    expect(() => decodeModule(Uint8Array.of(0, 0x61, 0x73, 0x6e, 1, 0, 0, 0))).toThrow(/magic header/);
    expect(() => decodeModule(Uint8Array.of(0, 0x61, 0x73, 0x6d, 2, 0, 0, 0))).toThrow(
      /unknown binary version/,
    );
    const header = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0];
    // type section (empty) after a function section (empty): order violated.
    expect(() => decodeModule(Uint8Array.of(...header, 3, 1, 0, 1, 1, 0))).toThrow(DecodeError);
    expect(() => decodeModule(Uint8Array.of(...header, 13, 0))).toThrow(/malformed section id/);
  });

  it('reports where a truncated module ends', () => {
    try {
      decodeModule(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DecodeError);
      expect((err as DecodeError).details.offset).toBeTypeOf('number');
    }
  });

  it('names functions from the name section, exports and imports', async () => {
    const wat = '(module (import "env" "log" (func)) (func $hello (export "hi")) (func $world) (func))';
    const plain = decodeModule(await watToWasm(wat));
    expect(functionNames(plain)).toEqual(['env.log', 'hi', 'func[2]', 'func[3]']);
    const named = decodeModule(await watToWasm(wat, 'names.wat', { debugNames: true }));
    expect(functionNames(named).slice(1, 3)).toEqual(['hello', 'world']);
  });

  const files = contracts ? readdirSync(contracts).filter((f) => f.endsWith('.wasm')) : [];
  describe.skipIf(!contracts)(
    `agrees with @webassemblyjs/wasm-parser on the ${files.length} fixture contracts`,
    () => {
      it('finds at least one contract', () => {
        expect(files.length).toBeGreaterThan(0);
      });
      for (const file of files) {
        it(file, () => {
          const bytes = new Uint8Array(readFileSync(join(contracts!, file)));
          const ours = decodeModule(bytes);
          const theirs = oracle(bytes);
          expect(ours.imports.map((i) => `${i.module}.${i.name}`)).toEqual(theirs.imports);
          expect(ours.exports.map((e) => e.name)).toEqual(theirs.exports);
          expect(ours.functions.length).toBe(theirs.functions);
          expect(ours.codes.length).toBe(ours.functions.length);
        });
      }
    },
  );
});
