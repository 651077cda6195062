import { parseArgs } from 'node:util';
import { fixturesOrWarn } from '@polyvm/core';
import { formatReport, runFuzz } from './harness.js';

/** `pnpm fuzz [--seconds 600] [--seed 1]`: exits 1 when an input ends untyped, hangs or leaks state. */
const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '600' }, seed: { type: 'string', default: '1' } },
});
const seconds = Number(values.seconds);
const seed = Number(values.seed);
if (!Number.isFinite(seconds) || seconds <= 0 || !Number.isInteger(seed)) {
  console.error('usage: fuzz [--seconds <positive number>] [--seed <integer>]');
  process.exit(2);
}
const fixtures = fixturesOrWarn('svm/programs', 'mutating real programs in the fuzz harness');
const started = performance.now();
const report = runFuzz({ durationMs: seconds * 1000, seed, fixtures });
for (const line of formatReport(report, (performance.now() - started) / 1000)) console.log(line);
process.exit(report.untypedErrors + report.hangs + report.leakedState > 0 ? 1 : 0);
