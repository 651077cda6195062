/**
 * Median CPU milliseconds per call of each function, measured in alternating rounds so that machine
 * load (two shared cores) weighs on every variant alike; CPU time (`process.cpuUsage`) leaves out
 * the time the process waits for a core. Each round times `calls` calls per variant.
 */
export function interleavedMedians(fns: readonly (() => unknown)[], rounds = 41, calls = 10): number[] {
  for (const f of fns) for (let i = 0; i < calls; i++) f(); // warm-up
  const samples: number[][] = fns.map(() => []);
  for (let r = 0; r < rounds; r++) {
    fns.forEach((f, i) => {
      const t = process.cpuUsage();
      for (let c = 0; c < calls; c++) f();
      const d = process.cpuUsage(t);
      samples[i]!.push((d.user + d.system) / 1000 / calls);
    });
  }
  return samples.map((s) => s.sort((a, b) => a - b)[s.length >> 1]!);
}
