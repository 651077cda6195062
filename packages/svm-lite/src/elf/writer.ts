import type { AssembledProgram } from '../asm/assembler.js';
import { INSN_SIZE } from '../constants.js';
import { ELF_CONSTANTS as C } from './parser.js';

/**
 * Writes an assembled program as a classic (SBPF v0) shared object, the way the Solana
 * toolchain links one: internal calls become pc-relative `call imm`, syscalls become `call -1`
 * with an R_BPF_64_32 relocation against an undefined dynamic symbol, `entrypoint` is exported.
 * Sections: .text, .dynamic, .dynsym, .dynstr, .rel.dyn, .shstrtab (addresses = file offsets).
 */
export function writeElf(program: AssembledProgram): Uint8Array {
  const text = program.text.slice();
  const textView = new DataView(text.buffer);
  const syscalls: string[] = [];
  const relocations: Array<{ slot: number; symbol: number }> = [];
  for (const call of program.calls) {
    const at = call.slot * INSN_SIZE + 4;
    if (call.syscall !== undefined) {
      let index = syscalls.indexOf(call.syscall);
      if (index < 0) index = syscalls.push(call.syscall) - 1;
      textView.setInt32(at, -1, true);
      relocations.push({ slot: call.slot, symbol: 2 + index });
    } else if (call.targetPc !== undefined) {
      textView.setInt32(at, call.targetPc - (call.slot + 1), true);
    }
  }

  const strings = new StringTable();
  const entryName = strings.add('entrypoint');
  const syscallNames = syscalls.map((name) => strings.add(name));
  const dynstr = strings.bytes();
  const shstr = new StringTable();
  const names = ['.text', '.dynamic', '.dynsym', '.dynstr', '.rel.dyn', '.shstrtab'].map((n) => shstr.add(n));
  const shstrtab = shstr.bytes();

  const align8 = (n: number): number => Math.ceil(n / 8) * 8;
  const PHNUM = 2;
  const textOffset = align8(64 + 56 * PHNUM);
  const dynamicCount = relocations.length > 0 ? 8 : 5;
  const dynamicOffset = align8(textOffset + text.length);
  const dynsymOffset = dynamicOffset + dynamicCount * 16;
  const symbolCount = 2 + syscalls.length;
  const dynstrOffset = dynsymOffset + symbolCount * 24;
  const relOffset = align8(dynstrOffset + dynstr.length);
  const shstrtabOffset = relOffset + relocations.length * 16;
  const shOffset = align8(shstrtabOffset + shstrtab.length);
  const SHNUM = 7;
  const out = new Uint8Array(shOffset + SHNUM * 64);
  const v = new DataView(out.buffer);
  const u64 = (at: number, value: number | bigint): void => v.setBigUint64(at, BigInt(value), true);

  out.set([0x7f, 0x45, 0x4c, 0x46, C.ELFCLASS64, C.ELFDATA2LSB, C.EV_CURRENT, C.ELFOSABI_NONE]);
  v.setUint16(16, C.ET_DYN, true);
  v.setUint16(18, C.EM_BPF, true);
  v.setUint32(20, C.EV_CURRENT, true);
  u64(24, textOffset + program.entryPc * INSN_SIZE);
  u64(32, 64);
  u64(40, shOffset);
  v.setUint32(48, 0, true); // e_flags 0: SBPF v0
  v.setUint16(52, 64, true);
  v.setUint16(54, 56, true);
  v.setUint16(56, PHNUM, true);
  v.setUint16(58, 64, true);
  v.setUint16(60, SHNUM, true);
  v.setUint16(62, SHNUM - 1, true);

  const programHeader = (at: number, type: number, flags: number, offset: number, size: number): void => {
    v.setUint32(at, type, true);
    v.setUint32(at + 4, flags, true);
    u64(at + 8, offset);
    u64(at + 16, offset);
    u64(at + 24, offset);
    u64(at + 32, size);
    u64(at + 40, size);
    u64(at + 48, 8);
  };
  programHeader(64, C.PT_LOAD, 5, textOffset, text.length); // R+X
  programHeader(64 + 56, C.PT_DYNAMIC, 6, dynamicOffset, dynamicCount * 16); // R+W

  out.set(text, textOffset);
  const dynamic: Array<[number, number]> = [
    [C.DT_SYMTAB, dynsymOffset],
    [5, dynstrOffset], // DT_STRTAB
    [10, dynstr.length], // DT_STRSZ
    [11, 24], // DT_SYMENT
  ];
  if (relocations.length > 0) {
    dynamic.push([C.DT_REL, relOffset], [C.DT_RELSZ, relocations.length * 16], [C.DT_RELENT, 16]);
  }
  dynamic.push([C.DT_NULL, 0]);
  dynamic.forEach(([tag, value], i) => {
    u64(dynamicOffset + i * 16, tag);
    u64(dynamicOffset + i * 16 + 8, value);
  });

  const symbol = (
    index: number,
    name: number,
    info: number,
    shndx: number,
    value: number,
    size: number,
  ): void => {
    const at = dynsymOffset + index * 24;
    v.setUint32(at, name, true);
    out[at + 4] = info;
    v.setUint16(at + 6, shndx, true);
    u64(at + 8, value);
    u64(at + 16, size);
  };
  symbol(1, entryName, 0x12, 1, textOffset + program.entryPc * INSN_SIZE, text.length); // GLOBAL FUNC
  for (const [i, name] of syscallNames.entries()) symbol(2 + i, name, 0x10, 0, 0, 0); // GLOBAL NOTYPE, undefined
  out.set(dynstr, dynstrOffset);
  relocations.forEach(({ slot, symbol: sym }, i) => {
    u64(relOffset + i * 16, textOffset + slot * INSN_SIZE);
    u64(relOffset + i * 16 + 8, (BigInt(sym) << 32n) | 10n); // R_BPF_64_32
  });
  out.set(shstrtab, shstrtabOffset);

  const section = (
    index: number,
    name: number,
    type: number,
    flags: number,
    offset: number,
    size: number,
    link = 0,
    entsize = 0,
  ): void => {
    const at = shOffset + index * 64;
    v.setUint32(at, name, true);
    v.setUint32(at + 4, type, true);
    u64(at + 8, flags);
    u64(at + 16, flags & C.SHF_ALLOC ? offset : 0);
    u64(at + 24, offset);
    u64(at + 32, size);
    v.setUint32(at + 40, link, true);
    u64(at + 48, 8);
    u64(at + 56, entsize);
  };
  section(1, names[0]!, 1, C.SHF_ALLOC | 4, textOffset, text.length); // PROGBITS, AX
  section(2, names[1]!, C.SHT_DYNAMIC, C.SHF_ALLOC | C.SHF_WRITE, dynamicOffset, dynamicCount * 16, 4, 16);
  section(3, names[2]!, C.SHT_DYNSYM, C.SHF_ALLOC, dynsymOffset, symbolCount * 24, 4, 24);
  section(4, names[3]!, C.SHT_STRTAB, C.SHF_ALLOC, dynstrOffset, dynstr.length);
  section(5, names[4]!, 9, C.SHF_ALLOC, relOffset, relocations.length * 16, 3, 16); // SHT_REL
  section(6, names[5]!, C.SHT_STRTAB, 0, shstrtabOffset, shstrtab.length);
  return out;
}

/** An ELF string table: NUL-separated names, offset 0 is the empty name. */
class StringTable {
  readonly #parts: Uint8Array[] = [new Uint8Array(1)];
  #length = 1;

  add(name: string): number {
    const bytes = new TextEncoder().encode(`${name}\0`);
    const offset = this.#length;
    this.#parts.push(bytes);
    this.#length += bytes.length;
    return offset;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.#length);
    let at = 0;
    for (const part of this.#parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}
