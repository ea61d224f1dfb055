// Delivery-package export: items/s and MB/s for a package of synthetic entries with media,
// and the process's peak memory. Run at 10,000 and at 100,000 entries: memory must stay
// flat as the period grows (target: the larger run's peak within 1.5× of the smaller's).
// `runArchiveExport` is the part `npm run bench -- archive` calls; run alone with
// `npm run bench -- archive-export`.
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ArchiveEntry } from '../core/archive/entry.js'
import { mediaBytes, mediaOf, metadata, published } from '../server/archive/package/fixtures.js'
import { writeDeliveryPackage } from '../server/archive/package/write-package.js'
import { check, failIfMissed } from './support.js'

const MEDIA_SIZE = 20_000

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
  // A child per run, so each run's peak memory is its own.
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', import.meta.filename, '--child', String(count)],
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
    async function* entries(): AsyncGenerator<ArchiveEntry> {
      for (let seq = 1; seq <= count; seq++) {
        const image = mediaBytes(seq, MEDIA_SIZE)
        const media = mediaOf(image, `Bild ${seq}`)
        images.set(media.sha256, image)
        yield published(seq, `Inlägg ${seq}: välkommen till biblioteket! `.repeat(4), [media])
      }
    }
    const started = performance.now()
    const result = await writeDeliveryPackage({
      out: join(dir, 'package.tar'),
      metadata: metadata(),
      entries: entries(),
      media: async (sha) => {
        const image = images.get(sha) ?? null
        images.delete(sha)
        return image
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
} else if (import.meta.filename === process.argv[1]) {
  const small = await runArchiveExport(Number(process.env.BENCH_SMALL ?? 10_000))
  const large = await runArchiveExport(Number(process.env.BENCH_LARGE ?? 100_000))
  const flat = check('export memory flat', large.peakRssMb <= small.peakRssMb * 1.5)
  console.log('row            entries   items/s    MB/s   size MB   peak RSS MB')
  for (const run of [small, large])
    console.log(
      `export rate  ${String(run.entries).padStart(9)} ${run.itemsPerSecond.toFixed(0).padStart(9)} ${run.megabytesPerSecond.toFixed(1).padStart(7)} ${(run.bytes / 1e6).toFixed(0).padStart(9)} ${run.peakRssMb.toFixed(0).padStart(13)}`,
    )
  console.log(`memory flat (100k peak ≤ 1.5 × 10k peak): ${flat}`)
  failIfMissed()
}
