import {
  DecodeError,
  expectBinaryFormat,
  InvalidArgumentError,
  PolyvmError,
  parseUserInput,
  readInputFile,
} from '@polyvm/core';
import { assembleToBytes } from '../asm/assemble.js';
import { deserialize } from '../binary/deserialize.js';
import type { CompiledUnit } from '../binary/types.js';

export type AddressWidth = 16 | 32;

/** Sui/Aptos use 32-byte addresses; Starcoin and Diem 16 (their `AccountAddress::LENGTH`). */
const WIDTHS: readonly AddressWidth[] = [32, 16];

/** `--address-width`: 16, 32, or absent for "detect from the file". */
export function addressWidthOption(value: string | undefined): AddressWidth | undefined {
  if (value === undefined) return undefined;
  if (value === '16' || value === '32') return Number(value) as AddressWidth;
  throw new InvalidArgumentError(`--address-width must be 16 or 32, got "${value}"`);
}

export interface LoadedUnit {
  code: Uint8Array;
  unit: CompiledUnit;
  addressWidth: AddressWidth;
}

/**
 * Reads a `.mv` binary or assembles a `.masm` file, then deserializes it. Without `--address-width`
 * the width is detected: the one under which the binary deserializes (32 first). With an explicit
 * width that fails while the other works, the error says so instead of a bare decode error.
 */
export function loadUnit(path: string, width: AddressWidth | undefined): LoadedUnit {
  const raw = readInputFile(path, 'Move file');
  if (path.endsWith('.masm')) {
    const addressWidth = width ?? 32;
    const source = new TextDecoder().decode(raw);
    const code = parseUserInput('Move assembly', () => assembleToBytes(source, { addressWidth }));
    return { code, unit: deserialize(code, { addressWidth }), addressWidth };
  }
  expectBinaryFormat(raw, 'move', path);
  const attempt = (addressWidth: AddressWidth): LoadedUnit | PolyvmError => {
    try {
      return { code: raw, unit: deserialize(raw, { addressWidth }), addressWidth };
    } catch (err) {
      if (err instanceof PolyvmError) return err;
      throw err;
    }
  };
  const first = attempt(width ?? WIDTHS[0]!);
  if (!(first instanceof PolyvmError)) return first;
  const other = WIDTHS.find((w) => w !== (width ?? WIDTHS[0]));
  const second = other === undefined ? first : attempt(other);
  if (second instanceof PolyvmError) throw first;
  if (width === undefined) return second;
  throw new DecodeError(
    `"${path}" does not deserialize with --address-width ${width}, but does with --address-width ${other}`,
    { cause: first },
  );
}
