import { analyzeBlocks, type BlockTables } from './blocks.js';

/**
 * Bytecode analysis done once per code: the JUMPDEST map (Yellow Paper §9.4.3: a jump target must be
 * a JUMPDEST byte that is not PUSH data), the straight-line runs checked once at entry (`blocks.ts`)
 * and the PUSH immediates decoded to bigints, so the
 * interpreter's hot loop never re-reads immediate bytes. Bytes past the end of code read as zero
 * (a truncated final PUSH is zero-padded, as every client does).
 */
export interface CodeAnalysis {
  readonly code: Uint8Array;
  /** 1 where `code[pc]` is a valid jump destination. */
  readonly jumpdests: Uint8Array;
  /** The value a PUSH at `pc` pushes; 0n elsewhere. */
  readonly pushValues: bigint[];
  readonly blocks: BlockTables;
}

const PUSH1 = 0x60;
const PUSH32 = 0x7f;
const JUMPDEST = 0x5b;

export function analyzeCode(code: Uint8Array): CodeAnalysis {
  const length = code.length;
  const jumpdests = new Uint8Array(length);
  const pushValues: bigint[] = new Array(length).fill(0n);
  let pc = 0;
  while (pc < length) {
    const op = code[pc]!;
    if (op >= PUSH1 && op <= PUSH32) {
      const n = op - PUSH1 + 1;
      pushValues[pc] = readImmediate(code, pc + 1, n);
      pc += n + 1;
    } else {
      if (op === JUMPDEST) jumpdests[pc] = 1;
      pc++;
    }
  }
  return { code, jumpdests, pushValues, blocks: analyzeBlocks(code) };
}

function readImmediate(code: Uint8Array, start: number, n: number): bigint {
  if (n <= 6) {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + (code[start + i] ?? 0);
    return BigInt(v);
  }
  let hex = '0x';
  for (let i = 0; i < n; i++) hex += (code[start + i] ?? 0).toString(16).padStart(2, '0');
  return BigInt(hex);
}

/** Analyses cached by code hash: deployed code is analysed once per process, like revm's bytecode cache. */
export class AnalysisCache {
  readonly #entries = new Map<string, CodeAnalysis>();
  readonly #capacity: number;

  constructor(capacity = 4096) {
    this.#capacity = capacity;
  }

  get(hashKey: string, code: Uint8Array): CodeAnalysis {
    let hit = this.#entries.get(hashKey);
    if (hit === undefined) {
      if (this.#entries.size >= this.#capacity) this.#entries.clear();
      hit = analyzeCode(code);
      this.#entries.set(hashKey, hit);
    }
    return hit;
  }
}
