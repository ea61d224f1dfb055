// Delivery-package export for `npm run bench -- archive` (bench/archive.ts): items/s and MB/s
// for a package of `count` entries with one 20 kB image each, and peak memory. The entries
// and images are loaded into a SQLite database first; a child process then exports them as
// `torget archive export` and the web's download do (exportIsolated: a thread of its own that
// reads the period from the database), so its peak is the export's alone. Here, not in
// bench/, so the runner does not list it as a bench.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { metadata } from '../../server/archive/package/fixtures.js'
import type { ChannelRow } from '../../server/repos/channels-repo.js'
import { type ExportJob, exportIsolated } from '../../server/services/archive/isolated-export.js'
import { createTestDatabase } from '../../server/test/databases.js'
import { loadEntries } from './archive-load.js'

const MEDIA_SIZE = 20_000
const DAY = 86_400_000

export interface ExportRun {
  entries: number
  seconds: number
  itemsPerSecond: number
  megabytesPerSecond: number
  bytes: number
  peakRssMb: number
}

/** Loads `count` entries with an image each, then exports them in a child process; its figures. */
export async function runArchiveExport(count: number): Promise<ExportRun> {
  const database = await createTestDatabase('sqlite')
  const dir = await mkdtemp(join(tmpdir(), 'torget-export-bench-'))
  try {
    const libraryId = 'bench-export'
    await database.db
      .insertInto('libraries')
      .values({
        id: libraryId,
        name: 'Stadsbiblioteket',
        time_zone: 'Europe/Stockholm',
        locale: 'sv',
        created_at: new Date().toISOString(),
      })
      .execute()
    // The entries name channels; the archive keeps their ids, not references to them.
    const channels = (['bluesky', 'mastodon', 'bluesky'] as const).map(
      (network, i) =>
        ({ id: `channel-${i}`, network, account_remote_id: `did:plc:library${i}` }) as ChannelRow,
    )
    const raw = new SQLite(database.sqlitePath)
    raw.pragma('cache_size = -262144')
    raw.pragma('synchronous = NORMAL')
    const base = randomBytes(MEDIA_SIZE)
    const until = Date.now()
    try {
      // A distinct image per entry, made cheaply: the fixtures' hashed bytes cost more than the export.
      await loadEntries(database.db, raw, libraryId, channels, count, until, (i) => {
        const bytes = Buffer.from(base)
        bytes.writeUInt32BE(i, 0)
        return bytes
      })
    } finally {
      raw.close()
    }
    const job: ExportJob = {
      database: { url: undefined, sqlitePath: database.sqlitePath },
      libraryId,
      from: new Date(until - 731 * DAY).toISOString(),
      to: new Date(until + DAY).toISOString(),
      out: join(dir, 'package.tar'),
      metadata: metadata({ library: { id: libraryId, name: 'Stadsbiblioteket' } }),
    }
    // A child per run, so each run's peak memory is its own. BENCH_EXPORT_NODE_FLAGS gives it
    // node flags, as a process started with them would run.
    const flags = (process.env.BENCH_EXPORT_NODE_FLAGS ?? '').split(' ').filter(Boolean)
    const out = execFileSync(
      process.execPath,
      [...flags, '--import', 'tsx', import.meta.filename, '--child', JSON.stringify(job)],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    )
    return JSON.parse(out.trim().split('\n').at(-1)!) as ExportRun
  } finally {
    await rm(dir, { recursive: true, force: true })
    await database.drop()
  }
}

async function child(job: ExportJob): Promise<ExportRun> {
  const started = performance.now()
  const result = await exportIsolated(job)
  const seconds = (performance.now() - started) / 1000
  return {
    entries: result.entries,
    seconds,
    itemsPerSecond: result.entries / seconds,
    megabytesPerSecond: result.bytes / 1e6 / seconds,
    bytes: result.bytes,
    peakRssMb: peakRssMb(),
  }
}

/**
 * This process's own peak: getrusage's maxRSS of a spawned child also counts the parent's
 * pages it was forked with (Linux keeps the larger of the two across exec), and the parent
 * has just loaded the archive. VmHWM is the peak of this program's memory alone.
 */
function peakRssMb(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8')
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status)
    if (hwm) return Number(hwm[1]) / 1024
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024
}

if (process.argv[2] === '--child') {
  console.log(JSON.stringify(await child(JSON.parse(process.argv[3]!) as ExportJob)))
}
