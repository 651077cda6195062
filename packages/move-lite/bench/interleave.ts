/**
 * Median milliseconds per call of each function, measured in alternating rounds so that machine
 * load (two shared cores) weighs on every variant alike. Each round times `calls` calls per variant.
 */
export function interleavedMedians(fns: readonly (() => unknown)[], rounds = 21, calls = 10): number[] {
  for (const f of fns) for (let i = 0; i < calls; i++) f(); // warm-up
  const samples: number[][] = fns.map(() => []);
  for (let r = 0; r < rounds; r++) {
    fns.forEach((f, i) => {
      const t = performance.now();
      for (let c = 0; c < calls; c++) f();
      samples[i]!.push((performance.now() - t) / calls);
    });
  }
  return samples.map((s) => s.sort((a, b) => a - b)[s.length >> 1]!);
}
