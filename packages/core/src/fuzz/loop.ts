import { PolyvmError } from '../errors.js';

/** How one input ended: accepted, refused with a typed error, or an untyped error (a bug). */
export type FuzzOutcome = 'accepted' | 'rejected' | 'untyped';

/** One input's run. */
export interface FuzzAttempt {
  outcome: FuzzOutcome;
  /** The error thrown, for an untyped outcome. */
  error?: unknown;
  ms: number;
}

/** What the loop tells the harness about each input. */
export interface FuzzStep<I> extends FuzzAttempt {
  index: number;
  input: I;
  /** Slower than `hangMs`, and again when replayed (when the harness replays). */
  hang: boolean;
  /** Slower than `hangMs` once but not when replayed: a loaded machine, a cold compile. */
  slowOnce: boolean;
}

export interface FuzzLoopOptions<I> {
  /** Wall-clock budget for the whole loop. */
  budgetMs: number;
  /** Stop after this many inputs even within the budget. */
  maxInputs?: number;
  /** Run at least this many inputs even past the budget (e.g. every seed once). */
  minInputs?: number;
  /** One input slower than this is a hang. */
  hangMs: number;
  /** The input of the `index`-th run (seeds first, then mutants: the harness decides). */
  next(index: number): I;
  /**
   * Runs one input. Returning (or returning 'accepted') accepts it; returning 'rejected' is a typed
   * refusal the target saw itself (a failed receipt); throwing is classified by `isTyped`.
   */
  run(input: I): 'accepted' | 'rejected' | undefined;
  /** Which thrown errors are typed refusals; default: a `PolyvmError`. */
  isTyped?(error: unknown): boolean;
  /**
   * Replays an input that was slow once (on a fresh target, say) and returns that attempt; the
   * input is a hang only if the replay is slow too. Without it, slow once is a hang.
   */
  replay?(input: I, first: FuzzAttempt): FuzzAttempt;
  /** Sees every input's result, in order (to record findings, count per target…). */
  observe?(step: FuzzStep<I>): void;
}

/** Counts over the whole loop. */
export interface FuzzTotals {
  inputs: number;
  accepted: number;
  typedRejections: number;
  untyped: number;
  hangs: number;
  slowOnce: number;
  peakRssMiB: number;
  peakHeapMiB: number;
  /** The slowest single input's wall time (first attempt): how far inputs stay below `hangMs`. */
  slowestMs: number;
  ms: number;
}

const MIB = 1024 * 1024;

/** Runs `run(input)` once, timed, and classifies what happened. */
export function attemptFuzzInput<I>(
  run: (input: I) => 'accepted' | 'rejected' | undefined,
  input: I,
  isTyped: (error: unknown) => boolean = (error) => error instanceof PolyvmError,
): FuzzAttempt {
  const t0 = performance.now();
  try {
    const outcome = run(input) ?? 'accepted';
    return { outcome, ms: performance.now() - t0 };
  } catch (error) {
    const ms = performance.now() - t0;
    return isTyped(error) ? { outcome: 'rejected', ms } : { outcome: 'untyped', error, ms };
  }
}

/**
 * The loop every polyvm fuzzer shares: inputs from `next` until the budget (or `maxInputs`) is
 * spent, each run, timed and classified, slow ones replayed once, memory sampled every 16 inputs.
 * Deterministic apart from timing: the harness's own seeded generator makes the inputs.
 */
export function fuzzLoop<I>(options: FuzzLoopOptions<I>): FuzzTotals {
  const totals: FuzzTotals = {
    inputs: 0,
    accepted: 0,
    typedRejections: 0,
    untyped: 0,
    hangs: 0,
    slowOnce: 0,
    peakRssMiB: 0,
    peakHeapMiB: 0,
    slowestMs: 0,
    ms: 0,
  };
  const start = performance.now();
  const maxInputs = options.maxInputs ?? Number.POSITIVE_INFINITY;
  const minInputs = options.minInputs ?? 0;
  while (
    totals.inputs < maxInputs &&
    (performance.now() - start < options.budgetMs || totals.inputs < minInputs)
  ) {
    const index = totals.inputs;
    const input = options.next(index);
    let attempt = attemptFuzzInput(options.run, input, options.isTyped);
    if (attempt.ms > totals.slowestMs) totals.slowestMs = attempt.ms;
    let hang = false;
    let slowOnce = false;
    if (attempt.ms > options.hangMs) {
      const again = options.replay ? options.replay(input, attempt) : attempt;
      hang = again.ms > options.hangMs;
      slowOnce = !hang;
      attempt = again;
    }
    totals.inputs++;
    if (attempt.outcome === 'accepted') totals.accepted++;
    else if (attempt.outcome === 'rejected') totals.typedRejections++;
    else totals.untyped++;
    if (hang) totals.hangs++;
    if (slowOnce) totals.slowOnce++;
    options.observe?.({ ...attempt, index, input, hang, slowOnce });
    if (totals.inputs % 16 === 0) sampleMemory(totals);
  }
  sampleMemory(totals);
  totals.ms = performance.now() - start;
  return totals;
}

function sampleMemory(totals: FuzzTotals): void {
  const m = process.memoryUsage();
  totals.peakRssMiB = Math.max(totals.peakRssMiB, Math.round(m.rss / MIB));
  totals.peakHeapMiB = Math.max(totals.peakHeapMiB, Math.round(m.heapUsed / MIB));
}

/** An input worth a look: it threw an untyped error or hung. */
export interface FuzzFinding {
  kind: 'untyped' | 'hang';
  message: string;
  /** The first bytes of the input, hex, to reproduce from. */
  inputHex: string;
  size: number;
  /** How long it took (hangs). */
  ms: number;
}

/** A harness's report on one target: the loop's totals and the first findings. */
export interface FuzzReport extends FuzzTotals {
  target: string;
  findings: FuzzFinding[];
}

/**
 * An `observe` that keeps the first `max` findings: untyped errors (their stack, cut to 400
 * characters) and hangs, each with the first `hexBytes` bytes of its input.
 */
export function findingsRecorder(
  max = 20,
  hexBytes = 256,
): { findings: FuzzFinding[]; observe(step: FuzzStep<Uint8Array>): void } {
  const findings: FuzzFinding[] = [];
  const record = (step: FuzzStep<Uint8Array>, kind: FuzzFinding['kind'], message: string) => {
    if (findings.length >= max) return;
    const inputHex = Buffer.from(step.input.subarray(0, hexBytes)).toString('hex');
    findings.push({ kind, message, inputHex, size: step.input.length, ms: step.ms });
  };
  return {
    findings,
    observe(step) {
      if (step.outcome === 'untyped') {
        const error = step.error as Error | undefined;
        record(step, 'untyped', String(error?.stack ?? error).slice(0, 400));
      }
      if (step.hang) record(step, 'hang', `${step.ms.toFixed(0)} ms`);
    },
  };
}
