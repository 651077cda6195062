import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesOrWarn, PolyvmError } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { deserialize } from './deserialize.js';
import { serialize } from './serialize.js';

const dir = fixturesOrWarn('move', 'Move binary-format round trip');

interface Entry {
  path: string;
  addr_len: number;
  kind: string;
  version: string;
}

describe.skipIf(!dir)('round trip on the shared Move fixtures', () => {
  it('decodes and re-encodes every accepted fixture byte for byte; rejects the rest with a typed error', () => {
    const manifest = JSON.parse(readFileSync(join(dir!, 'MANIFEST.json'), 'utf8')) as Entry[];
    let accepted = 0;
    const rejected: string[] = [];
    for (const entry of manifest) {
      const bytes = readFileSync(join(dir!, entry.path));
      try {
        const unit = deserialize(bytes, { addressWidth: entry.addr_len });
        expect(unit.kind, entry.path).toBe(entry.kind);
        expect(Buffer.from(serialize(unit)).equals(bytes), entry.path).toBe(true);
        accepted++;
      } catch (err) {
        expect(err, entry.path).toBeInstanceOf(PolyvmError);
        rejected.push(`${entry.path}: ${(err as Error).message}`);
      }
    }
    console.log(
      `move round trip: ${accepted}/${manifest.length} fixtures accepted byte-exact; rejected:\n  ${rejected.join('\n  ')}`,
    );
    // Every v4–v7 fixture must be accepted; only the v1/v2 ones are refused.
    const unsupported = manifest.filter((e) => ['0x1', '0x2'].includes(e.version)).length;
    expect(unsupported).toBe(2);
    expect(accepted).toBe(manifest.length - unsupported);
    expect(readdirSync(join(dir!, 'starcoin-framework-v6')).length).toBeGreaterThan(90);
  });
});
