import { parseArgs } from 'node:util';
import { formatReport, fuzz } from './harness.js';
import { TARGETS } from './targets.js';

/**
 * `pnpm fuzz [--seconds 60] [--target decoder|near-deploy|near-host|cosmwasm] [--seed n]`: each
 * target gets the time budget; exits 1 when any target found an untyped error or a hang.
 */
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    target: { type: 'string', multiple: true },
    seed: { type: 'string', default: '1' },
  },
});
const budgetMs = Number(values.seconds) * 1000;
const names = (values.target ?? Object.keys(TARGETS)) as Array<keyof typeof TARGETS>;
let bad = 0;
for (const name of names) {
  const make = TARGETS[name];
  if (!make) {
    console.error(`unknown target ${name}; known: ${Object.keys(TARGETS).join(', ')}`);
    process.exit(2);
  }
  const report = fuzz(make(), { budgetMs, seed: BigInt(values.seed) });
  console.log(formatReport(report));
  for (const f of report.findings) console.log(`  ${f.kind} (${f.size} bytes, ${f.inputHex}…): ${f.message}`);
  bad += report.untyped + report.hangs;
}
process.exit(bad === 0 ? 0 : 1);
