import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesOrWarn } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/assemble.js';
import { deserialize, deserializeModule } from '../binary/deserialize.js';
import { verify, verifyModule } from './verifier.js';

const dir = fixturesOrWarn('move', 'Move verifier on real modules');

function verifyFolder(folder: string, width: number): { passed: number; failed: string[] } {
  let passed = 0;
  const failed: string[] = [];
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.mv'))) {
    const module = deserializeModule(readFileSync(join(folder, file)), { addressWidth: width });
    try {
      verifyModule(module);
      passed++;
    } catch (err) {
      failed.push(`${file}: ${(err as Error).message}`);
    }
  }
  return { passed, failed };
}

describe.skipIf(!dir)('verifier on the shared fixtures', () => {
  it('accepts every Starcoin v6 framework module', () => {
    const { passed, failed } = verifyFolder(join(dir!, 'starcoin-framework-v6'), 16);
    console.log(`move verify: starcoin-framework-v6 ${passed}/${passed + failed.length} verified`);
    expect(failed).toEqual([]);
    expect(passed).toBe(96);
  });
  it('accepts the Diem v4 modules and the Sui modules', () => {
    const diem1 = verifyFolder(join(dir!, 'move-language-move/diem-v4-0x1'), 16);
    const diem2 = verifyFolder(join(dir!, 'move-language-move/diem-v4-0x2'), 16);
    const sui = verifyFolder(join(dir!, 'mysten-ts-sdks'), 32);
    console.log(`move verify: diem-v4 ${diem1.passed + diem2.passed}, sui ${sui.passed}`);
    expect([...diem1.failed, ...diem2.failed, ...sui.failed]).toEqual([]);
  });
});

describe.skipIf(!dir)('verifier on scripts and the LLVM-built modules', () => {
  it('accepts every Aptos binary (v6 and v7 scripts, a v7 module) and the v5 LLVM modules', () => {
    const aptos = join(dir!, 'aptos-ts-sdk');
    const scripts = readdirSync(aptos).filter((f) => f.endsWith('.mv'));
    let verified = 0;
    for (const file of scripts) {
      const unit = deserialize(readFileSync(join(aptos, file)), { addressWidth: 32 });
      expect(unit.kind).toBe(file === 'ARGUMENT_TESTS_CONTRACT_BYTECODE.mv' ? 'module' : 'script');
      verify(unit);
      verified++;
    }
    for (const file of ['llvm-empty-module.mv', 'llvm-return-u64.mv']) {
      verify(deserialize(readFileSync(join(dir!, 'move-language-move', file)), { addressWidth: 16 }));
      verified++;
    }
    console.log(`move verify: ${verified} scripts/LLVM modules verified`);
    expect(verified).toBe(10);
  });
});

describe('handles of the module itself', () => {
  it('a function handle without a definition is UNIMPLEMENTED_HANDLE at publish time', () => {
    const module = assemble('module 0x42::m\npublic fun f(): u64 {\n LdU64 1\n Ret\n}\n', {
      addressWidth: 16,
    });
    // Declare a second self-module function that has no body anywhere.
    const name = module.identifiers.push('g') - 1;
    module.functionHandles.push({ ...module.functionHandles[0]!, name });
    expect(() => verifyModule(module)).toThrow(/UNIMPLEMENTED_HANDLE/);
  });
  it('a struct handle without a definition is UNIMPLEMENTED_HANDLE', () => {
    const module = assemble('module 0x42::m\nstruct S has drop {\n v: u64\n}\n', { addressWidth: 16 });
    const name = module.identifiers.push('T') - 1;
    module.structHandles.push({ ...module.structHandles[0]!, name });
    expect(() => verifyModule(module)).toThrow(/UNIMPLEMENTED_HANDLE/);
  });
});
