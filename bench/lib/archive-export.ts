// Delivery-package export for `npm run bench -- archive` (bench/archive.ts): items/s and MB/s
// for a package of synthetic entries with media, and the process's peak memory, each size in
// a child process of its own. Here, not in bench/, so the runner does not list it as a bench.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ArchiveEntry } from '../../core/archive/entry.js'
import { mediaOf, metadata, published } from '../../server/archive/package/fixtures.js'
import { writeDeliveryPackage } from '../../server/archive/package/write-package.js'

const MEDIA_SIZE = 20_000

/** A distinct image per entry, made cheaply: the fixtures' hashed bytes cost more than the export. */
function image(n: number, base: Buffer): Buffer {
  const bytes = Buffer.from(base)
  bytes.writeUInt32BE(n, 0)
  return bytes
}

export interface ExportRun {
  entries: number
  seconds: number
  itemsPerSecond: number
  megabytesPerSecond: number
  bytes: number
  peakRssMb: number
}

/** Writes one package of `count` entries, one image each, in a child process; its figures. */
export async function runArchiveExport(count: number): Promise<ExportRun> {
  // A child per run, so each run's peak memory is its own. BENCH_EXPORT_NODE_FLAGS (e.g.
  // --max-semi-space-size=8) runs it as a process started with those flags would: V8 grows its
  // young generation the longer a process allocates, so a longer export ends on a larger one.
  const flags = (process.env.BENCH_EXPORT_NODE_FLAGS ?? '').split(' ').filter(Boolean)
  const out = execFileSync(
    process.execPath,
    [...flags, '--import', 'tsx', import.meta.filename, '--child', String(count)],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  )
  return JSON.parse(out.trim().split('\n').at(-1)!) as ExportRun
}

async function child(count: number): Promise<ExportRun> {
  const dir = await mkdtemp(join(tmpdir(), 'torget-export-bench-'))
  try {
    const images = new Map<string, Buffer>()
    const base = randomBytes(MEDIA_SIZE)
    async function* entries(): AsyncGenerator<ArchiveEntry> {
      for (let seq = 1; seq <= count; seq++) {
        const bytes = image(seq, base)
        const media = mediaOf(bytes, `Bild ${seq}`)
        images.set(media.sha256, bytes)
        yield published(seq, `Inlägg ${seq}: välkommen till biblioteket! `.repeat(4), [media])
      }
    }
    const started = performance.now()
    const result = await writeDeliveryPackage({
      out: join(dir, 'package.tar'),
      metadata: metadata(),
      entries: entries(),
      media: async (sha) => {
        const bytes = images.get(sha) ?? null
        images.delete(sha)
        return bytes
      },
    })
    const seconds = (performance.now() - started) / 1000
    return {
      entries: result.entries,
      seconds,
      itemsPerSecond: result.entries / seconds,
      megabytesPerSecond: result.bytes / 1e6 / seconds,
      bytes: result.bytes,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

if (process.argv[2] === '--child') {
  console.log(JSON.stringify(await child(Number(process.argv[3]))))
}
