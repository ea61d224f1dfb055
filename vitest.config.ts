import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'server/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Browser and API checks poll; CI runs many files at once on two cores, so allow them time.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    reporters: ['default'],
  },
})
