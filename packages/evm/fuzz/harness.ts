import {
  attemptFuzzInput,
  type FuzzReport,
  findingsRecorder,
  fuzzLoop,
  Lcg,
  type MutationDictionary,
  mutateBytes,
  PolyvmError,
  seedsThenMutants,
} from '@polyvm/core';
import { PrecompileFailure } from '../src/precompiles/types.js';

/**
 * A deterministic fuzz loop (an LCG, no Math.random): seeds run first, then mutants of a random
 * seed. A target returns when it accepted an input and throws a `PolyvmError` (or a precompile's
 * `PrecompileFailure`) when it rejected it; a failed receipt is a typed rejection the target reports
 * by returning `'rejected'`. Anything else thrown is an untyped error (a bug). An input slower than
 * `hangMs` is replayed once on a freshly built target and counted as a hang only if it is slow again.
 */
export interface FuzzTarget {
  name: string;
  seeds: Uint8Array[];
  /** Wall-clock bound for one input, when the target's inputs may legitimately run longer than the default. */
  hangMs?: number;
  run(input: Uint8Array): 'accepted' | 'rejected';
}

export type { FuzzFinding, FuzzReport } from '@polyvm/core';

export interface FuzzOptions {
  budgetMs: number;
  seed: bigint;
  hangMs?: number;
  maxSize?: number;
}

/** Opcodes that stress frames, memory and state: CREATE/CALL/SELFDESTRUCT, copies, jumps; a PUSH32 of 0xff… (offsets, lengths, gas, values at their extreme). */
const EVM_DICTIONARY: MutationDictionary = {
  interesting: [
    0x00, 0x01, 0x7f, 0x80, 0xff, 0xf0, 0xf1, 0xf4, 0xf5, 0xfa, 0xff, 0x3e, 0x37, 0x5e, 0x56, 0x5b, 0x52,
    0x20,
  ],
  extreme: [0x7f, ...new Array<number>(32).fill(0xff)],
};

export function mutate(seed: Uint8Array, rng: Lcg, maxSize: number): Uint8Array {
  return mutateBytes(seed, rng, maxSize, EVM_DICTIONARY);
}

function isTyped(error: unknown): boolean {
  return error instanceof PolyvmError || error instanceof PrecompileFailure;
}

/** Every seed once, then mutants of a random seed until the budget is spent (core's `fuzzLoop`). */
export function fuzz(make: () => FuzzTarget, options: FuzzOptions): FuzzReport {
  const rng = new Lcg(options.seed);
  const maxSize = options.maxSize ?? 1 << 16;
  let target = make();
  const recorder = findingsRecorder(20, 256);
  const totals = fuzzLoop({
    budgetMs: options.budgetMs,
    minInputs: target.seeds.length,
    hangMs: options.hangMs ?? target.hangMs ?? 2_000,
    next: seedsThenMutants(target.seeds, rng, (seed) => mutate(seed, rng, maxSize)),
    run: (input) => target.run(input),
    isTyped,
    // Slow once may be GC or a busy machine: replay on a fresh target before calling it a hang.
    replay: (input) => {
      target = make();
      return attemptFuzzInput((i: Uint8Array) => target.run(i), input, isTyped);
    },
    observe: recorder.observe,
  });
  return { target: target.name, ...totals, findings: recorder.findings };
}

export function formatReport(r: FuzzReport): string {
  return `${r.target.padEnd(12)} ${String(r.inputs).padStart(8)} inputs  ${String(r.accepted).padStart(7)} accepted  ${String(r.typedRejections).padStart(7)} typed rejections  ${r.untyped} untyped  ${r.hangs} hangs  peak rss ${r.peakRssMiB} MiB  slowest ${r.slowestMs.toFixed(0)} ms  (${(r.ms / 1000).toFixed(1)} s)`;
}
