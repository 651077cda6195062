import { DecodeError } from '@polyvm/core';

/** The upstream variant names of sbpf `ElfError`, so results compare one-to-one with the reference. */
export type ElfErrorKind =
  | 'FailedToParse'
  | 'EntrypointOutOfBounds'
  | 'InvalidEntrypoint'
  | 'SectionNotFound'
  | 'RelativeJumpOutOfBounds'
  | 'SymbolHashCollision'
  | 'WrongEndianess'
  | 'WrongAbi'
  | 'WrongMachine'
  | 'WrongClass'
  | 'NotOneTextSection'
  | 'WritableSectionNotSupported'
  | 'InvalidVirtualAddress'
  | 'UnknownRelocation'
  | 'WrongType'
  | 'UnknownSymbol'
  | 'UnresolvedSymbol'
  | 'ValueOutOfBounds'
  | 'UnsupportedSBPFVersion'
  | 'InvalidProgramHeader';

/** A program the loader rejects; `kind` is the sbpf `ElfError` variant, `detail` its payload. */
export class ElfError extends DecodeError {
  override name = 'ElfError';
  readonly kind: ElfErrorKind;
  constructor(kind: ElfErrorKind, detail?: string | number) {
    super(detail === undefined ? kind : `${kind}(${detail})`, { details: { kind, detail } });
    this.kind = kind;
  }
}

/** sbpf `ElfParserError`, mapped into ElfError the way `impl From<ElfParserError> for ElfError` does. */
export type ElfParserErrorKind =
  | 'InvalidFileHeader'
  | 'InvalidProgramHeader'
  | 'InvalidSectionHeader'
  | 'InvalidString'
  | 'StringTooLong'
  | 'OutOfBounds'
  | 'InvalidSize'
  | 'Overlap'
  | 'SectionNotInOrder'
  | 'NoSectionNameStringTable'
  | 'InvalidDynamicSectionTable'
  | 'InvalidRelocationTable'
  | 'InvalidAlignment'
  | 'NoStringTable'
  | 'NoDynamicStringTable';

export function parserError(kind: ElfParserErrorKind, detail?: string): ElfError {
  if (kind === 'InvalidProgramHeader') return new ElfError('InvalidProgramHeader');
  if (kind === 'OutOfBounds') return new ElfError('ValueOutOfBounds');
  return new ElfError('FailedToParse', detail === undefined ? kind : `${kind}: ${detail}`);
}
