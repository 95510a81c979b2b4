import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores, one on two; test files are independent.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // A folder for the run's shared fixtures: one synthetic store, built by the first file that needs it.
    globalSetup: ['test/helpers/global-setup.ts'],
    env: { TZ: 'Europe/London' },
    // The JSON report lets CI print a plain "N passed, N failed" closing line.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/results.json' },
  },
});
