import { prepareModule } from '../src/engine/compile.js';
import { SPEC_PROFILE } from '../src/profile.js';
import { syntheticModule } from './synthetic.js';

/** Repeats decode+validate+instrument of a 1 MB module, for `node --cpu-prof` sessions. */
const bytes = await syntheticModule(1 << 20);
for (let i = 0; i < 20; i++) {
  const t = performance.now();
  const prepared = prepareModule(bytes, SPEC_PROFILE);
  console.log(
    `${bytes.length} bytes -> ${prepared.instrumented.length} bytes in ${(performance.now() - t).toFixed(1)} ms`,
  );
}
