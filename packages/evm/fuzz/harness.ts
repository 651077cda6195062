import {
  attemptFuzzInput,
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

export interface FuzzFinding {
  kind: 'untyped' | 'hang';
  message: string;
  inputHex: string;
  size: number;
}

export interface FuzzReport {
  target: string;
  inputs: number;
  accepted: number;
  typedRejections: number;
  untyped: number;
  hangs: number;
  peakRssMiB: number;
  ms: number;
  findings: FuzzFinding[];
}

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
  const findings: FuzzFinding[] = [];
  const record = (finding: FuzzFinding) => {
    if (findings.length < 20) findings.push(finding);
  };
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
      return attemptOnce(target, input);
    },
    observe: (step) => {
      if (step.hang)
        record({
          kind: 'hang',
          message: `${step.ms.toFixed(0)} ms`,
          inputHex: hex(step.input),
          size: step.input.length,
        });
      if (step.outcome === 'untyped') {
        const error = step.error instanceof Error ? step.error : new Error(String(step.error));
        record({
          kind: 'untyped',
          message: String(error.stack ?? error).slice(0, 400),
          inputHex: hex(step.input),
          size: step.input.length,
        });
      }
    },
  });
  return { target: target.name, ...totals, findings };
}

function attemptOnce(target: FuzzTarget, input: Uint8Array) {
  return attemptFuzzInput((i: Uint8Array) => target.run(i), input, isTyped);
}

const hex = (b: Uint8Array) => Buffer.from(b.subarray(0, 256)).toString('hex');

export function formatReport(r: FuzzReport): string {
  return `${r.target.padEnd(12)} ${String(r.inputs).padStart(8)} inputs  ${String(r.accepted).padStart(7)} accepted  ${String(r.typedRejections).padStart(7)} typed rejections  ${r.untyped} untyped  ${r.hangs} hangs  peak rss ${r.peakRssMiB} MiB  (${(r.ms / 1000).toFixed(1)} s)`;
}
