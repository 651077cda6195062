import { run } from 'mitata';
import { meteringGroups, meteringRatios } from './metering.js';

/** `pnpm bench:metering`: only the metered/plain ratios (interleaved medians, then mitata). */
const ratios = await meteringRatios();
console.log('metered / plain V8, medians of interleaved rounds:');
for (const [name, ratio] of Object.entries(ratios)) console.log(`  ${name}: ${ratio.toFixed(3)}×`);
await meteringGroups();
await run();
