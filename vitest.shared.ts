import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript sources under the `polyvm-source` condition, so tests
// and typechecks see each other's current source without a build step.
const conditions = ['polyvm-source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
