import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const SERVER = path.resolve(import.meta.dirname, '../..')
// Weeding's one update lives in the archive repository (beside clearing a weeded entry's search
// words); migration 018 rewrites each content to itself once, to fill the new search column.
// Tests that simulate tampering may write.
const ALLOWED = new Set(['repos/archive-repo.ts', 'db/migrations/018-archive-search.ts'])

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name)
    if (d.isDirectory()) return sources(full)
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [full] : []
  })
}

describe('archive entries', () => {
  it('are deleted by no code, and changed only by weeding in the archive repository', () => {
    const writers = sources(SERVER).filter((file) => {
      const text = fs.readFileSync(file, 'utf8')
      return /(deleteFrom|updateTable)\(\s*['"]archive_entries['"]|\b(delete\s+from|update)\s+"?archive_entries\b/i.test(
        text,
      )
    })
    const relative = writers.map((f) => path.relative(SERVER, f).split(path.sep).join('/'))
    expect(relative.filter((f) => !ALLOWED.has(f))).toEqual([])
    // The repository writes only in `weed`: one update, no delete.
    const repo = fs.readFileSync(path.join(SERVER, 'repos/archive-repo.ts'), 'utf8')
    expect(repo.match(/updateTable\('archive_entries'\)/g)).toHaveLength(1)
    expect(repo).not.toMatch(/deleteFrom\('archive_entries'\)/)
  })
})
