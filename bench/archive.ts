// The public-records archive. So far: `export rate` — a delivery package of synthetic entries
// with one 20 kB image each, at BENCH_EXPORT_SMALL (10,000) and BENCH_EXPORT_LARGE (100,000)
// entries, each in a child process of its own (bench/lib/archive-export.ts), with its peak
// memory. Target: memory flat as the period grows (the larger peak within 1.5× of the smaller).
// Still to come: `capture rate` and `search p99` (issue 11, Figures).
import { runArchiveExport } from './lib/archive-export.js'
import { check, failIfMissed } from './support.js'

const small = await runArchiveExport(Number(process.env.BENCH_EXPORT_SMALL ?? 10_000))
const large = await runArchiveExport(Number(process.env.BENCH_EXPORT_LARGE ?? 100_000))
const flat = check('export memory flat', large.peakRssMb <= small.peakRssMb * 1.5)
console.log('row            entries   items/s    MB/s   size MB   peak RSS MB')
for (const run of [small, large])
  console.log(
    `export rate  ${String(run.entries).padStart(9)} ${run.itemsPerSecond.toFixed(0).padStart(9)} ${run.megabytesPerSecond.toFixed(1).padStart(7)} ${(run.bytes / 1e6).toFixed(0).padStart(9)} ${run.peakRssMb.toFixed(0).padStart(13)}`,
  )
console.log(`memory flat (larger peak ≤ 1.5 × smaller peak): ${flat}`)
failIfMissed()
