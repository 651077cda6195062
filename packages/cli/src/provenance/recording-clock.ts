/**
 * Wraps the harness's clock to keep every reading. The harness reads the clock exactly twice per
 * run (before and after), so consecutive pairs are the raw per-run times, warm-up runs first.
 */
export function recordingClock(clock: () => number): { now: () => number; samples(skip: number): number[] } {
  const readings: number[] = [];
  return {
    now() {
      const t = clock();
      readings.push(t);
      return t;
    },
    samples(skip) {
      const out: number[] = [];
      for (let i = 0; i + 1 < readings.length; i += 2) out.push(readings[i + 1]! - readings[i]!);
      return out.slice(skip);
    },
  };
}
