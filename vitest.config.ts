import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'server/**/*.test.ts', 'web/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Browser and API checks poll; CI runs many files at once on two cores, so allow them time.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    // CI (.ci/run) reads a JSON report beside the usual output; `npm run verify` stays as it is.
    reporters: process.env.TORGET_TEST_REPORT ? ['default', 'json'] : ['default'],
    ...(process.env.TORGET_TEST_REPORT && {
      outputFile: { json: process.env.TORGET_TEST_REPORT },
    }),
  },
})
