import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql ships .mjs and .js builds; one realm for every importer avoids the dual-package hazard.
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Files run in parallel workers; each test file starts its own sandboxes on port 0.
    pool: 'forks',
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
