import os from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'server/**/*.test.ts', 'web/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default on two cores is one file at a time, and much of the suite waits (a post due
    // at the next minute, the Bluesky network, Chromium): two files at once halve that wait.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    // Browser and API checks poll; CI runs many files at once on two cores, so allow them time.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    // CI (.ci/run) reads a JSON report beside the usual output; `npm run verify` stays as it is.
    reporters: process.env.TORGET_TEST_REPORT ? ['default', 'json'] : ['default'],
    ...(process.env.TORGET_TEST_REPORT && {
      outputFile: { json: process.env.TORGET_TEST_REPORT },
    }),
  },
})
