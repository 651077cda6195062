import { MM_PROGRAM_START } from '../constants.js';
import { type DecodedText, decodeText } from '../decode/instruction.js';
import { hashSymbolName } from './murmur3.js';

/** Internal functions by call key (murmur3 of the name, or of the pc for anonymous targets). */
export type FunctionRegistry = Map<number, { name: string; pc: number }>;

/** A loaded program, ready to run: what sbpf calls an `Executable`. */
export interface Executable {
  /** Relocated `.text` bytes. */
  readonly text: Uint8Array;
  /** Virtual address of `.text[0]`. */
  readonly textVaddr: bigint;
  readonly decoded: DecodedText;
  /** Entrypoint as an instruction slot in `.text`. */
  readonly entryPc: number;
  readonly functions: FunctionRegistry;
  /** The read-only program region: `bytes` are mapped at `MM_PROGRAM_START + start`. */
  readonly ro: { start: number; bytes: Uint8Array };
  /**
   * Syscall symbols the loader's registry does not know, sorted (only filled when loading without
   * `reject_broken_elfs`: a call to one of them fails at run time, and deploying it is refused).
   */
  readonly unresolvedSyscalls?: readonly string[];
}

/**
 * An executable straight from instruction bytes (as sbpf `Executable::new_from_text_bytes`):
 * text mapped at the start of the program region, `entrypoint` at `entryPc`.
 */
export function executableFromText(
  text: Uint8Array,
  functions: FunctionRegistry = new Map(),
  entryPc = 0,
): Executable {
  const registry: FunctionRegistry = new Map(functions);
  registry.set(hashSymbolName('entrypoint'), { name: 'entrypoint', pc: entryPc });
  return {
    text,
    textVaddr: BigInt(MM_PROGRAM_START),
    decoded: decodeText(text),
    entryPc,
    functions: registry,
    ro: { start: 0, bytes: text },
  };
}
