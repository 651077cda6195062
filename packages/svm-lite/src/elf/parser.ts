import { type ElfParserErrorKind, parserError } from './errors.js';

/**
 * A dependency-free ELF64 little-endian parser with the consistency checks of sbpf
 * `elf_parser/mod.rs` (`Elf64::parse`): header fields, table bounds and alignment, no overlap
 * between headers and sections, sections in file order, bounded names.
 */

export const ELF_CONSTANTS = {
  ELFCLASS64: 2,
  ELFDATA2LSB: 1,
  EV_CURRENT: 1,
  ELFOSABI_NONE: 0,
  ET_DYN: 3,
  EM_BPF: 247,
  EM_SBPF: 263,
  PT_LOAD: 1,
  PT_DYNAMIC: 2,
  SHT_NULL: 0,
  SHT_SYMTAB: 2,
  SHT_STRTAB: 3,
  SHT_DYNAMIC: 6,
  SHT_NOBITS: 8,
  SHT_DYNSYM: 11,
  SHF_WRITE: 1,
  SHF_ALLOC: 2,
  DT_NULL: 0,
  DT_SYMTAB: 6,
  DT_REL: 17,
  DT_RELSZ: 18,
  DT_RELENT: 19,
  /** Tags at or above DT_NUM are ignored. */
  DT_NUM: 35,
} as const;
const C = ELF_CONSTANTS;

/** sbpf `SECTION_NAME_LENGTH_MAXIMUM` and `SYMBOL_NAME_LENGTH_MAXIMUM`. */
export const SECTION_NAME_MAX = 16;
export const SYMBOL_NAME_MAX = 64;

const EHDR_SIZE = 64;
const PHDR_SIZE = 56;
const SHDR_SIZE = 64;
const DYN_SIZE = 16;
const REL_SIZE = 16;
const SYM_SIZE = 24;
const U64_MAX = (1n << 64n) - 1n;

export interface FileHeader {
  class: number;
  data: number;
  identVersion: number;
  osabi: number;
  type: number;
  machine: number;
  version: number;
  entry: bigint;
  phoff: bigint;
  shoff: bigint;
  flags: number;
  ehsize: number;
  phentsize: number;
  phnum: number;
  shentsize: number;
  shnum: number;
  shstrndx: number;
}

export interface ProgramHeader {
  type: number;
  offset: bigint;
  vaddr: bigint;
  filesz: bigint;
  memsz: bigint;
}

export interface SectionHeader {
  name: number;
  type: number;
  flags: bigint;
  addr: bigint;
  offset: bigint;
  size: bigint;
}

export interface Symbol {
  name: number;
  info: number;
  value: bigint;
  size: bigint;
}

export interface Relocation {
  offset: bigint;
  type: number;
  symbol: number;
}

export interface Range {
  start: bigint;
  end: bigint;
}

export const isWritable = (s: SectionHeader): boolean =>
  (s.flags & BigInt(C.SHF_ALLOC | C.SHF_WRITE)) === BigInt(C.SHF_ALLOC | C.SHF_WRITE);

/** The bytes a section occupies in the file (none for NOBITS). */
export const fileRange = (s: SectionHeader): Range =>
  s.type === C.SHT_NOBITS ? { start: 0n, end: 0n } : { start: s.offset, end: sat(s.offset + s.size) };

export const vmRange = (s: SectionHeader): Range => ({ start: s.addr, end: sat(s.addr + s.size) });

export const contains = (r: Range, x: bigint): boolean => x >= r.start && x < r.end;

function sat(x: bigint): bigint {
  return x > U64_MAX ? U64_MAX : x;
}

function fail(kind: ElfParserErrorKind, detail?: string): never {
  throw parserError(kind, detail);
}

function checkedAdd(a: bigint, b: bigint): bigint {
  const sum = a + b;
  if (sum > U64_MAX) fail('OutOfBounds');
  return sum;
}

export class Elf64 {
  readonly bytes: Uint8Array;
  readonly header: FileHeader;
  readonly programHeaders: ProgramHeader[];
  readonly sections: SectionHeader[];
  readonly dynamicRelocations: Relocation[] | undefined;
  readonly dynamicSymbols: Symbol[] | undefined;
  readonly #view: DataView;
  #sectionNames: SectionHeader | undefined;
  #symbolNames: SectionHeader | undefined;
  #dynamicSymbolNames: SectionHeader | undefined;
  #symbolTable: SectionHeader | undefined;
  readonly #dynamic = new Array<bigint>(C.DT_NUM).fill(0n);

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length < EHDR_SIZE) fail('OutOfBounds');
    const h = this.#readHeader();
    this.header = h;
    if (
      bytes[0] !== 0x7f ||
      bytes[1] !== 0x45 ||
      bytes[2] !== 0x4c ||
      bytes[3] !== 0x46 ||
      h.class !== C.ELFCLASS64 ||
      h.data !== C.ELFDATA2LSB ||
      h.identVersion !== C.EV_CURRENT ||
      h.version !== C.EV_CURRENT ||
      h.ehsize !== EHDR_SIZE ||
      h.phentsize !== PHDR_SIZE ||
      h.shentsize !== SHDR_SIZE ||
      h.shstrndx >= h.shnum
    ) {
      fail('InvalidFileHeader');
    }
    const fileHeaderRange: Range = { start: 0n, end: BigInt(EHDR_SIZE) };
    const phRange: Range = { start: h.phoff, end: checkedAdd(h.phoff, BigInt(PHDR_SIZE * h.phnum)) };
    noOverlap(fileHeaderRange, phRange);
    this.#checkSlice(phRange, PHDR_SIZE);
    this.programHeaders = [];
    for (let i = 0; i < h.phnum; i++)
      this.programHeaders.push(this.#readProgramHeader(Number(h.phoff) + i * PHDR_SIZE));

    const shRange: Range = { start: h.shoff, end: checkedAdd(h.shoff, BigInt(SHDR_SIZE * h.shnum)) };
    noOverlap(fileHeaderRange, shRange);
    noOverlap(phRange, shRange);
    this.#checkSlice(shRange, SHDR_SIZE);
    this.sections = [];
    for (let i = 0; i < h.shnum; i++)
      this.sections.push(this.#readSectionHeader(Number(h.shoff) + i * SHDR_SIZE));
    if (this.sections[0]?.type !== C.SHT_NULL) fail('InvalidSectionHeader');

    let vaddr = 0n;
    for (const ph of this.programHeaders) {
      if (ph.type !== C.PT_LOAD) continue;
      if (ph.vaddr < vaddr) fail('InvalidProgramHeader');
      if (checkedAdd(ph.offset, ph.filesz) > BigInt(bytes.length)) fail('OutOfBounds');
      vaddr = ph.vaddr;
    }

    let offset = 0n;
    for (const s of this.sections) {
      if (s.type === C.SHT_NOBITS) continue;
      const range: Range = { start: s.offset, end: checkedAdd(s.offset, s.size) };
      noOverlap(range, fileHeaderRange);
      noOverlap(range, phRange);
      noOverlap(range, shRange);
      if (range.start < offset) fail('SectionNotInOrder');
      offset = range.end;
      if (offset > BigInt(bytes.length)) fail('OutOfBounds');
    }

    this.#sectionNames = h.shstrndx !== 0 ? this.sections[h.shstrndx] : undefined;
    this.#parseSections();
    const dynamic = this.#parseDynamic();
    this.dynamicRelocations = dynamic.relocations;
    this.dynamicSymbols = dynamic.symbols;
  }

  sectionName(s: SectionHeader): Uint8Array {
    if (!this.#sectionNames) fail('NoSectionNameStringTable');
    return this.#string(this.#sectionNames, s.name, SECTION_NAME_MAX);
  }

  dynamicSymbolName(nameOffset: number): Uint8Array {
    if (!this.#dynamicSymbolNames) fail('NoDynamicStringTable');
    return this.#string(this.#dynamicSymbolNames, nameOffset, SYMBOL_NAME_MAX);
  }

  symbolName(nameOffset: number): Uint8Array {
    if (!this.#symbolNames) fail('NoStringTable');
    return this.#string(this.#symbolNames, nameOffset, SYMBOL_NAME_MAX);
  }

  /** `.symtab` entries, when present (used for labels in disassembly). */
  symbols(): Symbol[] {
    return this.#symbolTable ? this.#readSymbols(this.#symbolTable) : [];
  }

  #readHeader(): FileHeader {
    const v = this.#view;
    return {
      class: v.getUint8(4),
      data: v.getUint8(5),
      identVersion: v.getUint8(6),
      osabi: v.getUint8(7),
      type: v.getUint16(16, true),
      machine: v.getUint16(18, true),
      version: v.getUint32(20, true),
      entry: v.getBigUint64(24, true),
      phoff: v.getBigUint64(32, true),
      shoff: v.getBigUint64(40, true),
      flags: v.getUint32(48, true),
      ehsize: v.getUint16(52, true),
      phentsize: v.getUint16(54, true),
      phnum: v.getUint16(56, true),
      shentsize: v.getUint16(58, true),
      shnum: v.getUint16(60, true),
      shstrndx: v.getUint16(62, true),
    };
  }

  #readProgramHeader(at: number): ProgramHeader {
    const v = this.#view;
    return {
      type: v.getUint32(at, true),
      offset: v.getBigUint64(at + 8, true),
      vaddr: v.getBigUint64(at + 16, true),
      filesz: v.getBigUint64(at + 32, true),
      memsz: v.getBigUint64(at + 40, true),
    };
  }

  #readSectionHeader(at: number): SectionHeader {
    const v = this.#view;
    return {
      name: v.getUint32(at, true),
      type: v.getUint32(at + 4, true),
      flags: v.getBigUint64(at + 8, true),
      addr: v.getBigUint64(at + 16, true),
      offset: v.getBigUint64(at + 24, true),
      size: v.getBigUint64(at + 32, true),
    };
  }

  /** sbpf `slice_from_bytes`: whole entries, inside the file, 8-byte aligned. */
  #checkSlice(range: Range, entrySize: number): void {
    const length = range.end - range.start;
    if (length < 0n || length % BigInt(entrySize) !== 0n) fail('InvalidSize');
    if (range.end > BigInt(this.bytes.length)) fail('OutOfBounds');
    if (range.start % 8n !== 0n) fail('InvalidAlignment');
  }

  #string(section: SectionHeader, offsetInSection: number, max: number): Uint8Array {
    if (section.type !== C.SHT_STRTAB) fail('InvalidSectionHeader');
    const start = checkedAdd(section.offset, BigInt(offsetInSection));
    const sectionEnd = checkedAdd(section.offset, section.size);
    const limit = checkedAdd(start, BigInt(max));
    let end = limit;
    if (sectionEnd < end) end = sectionEnd;
    if (start > end || end > BigInt(this.bytes.length)) fail('OutOfBounds');
    const raw = this.bytes.subarray(Number(start), Number(end));
    const nul = raw.indexOf(0);
    if (nul < 0) fail('StringTooLong', `\`${new TextDecoder().decode(raw)}\` is longer than ${max} bytes`);
    return raw.subarray(0, nul);
  }

  #parseSections(): void {
    if (!this.#sectionNames) fail('NoSectionNameStringTable');
    for (const s of this.sections) {
      const name = new TextDecoder().decode(this.#string(this.#sectionNames, s.name, SECTION_NAME_MAX));
      const slot =
        name === '.symtab' ? 'symtab' : name === '.strtab' ? 'strtab' : name === '.dynstr' ? 'dynstr' : '';
      if (slot === 'symtab') {
        if (this.#symbolTable) fail('InvalidSectionHeader');
        this.#symbolTable = s;
      } else if (slot === 'strtab') {
        if (this.#symbolNames) fail('InvalidSectionHeader');
        this.#symbolNames = s;
      } else if (slot === 'dynstr') {
        if (this.#dynamicSymbolNames) fail('InvalidSectionHeader');
        this.#dynamicSymbolNames = s;
      }
    }
  }

  #parseDynamic(): { relocations: Relocation[] | undefined; symbols: Symbol[] | undefined } {
    let table: Range | undefined;
    const dynamicPh = this.programHeaders.find((ph) => ph.type === C.PT_DYNAMIC);
    if (dynamicPh) {
      const range = { start: dynamicPh.offset, end: dynamicPh.offset + dynamicPh.filesz };
      if (range.end <= U64_MAX && this.#sliceOk(range, DYN_SIZE)) table = range;
    }
    if (!table) {
      const section = this.sections.find((s) => s.type === C.SHT_DYNAMIC);
      if (section) {
        const range = { start: section.offset, end: section.offset + section.size };
        if (range.end > U64_MAX || !this.#sliceOk(range, DYN_SIZE)) fail('InvalidDynamicSectionTable');
        table = range;
      }
    }
    if (!table) return { relocations: undefined, symbols: undefined };
    for (let at = Number(table.start); at < Number(table.end); at += DYN_SIZE) {
      const tag = this.#view.getBigUint64(at, true);
      if (tag === BigInt(C.DT_NULL)) break;
      if (tag >= BigInt(C.DT_NUM)) continue;
      this.#dynamic[Number(tag)] = this.#view.getBigUint64(at + 8, true);
    }
    return { relocations: this.#parseRelocations(), symbols: this.#parseDynamicSymbols() };
  }

  #sliceOk(range: Range, entrySize: number): boolean {
    const length = range.end - range.start;
    return (
      length >= 0n &&
      length % BigInt(entrySize) === 0n &&
      range.end <= BigInt(this.bytes.length) &&
      range.start % 8n === 0n
    );
  }

  #parseRelocations(): Relocation[] | undefined {
    const vaddr = this.#dynamic[C.DT_REL]!;
    if (vaddr === 0n) return undefined;
    if (this.#dynamic[C.DT_RELENT] !== BigInt(REL_SIZE)) fail('InvalidDynamicSectionTable');
    const size = this.#dynamic[C.DT_RELSZ]!;
    if (size === 0n) fail('InvalidDynamicSectionTable');
    let offset: bigint | undefined;
    for (const ph of this.programHeaders) {
      if (vaddr >= ph.vaddr && vaddr < checkedAdd(ph.vaddr, ph.memsz)) {
        offset = checkedAdd(vaddr - ph.vaddr, ph.offset);
        break;
      }
    }
    if (offset === undefined) {
      // Old toolchains emitted DT_REL outside every segment; fall back to the section headers.
      const section = this.sections.find((s) => s.addr === vaddr);
      if (!section) fail('InvalidDynamicSectionTable');
      offset = section.offset;
    }
    const range = { start: offset, end: checkedAdd(offset, size) };
    if (!this.#sliceOk(range, REL_SIZE)) fail('InvalidDynamicSectionTable');
    const out: Relocation[] = [];
    for (let at = Number(range.start); at < Number(range.end); at += REL_SIZE) {
      const info = this.#view.getBigUint64(at + 8, true);
      out.push({
        offset: this.#view.getBigUint64(at, true),
        type: Number(info & 0xffffffffn),
        symbol: Number(info >> 32n),
      });
    }
    return out;
  }

  #parseDynamicSymbols(): Symbol[] | undefined {
    const vaddr = this.#dynamic[C.DT_SYMTAB]!;
    if (vaddr === 0n) return undefined;
    const section = this.sections.find((s) => s.addr === vaddr);
    if (!section) fail('InvalidDynamicSectionTable');
    return this.#readSymbols(section);
  }

  #readSymbols(section: SectionHeader): Symbol[] {
    if (section.type !== C.SHT_SYMTAB && section.type !== C.SHT_DYNSYM) fail('InvalidSectionHeader');
    const range = { start: section.offset, end: checkedAdd(section.offset, section.size) };
    this.#checkSlice(range, SYM_SIZE);
    const out: Symbol[] = [];
    for (let at = Number(range.start); at < Number(range.end); at += SYM_SIZE) {
      out.push({
        name: this.#view.getUint32(at, true),
        info: this.#view.getUint8(at + 4),
        value: this.#view.getBigUint64(at + 8, true),
        size: this.#view.getBigUint64(at + 16, true),
      });
    }
    return out;
  }
}

function noOverlap(a: Range, b: Range): void {
  if (!(a.end <= b.start || b.end <= a.start)) fail('Overlap');
}
