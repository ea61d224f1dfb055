import os from 'node:os'
import path from 'node:path'
import { BaseSequencer, type TestSpecification } from 'vitest/node'
import { defineConfig } from 'vitest/config'

/**
 * Without durations from an earlier run, these go first: the two that spend most of their time
 * waiting for a post due at the next whole minute, so their waiting overlaps others' work, and
 * the chaos test, the longest of the rest and small on disk (measured: 85–110 s, 25–32 s).
 */
const FIRST = [
  'e2e/meta-connect.test.ts',
  'e2e/publishing.test.ts',
  'server/services/chaos.test.ts',
]

/**
 * Longest first, so that no long file starts last and runs alone. Vitest knows durations only
 * from an earlier run on the same checkout; on a fresh clone (CI) it falls back to file size,
 * which puts the browser files, the longest by far, late. Without durations: FIRST, then the
 * browser files, then the rest, each group largest first.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    if (files.every((file) => this.ctx.cache.getTestSpecificationResult(file))) return sorted
    const rank = (file: TestSpecification) => {
      const relative = path.relative(this.ctx.config.root, file.moduleId)
      if (FIRST.includes(relative)) return FIRST.indexOf(relative) - FIRST.length
      return relative.startsWith('e2e/') ? 1 : 2
    }
    // Array.prototype.sort is stable: within a rank the base order stays.
    return sorted.sort((a, b) => rank(a) - rank(b))
  }
}

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'server/**/*.test.ts', 'web/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['server/test/setup.ts'],
    // Vitest's default on two cores is one file at a time, and much of the suite waits (a post due
    // at the next minute, the Bluesky network, Chromium). On two cores, three files at once keep
    // both busy while one of them waits.
    maxWorkers: Math.max(3, os.availableParallelism() - 1),
    sequence: { sequencer: LongestFirst },
    // Browser and API checks poll; CI runs many files at once on two cores, so allow them time.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    // CI (.ci/run) reads a JSON report beside the usual output; `npm run verify` stays as it is.
    reporters: process.env.TORGET_TEST_REPORT ? ['default', 'json'] : ['default'],
    ...(process.env.TORGET_TEST_REPORT && {
      outputFile: { json: process.env.TORGET_TEST_REPORT },
    }),
  },
})
