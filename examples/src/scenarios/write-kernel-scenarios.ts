import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kernelScenarioFiles } from './kernel-scenarios.js';

/** Rewrites scenarios/kernels/*.yaml from the sources (`pnpm --filter @polyvm/examples kernels`). */
const dir = join(import.meta.dirname, '../../scenarios/kernels');
for (const [file, text] of Object.entries(kernelScenarioFiles())) writeFileSync(join(dir, file), text);
console.log(`wrote ${Object.keys(kernelScenarioFiles()).length} kernel scenarios to ${dir}`);
