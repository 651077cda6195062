import { parseArgs } from 'node:util';
import { locateFixtures } from '@polyvm/core';
import { fuzzMove } from '../src/testing/fuzz.js';

/**
 * `pnpm fuzz [--seconds N] [--seed N] [--hang-ms N]`: fuzzes the Move decoder, verifier, BCS and
 * transaction entry points for N seconds (default 600) and prints, per target, inputs tried, typed
 * rejections, untyped errors, hangs and peak memory. Exits 1 if anything untyped or hanging was seen.
 */
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '600' },
    seed: { type: 'string', default: String(0x5eed) },
    'hang-ms': { type: 'string', default: '2000' },
  },
});
const seconds = Number(values.seconds);
const seed = Number(values.seed);
const hangMs = Number(values['hang-ms']);
if (![seconds, seed, hangMs].every((n) => Number.isFinite(n) && n >= 0)) {
  console.error('usage: pnpm fuzz [--seconds N] [--seed N] [--hang-ms N] (non-negative numbers)');
  process.exit(2);
}
const reports = fuzzMove({ seconds, seed, hangMs, fixtures: locateFixtures('move').dir });
console.table(
  reports.map((r) => ({
    target: r.target,
    inputs: r.inputs,
    'typed rejections': r.typedRejections,
    accepted: r.accepted,
    untyped: r.untyped.length,
    hangs: r.hangs.length,
    'peak RSS MiB': r.peakRssMiB,
    seconds: r.seconds,
  })),
);
const bad = reports.flatMap((r) => [...r.untyped, ...r.hangs].map((x) => ({ target: r.target, ...x })));
for (const b of bad) console.error(JSON.stringify(b));
process.exit(bad.length === 0 ? 0 : 1);
