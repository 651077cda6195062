import { parseArgs } from 'node:util';
import { formatReport, fuzz } from './harness.js';
import { TARGETS } from './targets.js';

/**
 * `pnpm fuzz [--seconds 60] [--seed 1] [--target runtime|precompiles|analysis|assembler|statetest]`:
 * each target gets the time budget; prints findings (seed and input hex) and exits 1 on any untyped
 * error or hang.
 */
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    seed: { type: 'string', default: '1' },
    target: { type: 'string', multiple: true },
  },
});
const budgetMs = Number(values.seconds) * 1000;
const seed = BigInt(values.seed);
let bad = 0;
for (const name of values.target ?? Object.keys(TARGETS)) {
  const make = TARGETS[name];
  if (!make) {
    console.error(`unknown target ${name}; known: ${Object.keys(TARGETS).join(', ')}`);
    process.exit(2);
  }
  const report = fuzz(make, { budgetMs, seed });
  console.log(formatReport(report));
  for (const f of report.findings)
    console.log(`  ${f.kind} (seed ${seed}, ${f.size} bytes, ${f.inputHex}): ${f.message}`);
  bad += report.untyped + report.hangs;
}
process.exit(bad === 0 ? 0 : 1);
