import { run } from 'mitata';
import { meteringGroups } from './metering.js';

/** `pnpm bench:metering`: only the metered/plain ratios. */
await meteringGroups();
await run();
