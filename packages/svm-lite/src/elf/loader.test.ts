import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesOrWarn } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { createVm } from '../execute/run.js';
import { SyscallRegistry } from '../execute/syscall-registry.js';
import { verifyProgram } from '../verify/verifier.js';
import { ElfError } from './errors.js';
import { loadElf } from './loader.js';

const dir = fixturesOrWarn('svm/elfs', 'sBPF loader conformance (anza sbpf tests/elfs)');

/**
 * What the reference loader does with each test ELF, from the expectations in anza-xyz/sbpf
 * `tests/elf.rs` and `tests/execution.rs` (loader configured for SBPF v0 only). `result` and
 * `instructions` are r0 and the instruction count when the program is then run.
 */
type Expectation =
  | { error: string; detail?: string }
  | { result?: bigint; instructions?: number; input?: number[] };

const V3 = { error: 'UnsupportedSBPFVersion' } as const;
const EXPECTED: Record<string, Expectation> = {
  'bss_section_sbpfv0.so': { error: 'WritableSectionNotSupported', detail: '".bss"' },
  'data_section_sbpfv0.so': { error: 'WritableSectionNotSupported', detail: '".data"' },
  'program_headers_overflow.so': { error: 'InvalidProgramHeader' },
  'long_section_name.so': { error: 'FailedToParse' },
  'long_dynamic_symbol_name_sbpfv0.so': { error: 'UnknownSymbol' },
  'relative_call_sbpfv0.so': { result: 3n, input: [1] },
  'reloc_64_64_sbpfv0.so': { result: 0x1_0000_0120n, instructions: 2 },
  'reloc_64_relative_sbpfv0.so': { result: 0x1_0000_0138n, instructions: 2 },
  'reloc_64_relative_data_sbpfv0.so': { result: 0x1_0000_0140n, instructions: 3 },
  'rodata_section_sbpfv0.so': { result: 42n, instructions: 3 },
  'struct_func_pointer_sbpfv0.so': { result: 0x0102030405060708n, instructions: 2 },
  'syscall_reloc_64_32_sbpfv0.so': { result: 0n, instructions: 5 },
  'long_symbol_name_sbpfv0.so': {},
  'callx_unaligned.so': {},
  'long_symbol_name.so': V3,
  'relative_call.so': V3,
  'reloc_64_64.so': V3,
  'reloc_64_relative.so': V3,
  'reloc_64_relative_data.so': V3,
  'rodata_section.so': V3,
  'strict_header.so': V3,
  'struct_func_pointer.so': V3,
  'syscall_static.so': V3,
};

/** The sbpf test loader registers `log` (prints a string) and `log_64`. */
function testSyscalls(logs: string[]): SyscallRegistry<undefined> {
  return new SyscallRegistry<undefined>()
    .register('log', (vm, addr, len) => {
      logs.push(new TextDecoder().decode(vm.memory.slice(addr, Number(len), 'load')));
      return 0n;
    })
    .register('log_64', () => 0n);
}

describe.skipIf(!dir)('sbpf test ELFs load or are rejected as the reference loader does', () => {
  const files = dir ? readdirSync(dir).filter((f) => f.endsWith('.so')) : [];

  it('covers every fixture', () => {
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
    console.log(`sbpf loader conformance: ${files.length} real test ELFs`);
  });

  for (const file of Object.keys(EXPECTED)) {
    it(file, () => {
      const expected = EXPECTED[file]!;
      const bytes = new Uint8Array(readFileSync(join(dir!, file)));
      const logs: string[] = [];
      const syscalls = testSyscalls(logs);
      if ('error' in expected) {
        let error: unknown;
        try {
          loadElf(bytes, { syscalls });
        } catch (err) {
          error = err;
        }
        expect(error).toBeInstanceOf(ElfError);
        expect((error as ElfError).kind).toBe(expected.error);
        if (expected.detail) expect((error as ElfError).details.detail).toBe(expected.detail);
        return;
      }
      const executable = loadElf(bytes, { syscalls });
      verifyProgram(executable.text, executable.decoded);
      if (expected.result === undefined) return;
      const vm = createVm(executable, {
        syscalls,
        input: new Uint8Array(expected.input ?? []),
        computeUnits: 10_000,
      });
      expect(vm.run()).toBe(expected.result);
      if (expected.instructions !== undefined) expect(vm.instructions).toBe(expected.instructions);
    });
  }

  it('rejects an unresolved syscall when deploying (reject_broken_elfs)', () => {
    const bytes = new Uint8Array(readFileSync(join(dir!, 'syscall_reloc_64_32_sbpfv0.so')));
    expect(() => loadElf(bytes, { rejectBrokenElfs: true })).toThrow('UnresolvedSymbol("log", 39, 312)');
  });

  it('rejects out-of-bounds relative calls with the faulting slot', () => {
    const bytes = new Uint8Array(readFileSync(join(dir!, 'relative_call_sbpfv0.so')));
    const backward = bytes.slice();
    new DataView(backward.buffer).setInt32(0x164, -11, true);
    expect(() => loadElf(backward)).toThrow('RelativeJumpOutOfBounds(8)');
    const forward = bytes.slice();
    new DataView(forward.buffer).setInt32(0x17c, 5, true);
    expect(() => loadElf(forward)).toThrow('RelativeJumpOutOfBounds(11)');
  });

  it('resolves the entrypoint and rejects misaligned or out-of-range ones', () => {
    const bytes = new Uint8Array(readFileSync(join(dir!, 'relative_call_sbpfv0.so')));
    expect(loadElf(bytes).entryPc).toBe(4);
    const entry = new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(24, true);
    const patched = (value: bigint): Uint8Array => {
      const copy = bytes.slice();
      new DataView(copy.buffer).setBigUint64(24, value, true);
      return copy;
    };
    expect(loadElf(patched(entry + 8n)).entryPc).toBe(5);
    expect(() => loadElf(patched(1n))).toThrow('EntrypointOutOfBounds');
    expect(() => loadElf(patched(entry + 9n))).toThrow('InvalidEntrypoint');
  });
});
