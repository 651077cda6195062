import { describe, expect, it } from 'vitest';
import { disassemble } from '../decode/disassemble.js';
import { loadElf } from '../elf/loader.js';
import { writeElf } from '../elf/writer.js';
import { createVm } from '../execute/run.js';
import { SyscallRegistry } from '../execute/syscall-registry.js';
import { assemble, assembleExecutable } from './assembler.js';

const SOURCE = `
entrypoint:
  mov64 r1, 5
  call double
  mov64 r6, r0
  lddw r1, 0x1122334455667788
  syscall record
  add64 r0, r6
  exit
double:
  mov64 r0, r1
  lsh64 r0, 1
  exit`;

function recorder(seen: bigint[]): SyscallRegistry<undefined> {
  return new SyscallRegistry<undefined>().register('record', (_vm, r1) => {
    seen.push(r1);
    return 100n;
  });
}

describe('assembler and ELF writer', () => {
  it('runs the same from text and from a linked ELF', () => {
    const fromText: bigint[] = [];
    const vmText = createVm(assembleExecutable(SOURCE), { syscalls: recorder(fromText) });
    expect(vmText.run()).toBe(110n);

    const elf = writeElf(assemble(SOURCE));
    const fromElf: bigint[] = [];
    const syscalls = recorder(fromElf);
    const executable = loadElf(elf, { syscalls, rejectBrokenElfs: true });
    const vmElf = createVm(executable, { syscalls });
    expect(vmElf.run()).toBe(110n);
    expect(fromElf).toEqual([0x1122334455667788n]);
    expect(fromText).toEqual(fromElf);
    expect(vmElf.instructions).toBe(vmText.instructions);
  });

  it('a deploy-time loader rejects an ELF calling an unknown syscall', () => {
    expect(() => loadElf(writeElf(assemble(SOURCE)), { rejectBrokenElfs: true })).toThrow('UnresolvedSymbol');
  });

  it('disassembly reassembles to the same bytes', () => {
    const source = `
      mov64 r0, -7
      lddw r1, 0x1122334455667788
      ldxdw r2, [r1-0x10]
      stxw [r10-0x8], r2
      stb [r10-0x1], 0xff
      jsgt r2, r3, +2
      jne r0, 0x5, -3
      be32 r4
      neg64 r5
      arsh32 r6, r7
      callx r8
      ja +0
      exit`;
    const program = assemble(source);
    const lines = disassemble(program.text).map((l) => l.text);
    expect(lines).toContain('lddw r1, 0x1122334455667788');
    expect(lines).toContain('ldxdw r2, [r1-0x10]');
    expect(assemble(lines.join('\n')).text).toEqual(program.text);
  });

  it('reports the line of a syntax error', () => {
    expect(() => assemble('mov64 r0, 1\nfrob r1')).toThrow('asm line 2');
    expect(() => assemble('ja nowhere')).toThrow('unknown label');
    expect(() => assemble('ldxdw r0, [r1+70000]')).toThrow('16 bits');
  });
});
