import { MM_PROGRAM_START, MM_REGION_SIZE, MM_STACK_START } from '../constants.js';
import { decodeText } from '../decode/instruction.js';
import * as op from '../decode/opcodes.js';
import type { SyscallLookup } from '../execute/syscall-registry.js';
import { ElfError } from './errors.js';
import type { Executable, FunctionRegistry } from './executable.js';
import { registerFunction, unregisterEntrypoint } from './function-registry.js';
import { hashSymbolName } from './murmur3.js';
import {
  ELF_CONSTANTS as C,
  contains,
  Elf64,
  fileRange,
  isWritable,
  type SectionHeader,
  vmRange,
} from './parser.js';

export interface LoadOptions {
  /** Syscalls the loader knows (for collision checks and, with `rejectBrokenElfs`, resolution). */
  syscalls?: SyscallLookup;
  /**
   * sbpf `Config::reject_broken_elfs`: agave sets it when deploying (`reject_deployment_of_broken_elfs`)
   * and clears it when executing already-deployed programs. Default false.
   */
  rejectBrokenElfs?: boolean;
  /**
   * sbpf `Config::optimize_rodata`: map only the span of read-only sections (sbpf default, true)
   * or the whole range from address 0 (agave's program runtime sets false). Default true.
   */
  optimizeRodata?: boolean;
}

/** x86-64 relocation numbers the BPF toolchain reuses (sbpf `BpfRelocationType`). */
const R_BPF_64_64 = 1; // R_X86_64_64: lddw of a symbol's address
const R_BPF_64_RELATIVE = 8; // R_X86_64_RELATIVE: an address into the program region
const R_BPF_64_32 = 10; // R_X86_64_32: call to a symbol (function or syscall)

const E_FLAGS_OFFSET = 48;
const REGION = BigInt(MM_REGION_SIZE);
const decoder = new TextDecoder();

/**
 * Loads a classic (SBPF v0) program as sbpf `Executable::load` with the lenient parser does:
 * validate, relocate in a copy, resolve the entrypoint, build the read-only region. Other
 * versions (e_flags 1..4) are rejected with UnsupportedSBPFVersion, as a loader configured with
 * `enabled_sbpf_versions = V0..=V0` does.
 */
export function loadElf(bytes: Uint8Array, options: LoadOptions = {}): Executable {
  if (bytes.length < E_FLAGS_OFFSET + 4) throw new ElfError('ValueOutOfBounds');
  const flags = new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getUint32(E_FLAGS_OFFSET, true);
  if (flags !== 0) throw new ElfError('UnsupportedSBPFVersion');

  const elf = new Elf64(bytes);
  validate(elf);
  const text = findSection(elf, '.text');
  const textVaddr = text.addr + REGION;
  if ((options.rejectBrokenElfs && text.addr !== text.offset) || textVaddr > BigInt(MM_STACK_START)) {
    throw new ElfError('ValueOutOfBounds');
  }

  const image = new Uint8Array(bytes);
  const functions: FunctionRegistry = new Map();
  const unresolvedSyscalls = new Set<string>();
  relocate(elf, image, text, functions, options, unresolvedSyscalls);

  const entryOffset = elf.header.entry > text.addr ? elf.header.entry - text.addr : 0n;
  if (entryOffset % 8n !== 0n) throw new ElfError('InvalidEntrypoint');
  const entryPc = Number(entryOffset / 8n);
  unregisterEntrypoint(functions);
  registerFunction(functions, options.syscalls, 'entrypoint', entryPc);

  const ro = readOnlyRegion(elf, image, options);
  const textRange = fileRange(text);
  const textBytes = image.subarray(Number(textRange.start), Number(textRange.end));
  return {
    text: textBytes,
    textVaddr,
    decoded: decodeText(textBytes),
    entryPc,
    functions,
    ro,
    unresolvedSyscalls: [...unresolvedSyscalls].sort(),
  };
}

function name(elf: Elf64, s: SectionHeader): string | undefined {
  try {
    return decoder.decode(elf.sectionName(s));
  } catch {
    return undefined;
  }
}

function findSection(elf: Elf64, wanted: string): SectionHeader {
  for (const s of elf.sections) if (decoder.decode(elf.sectionName(s)) === wanted) return s;
  throw new ElfError('SectionNotFound', wanted);
}

/** sbpf `Executable::validate`. */
function validate(elf: Elf64): void {
  const h = elf.header;
  if (h.class !== C.ELFCLASS64) throw new ElfError('WrongClass');
  if (h.data !== C.ELFDATA2LSB) throw new ElfError('WrongEndianess');
  if (h.osabi !== C.ELFOSABI_NONE) throw new ElfError('WrongAbi');
  if (h.machine !== C.EM_BPF && h.machine !== C.EM_SBPF) throw new ElfError('WrongMachine');
  if (h.type !== C.ET_DYN) throw new ElfError('WrongType');
  const names = elf.sections.map((s) => name(elf, s));
  if (names.filter((n) => n === '.text').length !== 1) throw new ElfError('NotOneTextSection');
  elf.sections.forEach((s, i) => {
    const n = names[i];
    if (n === undefined) return;
    if (n.startsWith('.bss') || (isWritable(s) && n.startsWith('.data') && !n.startsWith('.data.rel'))) {
      throw new ElfError('WritableSectionNotSupported', JSON.stringify(n));
    }
  });
  for (const s of elf.sections) {
    const end = s.offset + s.size;
    if (end >= 1n << 64n || end > BigInt(elf.bytes.length)) throw new ElfError('ValueOutOfBounds');
  }
  if (!contains(vmRange(findSection(elf, '.text')), h.entry)) throw new ElfError('EntrypointOutOfBounds');
}

/** sbpf `Executable::relocate`, applied to `image` (a copy of the file). */
function relocate(
  elf: Elf64,
  image: Uint8Array,
  text: SectionHeader,
  functions: FunctionRegistry,
  options: LoadOptions,
  unresolvedSyscalls: Set<string>,
): void {
  const view = new DataView(image.buffer, image.byteOffset, image.length);
  const textRange = fileRange(text);
  const textStart = Number(textRange.start);
  const textEnd = Number(textRange.end);
  if (textEnd > image.length) throw new ElfError('ValueOutOfBounds');
  const count = Math.floor((textEnd - textStart) / 8);

  // Relative calls (imm != -1) become calls by key: the key of the target slot.
  for (let i = 0; i < count; i++) {
    const at = textStart + i * 8;
    const imm = view.getInt32(at + 4, true);
    if (image[at] !== op.CALL_IMM || imm === -1) continue;
    const target = i + 1 + imm;
    if (target < 0 || target >= count) throw new ElfError('RelativeJumpOutOfBounds', i);
    view.setUint32(at + 4, registerFunction(functions, options.syscalls, '', target), true);
  }

  const u32At = (offset: bigint): number => {
    if (offset + 4n > BigInt(image.length)) throw new ElfError('ValueOutOfBounds');
    return view.getUint32(Number(offset), true);
  };
  const setU32 = (offset: bigint, value: number): void => {
    if (offset + 4n > BigInt(image.length)) throw new ElfError('ValueOutOfBounds');
    view.setUint32(Number(offset), value >>> 0, true);
  };
  const symbolAt = (index: number) => {
    const symbol = elf.dynamicSymbols?.[index];
    if (!symbol) throw new ElfError('UnknownSymbol', index);
    return symbol;
  };

  for (const rel of elf.dynamicRelocations ?? []) {
    const immOffset = rel.offset + 4n;
    switch (rel.type) {
      case R_BPF_64_64: {
        const refd = BigInt(u32At(immOffset));
        const symbol = symbolAt(rel.symbol);
        let addr = symbol.value + refd;
        if (addr < REGION) addr += REGION;
        setU32(immOffset, Number(addr & 0xffffffffn));
        setU32(immOffset + 8n, Number((addr >> 32n) & 0xffffffffn));
        break;
      }
      case R_BPF_64_RELATIVE: {
        if (rel.offset >= textRange.start && rel.offset < textRange.end) {
          // An lddw: the address is split across the immediates of its two slots.
          let refd = (BigInt(u32At(immOffset + 8n)) << 32n) | BigInt(u32At(immOffset));
          if (refd === 0n) throw new ElfError('InvalidVirtualAddress', '0x0');
          if (refd < REGION) refd += REGION;
          setU32(immOffset, Number(refd & 0xffffffffn));
          setU32(immOffset + 8n, Number(refd >> 32n));
        } else {
          // A 64-bit data word; old toolchains stored only the low half, shifted (kept for compatibility).
          const refd = REGION + BigInt(u32At(immOffset));
          if (rel.offset + 8n > BigInt(image.length)) throw new ElfError('ValueOutOfBounds');
          view.setBigUint64(Number(rel.offset), refd, true);
        }
        break;
      }
      case R_BPF_64_32: {
        const symbol = symbolAt(rel.symbol);
        let symbolName: Uint8Array;
        try {
          symbolName = elf.dynamicSymbolName(symbol.name);
        } catch {
          throw new ElfError('UnknownSymbol', symbol.name);
        }
        let key: number;
        if ((symbol.info & 0xf) === 2 && symbol.value !== 0n) {
          if (!contains(vmRange(text), symbol.value)) throw new ElfError('ValueOutOfBounds');
          const targetPc = Number((symbol.value - text.addr) / 8n);
          key = registerFunction(functions, options.syscalls, decoder.decode(symbolName), targetPc);
        } else {
          key = hashSymbolName(symbolName);
          if (!options.syscalls?.lookup(key)) {
            if (options.rejectBrokenElfs) {
              throw new ElfError(
                'UnresolvedSymbol',
                `${JSON.stringify(decoder.decode(symbolName))}, ${rel.offset / 8n}, ${rel.offset}`,
              );
            }
            if (options.syscalls) unresolvedSyscalls.add(decoder.decode(symbolName));
          }
        }
        setU32(immOffset, key);
        break;
      }
      default:
        throw new ElfError('UnknownRelocation', rel.type);
    }
  }
}

const RO_SECTIONS = new Set(['.text', '.rodata', '.data.rel.ro', '.eh_frame']);

/** sbpf `Executable::parse_ro_sections`: the read-only sections merged into the program region. */
function readOnlyRegion(
  elf: Elf64,
  image: Uint8Array,
  options: LoadOptions,
): { start: number; bytes: Uint8Array } {
  const optimize = options.optimizeRodata ?? true;
  let lowest = Number.MAX_SAFE_INTEGER;
  let highest = 0;
  let fillLength = 0;
  let invalidOffsets = false;
  let first = -1;
  let last = -1;
  let n = 0;
  const slices: Array<{ addr: number; data: Uint8Array }> = [];
  elf.sections.forEach((s, i) => {
    const sectionName = name(elf, s);
    if (sectionName === undefined || !RO_SECTIONS.has(sectionName)) return;
    if (n === 0) first = i;
    last = i;
    n++;
    if (s.addr !== s.offset) invalidOffsets = true;
    if ((options.rejectBrokenElfs && invalidOffsets) || s.addr + REGION > BigInt(MM_STACK_START)) {
      throw new ElfError('ValueOutOfBounds');
    }
    const range = fileRange(s);
    if (range.end > BigInt(image.length)) throw new ElfError('ValueOutOfBounds');
    const data = image.subarray(Number(range.start), Number(range.end));
    const addr = Number(s.addr);
    lowest = Math.min(lowest, addr);
    highest = Math.max(highest, addr + data.length);
    fillLength += data.length;
    slices.push({ addr, data });
  });
  if (options.rejectBrokenElfs && lowest + fillLength > highest) throw new ElfError('ValueOutOfBounds');

  const canBorrow = !invalidOffsets && last + 1 - first === n;
  let start: number;
  let bytes: Uint8Array;
  if (optimize && canBorrow) {
    start = lowest;
    bytes = image.subarray(lowest, highest);
  } else {
    if (optimize) highest -= lowest;
    else lowest = 0;
    if (highest > image.length) throw new ElfError('ValueOutOfBounds');
    bytes = new Uint8Array(highest);
    for (const { addr, data } of slices) bytes.set(data, addr - lowest);
    start = lowest;
  }
  if (optimize && Math.floor((start + MM_PROGRAM_START) / MM_REGION_SIZE) !== 1) {
    throw new ElfError('ValueOutOfBounds');
  }
  return { start, bytes };
}
