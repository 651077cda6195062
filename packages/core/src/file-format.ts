import { InvalidArgumentError } from './errors.js';

/** The binary formats the polyvm command groups read, told apart by their leading magic bytes. */
export type BinaryFormat = 'elf' | 'wasm' | 'move';

interface FormatInfo {
  magic: readonly number[];
  description: string;
  /** The command group that reads it. */
  group: string;
}

const FORMATS: Readonly<Record<BinaryFormat, FormatInfo>> = {
  // ELF identification, System V ABI gABI §4 "ELF Header": 0x7f 'E' 'L' 'F'.
  elf: { magic: [0x7f, 0x45, 0x4c, 0x46], description: 'an ELF program', group: 'svm' },
  // WebAssembly core spec §5.5.16 "Modules": the magic `\0asm`.
  wasm: { magic: [0x00, 0x61, 0x73, 0x6d], description: 'a WebAssembly module', group: 'wasm' },
  // Move binary format: BinaryConstants::MOVE_MAGIC = [0xA1, 0x1C, 0xEB, 0x0B]
  // (move-binary-format/src/file_format_common.rs).
  move: { magic: [0xa1, 0x1c, 0xeb, 0x0b], description: 'a Move module or script', group: 'move' },
};

/** Which known binary format `bytes` starts with, if any. */
export function detectBinaryFormat(bytes: Uint8Array): BinaryFormat | undefined {
  for (const [name, info] of Object.entries(FORMATS) as [BinaryFormat, FormatInfo][]) {
    if (info.magic.every((b, i) => bytes[i] === b)) return name;
  }
  return undefined;
}

/**
 * Refuses a file in the wrong format before a decoder sees it, naming what it is and which command
 * group reads it: `polyvm svm run x.wasm` says "is a WebAssembly module (use polyvm wasm)", not
 * "UnsupportedSBPFVersion".
 */
export function expectBinaryFormat(bytes: Uint8Array, expected: BinaryFormat, path: string): void {
  const found = detectBinaryFormat(bytes);
  if (found === expected) return;
  const want = FORMATS[expected].description;
  if (found !== undefined) {
    const info = FORMATS[found];
    throw new InvalidArgumentError(
      `"${path}" is ${info.description}, not ${want} (use polyvm ${info.group})`,
    );
  }
  throw new InvalidArgumentError(
    `"${path}" is not ${want} (it does not start with the format's magic bytes)`,
  );
}

/**
 * For commands that read text (hex, assembly): a file that is one of the binary formats above is
 * refused with the same hint.
 */
export function refuseBinaryFormat(bytes: Uint8Array, what: string, path: string): void {
  const found = detectBinaryFormat(bytes);
  if (found === undefined) return;
  const info = FORMATS[found];
  throw new InvalidArgumentError(`"${path}" is ${info.description}, not ${what} (use polyvm ${info.group})`);
}
