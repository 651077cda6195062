import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesOrWarn, PolyvmError } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { verify } from '../verify/verifier.js';
import { deserialize } from './deserialize.js';

const dir = fixturesOrWarn('move', 'mutation robustness of the decoder and verifier');

describe.skipIf(!dir)('mutated real modules', () => {
  it('either decode and verify, or fail with a typed error: never a crash', () => {
    const folder = join(dir!, 'starcoin-framework-v6');
    const binaries = readdirSync(folder).map((f) => new Uint8Array(readFileSync(join(folder, f))));
    // A fixed-seed LCG keeps the mutations reproducible.
    let x = 12345n;
    const next = (n: number): number => {
      x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
      return Number((x >> 33n) % BigInt(n));
    };
    const outcome = { verified: 0, rejected: 0 };
    for (let k = 0; k < 3000; k++) {
      const bytes = binaries[next(binaries.length)]!.slice();
      for (let j = 0, n = 1 + next(3); j < n; j++) bytes[next(bytes.length)] = next(256);
      try {
        verify(deserialize(bytes, { addressWidth: 16 }));
        outcome.verified++;
      } catch (err) {
        if (!(err instanceof PolyvmError)) throw err;
        outcome.rejected++;
      }
    }
    console.log(
      `move fuzz: 3000 mutated Starcoin modules, ${outcome.rejected} rejected with typed errors, ${outcome.verified} still valid`,
    );
    expect(outcome.rejected).toBeGreaterThan(2000);
  });
});
