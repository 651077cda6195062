import { PolyvmError } from '@polyvm/core';

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

export interface FuzzFinding {
  kind: 'untyped' | 'hang';
  message: string;
  ms: number;
  /** The first bytes of the input, hex, to reproduce from. */
  input: string;
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
  peakHeapMiB: number;
  ms: number;
  findings: FuzzFinding[];
}

export interface FuzzOptions {
  /** Wall-clock budget for the whole run. */
  budgetMs: number;
  maxInputs?: number;
  seed?: bigint;
  hangMs?: number;
  /** Largest mutant; growth beyond it is cut. */
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

/** Byte values that break parsers: LEB128 continuations, type codes, section ids, the extremes. */
const INTERESTING = [0x00, 0x01, 0x40, 0x7f, 0x80, 0xff, 0x0b, 0x0e, 0x60, 0x70, 0x7e, 0x10, 0x02, 0x03];

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
        // An oversized LEB128: a count or length claiming far more than is there.
        out.splice(at, 0, 0xff, 0xff, 0xff, 0xff, 0x0f);
        break;
      default: {
        // Duplicate a slice (repeated sections, nested blocks).
        const from = rng.below(out.length);
        out.splice(at, 0, ...out.slice(from, from + 1 + rng.below(32)));
      }
    }
  }
  return Uint8Array.from(out.length > maxSize ? out.slice(0, maxSize) : out);
}

const hex = (b: Uint8Array) => Buffer.from(b.subarray(0, 64)).toString('hex');
const MIB = 1024 * 1024;

export function fuzz(target: FuzzTarget, options: FuzzOptions): FuzzReport {
  const rng = new Lcg(options.seed ?? 1n);
  const hangMs = options.hangMs ?? 2_000;
  const maxSize = options.maxSize ?? 1 << 20;
  const report: FuzzReport = {
    target: target.name,
    inputs: 0,
    accepted: 0,
    typedRejections: 0,
    untyped: 0,
    hangs: 0,
    peakRssMiB: 0,
    peakHeapMiB: 0,
    ms: 0,
    findings: [],
  };
  const start = performance.now();
  const record = (finding: FuzzFinding) => {
    if (report.findings.length < 20) report.findings.push(finding);
  };
  while (performance.now() - start < options.budgetMs && report.inputs < (options.maxInputs ?? Infinity)) {
    // Seeds run unmutated first, then mutants of a random seed.
    const input =
      report.inputs < target.seeds.length
        ? target.seeds[report.inputs]!
        : mutate(target.seeds[rng.below(target.seeds.length)]!, rng, maxSize);
    report.inputs++;
    const t0 = performance.now();
    try {
      target.run(input);
      report.accepted++;
    } catch (err) {
      if (err instanceof PolyvmError) report.typedRejections++;
      else {
        report.untyped++;
        record({
          kind: 'untyped',
          message: String((err as Error)?.stack ?? err).slice(0, 400),
          ms: 0,
          input: hex(input),
          size: input.length,
        });
      }
    }
    const ms = performance.now() - t0;
    if (ms > hangMs) {
      report.hangs++;
      record({ kind: 'hang', message: `${ms.toFixed(0)} ms`, ms, input: hex(input), size: input.length });
    }
    if (report.inputs % 16 === 0) sampleMemory(report);
  }
  sampleMemory(report);
  report.ms = performance.now() - start;
  return report;
}

function sampleMemory(report: FuzzReport): void {
  const m = process.memoryUsage();
  report.peakRssMiB = Math.max(report.peakRssMiB, Math.round(m.rss / MIB));
  report.peakHeapMiB = Math.max(report.peakHeapMiB, Math.round(m.heapUsed / MIB));
}

export function formatReport(r: FuzzReport): string {
  return `${r.target.padEnd(14)} ${String(r.inputs).padStart(8)} inputs  ${String(r.accepted).padStart(7)} accepted  ${String(r.typedRejections).padStart(7)} typed rejections  ${r.untyped} untyped  ${r.hangs} hangs  peak rss ${r.peakRssMiB} MiB, heap ${r.peakHeapMiB} MiB  (${(r.ms / 1000).toFixed(1)} s)`;
}
