import { PolyvmError } from '@polyvm/core';
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
  /** The slowest single input's wall time (first attempt), to show how far inputs stay below `hangMs`. */
  slowestMs: number;
  ms: number;
  findings: FuzzFinding[];
}

export interface FuzzOptions {
  budgetMs: number;
  seed: bigint;
  hangMs?: number;
  maxSize?: number;
}

/** Knuth's MMIX LCG. */
export class Lcg {
  #x: bigint;
  constructor(seed: bigint) {
    this.#x = seed;
  }
  next(): number {
    this.#x = (this.#x * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    return Number(this.#x >> 33n);
  }
  below(n: number): number {
    return n <= 0 ? 0 : this.next() % n;
  }
}

/** Opcodes that stress frames, memory and state: CREATE/CALL/SELFDESTRUCT, copies, jumps, 0xff words. */
const INTERESTING = [
  0x00, 0x01, 0x7f, 0x80, 0xff, 0xf0, 0xf1, 0xf4, 0xf5, 0xfa, 0xff, 0x3e, 0x37, 0x5e, 0x56, 0x5b, 0x52, 0x20,
];

export function mutate(seed: Uint8Array, rng: Lcg, maxSize: number): Uint8Array {
  const out = Array.from(seed);
  const rounds = 1 + rng.below(4);
  for (let r = 0; r < rounds; r++) {
    const at = rng.below(out.length + 1);
    switch (rng.below(6)) {
      case 0:
        if (out.length) out[Math.min(at, out.length - 1)] = rng.below(256);
        break;
      case 1:
        if (out.length) out[Math.min(at, out.length - 1)] = INTERESTING[rng.below(INTERESTING.length)]!;
        break;
      case 2:
        out.splice(at, 0, ...Array.from({ length: 1 + rng.below(8) }, () => rng.below(256)));
        break;
      case 3:
        out.splice(at, 1 + rng.below(8));
        break;
      case 4:
        // A huge word: PUSH32 of 0xff.. (offsets, lengths, gas, values at their extreme).
        out.splice(at, 0, 0x7f, ...new Array<number>(32).fill(0xff));
        break;
      default: {
        const from = rng.below(out.length);
        out.splice(at, 0, ...out.slice(from, from + 1 + rng.below(32)));
      }
    }
  }
  return Uint8Array.from(out.length > maxSize ? out.slice(0, maxSize) : out);
}

const MIB = 1024 * 1024;

function isTyped(error: unknown): boolean {
  return error instanceof PolyvmError || error instanceof PrecompileFailure;
}

/** Runs one input; returns the outcome and its wall-clock time. */
function attempt(
  target: FuzzTarget,
  input: Uint8Array,
): { outcome: 'accepted' | 'rejected' | Error; ms: number } {
  const t0 = performance.now();
  let outcome: 'accepted' | 'rejected' | Error;
  try {
    outcome = target.run(input);
  } catch (error) {
    outcome = isTyped(error) ? 'rejected' : error instanceof Error ? error : new Error(String(error));
  }
  return { outcome, ms: performance.now() - t0 };
}

export function fuzz(make: () => FuzzTarget, options: FuzzOptions): FuzzReport {
  const rng = new Lcg(options.seed);
  const maxSize = options.maxSize ?? 1 << 16;
  let target = make();
  const hangMs = options.hangMs ?? target.hangMs ?? 2_000;
  const report: FuzzReport = {
    target: target.name,
    inputs: 0,
    accepted: 0,
    typedRejections: 0,
    untyped: 0,
    hangs: 0,
    peakRssMiB: 0,
    slowestMs: 0,
    ms: 0,
    findings: [],
  };
  const record = (finding: FuzzFinding) => {
    if (report.findings.length < 20) report.findings.push(finding);
  };
  const start = performance.now();
  while (performance.now() - start < options.budgetMs || report.inputs < target.seeds.length) {
    const input =
      report.inputs < target.seeds.length
        ? target.seeds[report.inputs]!
        : mutate(target.seeds[rng.below(target.seeds.length)]!, rng, maxSize);
    report.inputs++;
    let { outcome, ms } = attempt(target, input);
    if (ms > report.slowestMs) report.slowestMs = ms;
    if (ms > hangMs) {
      // Slow once may be GC or a busy machine: replay on a fresh target before calling it a hang.
      target = make();
      ({ outcome, ms } = attempt(target, input));
      if (ms > hangMs) {
        report.hangs++;
        record({ kind: 'hang', message: `${ms.toFixed(0)} ms`, inputHex: hex(input), size: input.length });
      }
    }
    if (outcome === 'accepted') report.accepted++;
    else if (outcome === 'rejected') report.typedRejections++;
    else {
      report.untyped++;
      record({
        kind: 'untyped',
        message: String(outcome.stack ?? outcome).slice(0, 400),
        inputHex: hex(input),
        size: input.length,
      });
    }
    if (report.inputs % 16 === 0) sampleMemory(report);
  }
  sampleMemory(report);
  report.ms = performance.now() - start;
  return report;
}

const hex = (b: Uint8Array) => Buffer.from(b.subarray(0, 256)).toString('hex');

function sampleMemory(report: FuzzReport): void {
  report.peakRssMiB = Math.max(report.peakRssMiB, Math.round(process.memoryUsage().rss / MIB));
}

export function formatReport(r: FuzzReport): string {
  return `${r.target.padEnd(12)} ${String(r.inputs).padStart(8)} inputs  ${String(r.accepted).padStart(7)} accepted  ${String(r.typedRejections).padStart(7)} typed rejections  ${r.untyped} untyped  ${r.hangs} hangs  peak rss ${r.peakRssMiB} MiB  slowest ${r.slowestMs.toFixed(0)} ms  (${(r.ms / 1000).toFixed(1)} s)`;
}
