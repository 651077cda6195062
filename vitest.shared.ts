import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript sources under the `polyvm-source` condition, so tests
// and typechecks see each other's current source without a build step.
const conditions = ['polyvm-source', 'module', 'node', 'development|production'];

// Turbo cannot hash the fixtures (they live outside the repository): the root `pnpm test` passes
// their digest in POLYVM_FIXTURES_DIGEST, part of the test task's cache key. Without it a cached
// "fixtures not found" could be replayed after the fixtures appear, so say so loudly.
// biome-ignore lint/suspicious/noUndeclaredEnvVars: TURBO_HASH only tells that turbo runs this task.
if (process.env.TURBO_HASH && !process.env.POLYVM_FIXTURES_DIGEST) {
  console.warn(
    '!!! POLYVM_FIXTURES_DIGEST is not set: this cached result does not depend on the fixtures. Run `pnpm test` (or set it from scripts/fixtures-digest.mjs).',
  );
}

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
