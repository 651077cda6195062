import {
  type FuzzReport,
  findingsRecorder,
  fuzzLoop,
  Lcg,
  type MutationDictionary,
  mutateBytes,
  seedsThenMutants,
} from '@polyvm/core';

/**
 * A bounded, deterministic fuzz loop: mutates seed inputs with an LCG (no Math.random), runs each
 * through a target and classifies what happens. A target returns normally when it accepted the
 * input and throws a typed `PolyvmError` when it rejected it; anything else it throws is an
 * untyped error (a bug). An input that takes longer than `hangMs` is reported as a hang (runs are
 * in-process and synchronous, so a true infinite loop would stop the run itself: gas and the size
 * caps are what keep every path bounded).
 */
export interface FuzzTarget {
  name: string;
  seeds: Uint8Array[];
  run(input: Uint8Array): void;
}

export type { FuzzFinding, FuzzReport } from '@polyvm/core';

export interface FuzzOptions {
  /** Wall-clock budget for the whole run. */
  budgetMs: number;
  maxInputs?: number;
  seed?: bigint;
  hangMs?: number;
  /** Largest mutant; growth beyond it is cut. */
  maxSize?: number;
}

/**
 * Byte values that break parsers: LEB128 continuations, type codes, section ids, the extremes; and
 * an oversized LEB128, a count or length claiming far more than is there.
 */
const WASM_DICTIONARY: MutationDictionary = {
  interesting: [0x00, 0x01, 0x40, 0x7f, 0x80, 0xff, 0x0b, 0x0e, 0x60, 0x70, 0x7e, 0x10, 0x02, 0x03],
  extreme: [0xff, 0xff, 0xff, 0xff, 0x0f],
};

export function mutate(seed: Uint8Array, rng: Lcg, maxSize: number): Uint8Array {
  return mutateBytes(seed, rng, maxSize, WASM_DICTIONARY);
}

/** Seeds unmutated first, then mutants of a random seed, until the budget is spent (core's `fuzzLoop`). */
export function fuzz(target: FuzzTarget, options: FuzzOptions): FuzzReport {
  const rng = new Lcg(options.seed ?? 1n);
  const maxSize = options.maxSize ?? 1 << 20;
  const recorder = findingsRecorder(20, 64);
  const totals = fuzzLoop({
    budgetMs: options.budgetMs,
    ...(options.maxInputs === undefined ? {} : { maxInputs: options.maxInputs }),
    hangMs: options.hangMs ?? 2_000,
    next: seedsThenMutants(target.seeds, rng, (seed) => mutate(seed, rng, maxSize)),
    run: (input) => {
      target.run(input);
      return undefined;
    },
    observe: recorder.observe,
  });
  return { target: target.name, ...totals, findings: recorder.findings };
}

export function formatReport(r: FuzzReport): string {
  return `${r.target.padEnd(14)} ${String(r.inputs).padStart(8)} inputs  ${String(r.accepted).padStart(7)} accepted  ${String(r.typedRejections).padStart(7)} typed rejections  ${r.untyped} untyped  ${r.hangs} hangs  peak rss ${r.peakRssMiB} MiB, heap ${r.peakHeapMiB} MiB  (${(r.ms / 1000).toFixed(1)} s)`;
}
