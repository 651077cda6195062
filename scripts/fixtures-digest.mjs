#!/usr/bin/env node
// Prints a digest of the shared fixtures (paths and contents) for turbo's cache key: the fixtures
// live outside the repository, where turbo cannot hash files, so the root scripts pass this digest
// in POLYVM_FIXTURES_DIGEST, which turbo.json lists in the test task's `env`. A run with fixtures
// after a run without them (or after they change) then misses the cache instead of replaying
// "fixtures not found". Resolves the folder as core's `locateFixtures` does.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dir = process.env.POLYVM_FIXTURES
  ? resolve(process.env.POLYVM_FIXTURES)
  : resolve(root, '..', 'shared', 'fixtures');

function files(folder) {
  return readdirSync(folder, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) =>
      e.isDirectory() ? files(join(folder, e.name)) : e.isFile() ? [join(folder, e.name)] : [],
    );
}

if (!existsSync(dir) || !statSync(dir).isDirectory()) {
  process.stdout.write(`absent:${dir}`);
} else {
  const hash = createHash('sha256');
  for (const file of files(dir)) {
    hash.update(`${relative(dir, file)}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  process.stdout.write(`sha256:${hash.digest('hex')}`);
}
