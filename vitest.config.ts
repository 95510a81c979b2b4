import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Vitest's default on two cores is one worker; files are independent, so use both.
    maxWorkers: 2,
    // One synthetic store per run, shared by the files that test the whole model.
    globalSetup: ['test/helpers/global-setup.ts'],
    env: { TZ: 'Europe/London' },
    // The JSON report lets CI print a plain "N passed, N failed" closing line.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/results.json' },
  },
});
